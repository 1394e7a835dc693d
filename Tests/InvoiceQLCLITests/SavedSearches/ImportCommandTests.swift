import Testing

@testable import InvoiceQLCLI

@Suite("import command")
struct ImportCommandTests {
  @Test func printsTheCanonicalQueryAndExitsZero() async {
    let r = await SavedSearchCLI.run([
      "import", "--provider", "elevate", "dueDate=lt:2025-05-01&paymentStatus=in:PAID,UNPAID",
    ])
    #expect(r.status == InvoiceQLCLI.ExitStatus.success)
    #expect(r.stdout == "dueDate < 2025-05-01 and status in (PAID, UNPAID)\n")
    #expect(r.stderr.isEmpty)
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
    (["--provider", "stripe", "x"], "unknown provider 'stripe'"),
    (["--provider", "elevate"], "missing NATIVE"),
    (["--provider"], "--provider needs a value"),
  ])
  func badArgumentsAreUsageErrors(arguments: [String], message: String) async {
    let r = await SavedSearchCLI.run(["import"] + arguments)
    #expect(r.status == InvoiceQLCLI.ExitStatus.usage)
    #expect(r.stderr.hasPrefix("error: \(message)"))
  }
}
