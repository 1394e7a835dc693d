import Testing

@testable import InvoiceQL
@testable import InvoiceQLCLI

@Suite("import command")
struct ImportCommandTests {
  @Test func printsTheCanonicalQueryAndExitsZero() async {
    let r = await SavedSearchCLI.run([
      "import", "--provider", "elevate", "dueDate=2025-05-01&paymentStatus=in:PAID,UNPAID",
    ])
    #expect(r.status == InvoiceQLCLI.ExitStatus.success)
    #expect(r.stdout == "dueDate = 2025-05-01 and status in (PAID, UNPAID)\n")
    #expect(r.stderr.isEmpty)
  }

  /// A native filter without a condition prints the empty filter (the language reference), with a note saying so.
  @Test func aNativeFilterWithoutAConditionPrintsTheEmptyFilter() async throws {
    let provider = try #require(Provider.all.first { $0.importFilter("page=1").query != nil })
    let r = await SavedSearchCLI.run(["import", "--provider", provider.name, "page=1"])
    #expect(r.status == InvoiceQLCLI.ExitStatus.success, "\(r.stderr)")
    #expect(r.stdout == "\n")
    #expect(r.stderr.contains("note: the native filter has no condition: the query selects every invoice"))
  }

  /// The official Python client's shape: single quotes, an `isoformat()` instant on a date field,
  /// `render()`. The query prints; the approximation is a warning and the skipped option a note.
  @Test func anOfficialClientFilterImportsWithItsWarningAndNote() async {
    let r = await SavedSearchCLI.run([
      "import", "--provider", "softwareone",
      "le(erpData.dueDate,'2025-05-31T23:59:59+00:00')&select=%2BerpData&render()",
    ])
    #expect(r.status == InvoiceQLCLI.ExitStatus.success)
    #expect(r.stdout == "dueDate <= 2025-06-01\n")
    let lines = r.stderr.split(separator: "\n").filter { !$0.hasPrefix(" ") }
    #expect(lines.map { $0.prefix(while: { $0 != ":" }) } == ["warning", "note"], "\(r.stderr)")
    #expect(r.stderr.contains("note: 'render()' is an output option and is skipped"))
  }

  @Test func warningsGoToStderrWithACaretAndTheQueryStillPrints() async {
    let r = await SavedSearchCLI.run([
      "import", "--provider", "elevate", "customerId=5&invoiceNumber=like:A%",
    ])
    #expect(r.status == InvoiceQLCLI.ExitStatus.success)
    #expect(r.stdout == "customerId = 5\n")
    #expect(r.stderr.hasPrefix("warning: 'like:' on 'invoiceNumber' is not imported"))
    #expect(
      r.stderr.contains(
        " | customerId=5&invoiceNumber=like:A%\n |" + String(repeating: " ", count: 28) + "^~~~~~~"))
  }

  @Test func errorsExitOneAndPrintNoQuery() async {
    let r = await SavedSearchCLI.run(["import", "--provider", "softwareone", "eq(nope,1)"])
    #expect(r.status == InvoiceQLCLI.ExitStatus.failure)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.hasPrefix("error: softwareone has no field 'nope'"))
  }

  @Test(arguments: [
    (["x"], "missing --provider"),
    (["--provider", "acme", "x"], "unknown provider 'acme'"),
    (["--provider", "elevate"], "missing NATIVE"),
    (["--provider"], "--provider needs a value"),
  ])
  func badArgumentsAreUsageErrors(arguments: [String], message: String) async {
    let r = await SavedSearchCLI.run(["import"] + arguments)
    #expect(r.status == InvoiceQLCLI.ExitStatus.usage)
    #expect(r.stderr.hasPrefix("error: \(message)"))
  }
}
