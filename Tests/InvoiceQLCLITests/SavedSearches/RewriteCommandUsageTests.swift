import Testing

@testable import InvoiceQLCLI

@Suite("rewrite command: usage and input errors")
struct RewriteCommandUsageTests {
  @Test(arguments: [
    ([], "missing FILE"),
    (["a.json", "b.json"], "expected one FILE, got 2"),
    (["--in-place", "-o", "x", "a.json"], "--in-place and -o cannot be used together"),
    (["--rules"], "--rules needs a value"),
    (["--to", "acme", "a.json"], "unknown provider 'acme'"),
    (["--frobnicate", "a.json"], "unknown option '--frobnicate'"),
  ])
  func badArgumentsAreUsageErrors(arguments: [String], message: String) async {
    let r = await SavedSearchCLI.run(["rewrite"] + arguments)
    #expect(r.status == InvoiceQLCLI.ExitStatus.usage)
    #expect(r.stderr.contains("error: \(message)"))
    #expect(r.stderr.contains("usage: invoiceql rewrite"))
  }

  @Test func helpDocumentsTheRulesSchema() async {
    let r = await SavedSearchCLI.run(["rewrite", "--help"])
    #expect(r.status == InvoiceQLCLI.ExitStatus.success)
    #expect(r.stdout.contains("\"fields\": [{\"from\""))
    #expect(r.stdout.contains("\"values\""))
  }

  @Test func aMissingFileIsAnInputError() async throws {
    let dir = try ScratchDirectory()
    let r = await SavedSearchCLI.run(["rewrite", dir.path + "/none.json"])
    #expect(r.status == InvoiceQLCLI.ExitStatus.failure)
    #expect(r.stderr.contains("cannot open '\(dir.path)/none.json'"))
  }

  @Test func anInvalidArrayFileIsAnInputErrorAndNothingIsWritten() async throws {
    let dir = try ScratchDirectory()
    let f = try dir.file("s.json", "[{\"query\": \"a = 1\"} {}]")
    let r = await SavedSearchCLI.run(["rewrite", "--in-place", f])
    #expect(r.status == InvoiceQLCLI.ExitStatus.failure)
    #expect(r.stderr.contains("invalid JSON at byte 20: expected ',' or ']'"))
    #expect(try dir.read("s.json") == "[{\"query\": \"a = 1\"} {}]")
  }

  @Test func anInvalidRulesFileListsEveryProblem() async throws {
    let dir = try ScratchDirectory()
    let f = try dir.file("s.json", "[]")
    let rules = try dir.file("r.json", "{\"fields\": [{\"from\": \"a\"}], \"values\": [{\"to\": \"b\"}]}")
    let r = await SavedSearchCLI.run(["rewrite", "--rules", rules, f])
    #expect(r.status == InvoiceQLCLI.ExitStatus.failure)
    #expect(r.stderr.contains("fields[0]: missing 'to'"))
    #expect(r.stderr.contains("values[0]: missing 'field'"))
  }
}
