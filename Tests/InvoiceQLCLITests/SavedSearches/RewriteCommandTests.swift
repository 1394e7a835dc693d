import Testing

@testable import InvoiceQLCLI

@Suite("rewrite command")
struct RewriteCommandTests {
  static let searches = """
    [
      {"name": "late", "provider": "elevate", "query": "paymentStatusUpdatedDate  =  \\"2025-01-01\\" and paymentStatus = PAID", "owner": {"id": 1}},
      {"name": "bad", "query": "status = = open", "tags": ["x"]},
      {"name": "rh", "provider": "rhythm", "query": "status in (open, \\"written off\\") sort by date_due desc"},
      {"query": "total > 5"}
    ]

    """
  static let rules = """
    {"fields": [{"from": "paymentStatusUpdatedDate", "to": "paymentStatusUpdatedTime", "provider": "elevate"}],
     "values": [{"field": "status", "from": "written off", "to": "writtenOff", "provider": "rhythm"}]}
    """

  @Test func rewritesToStdoutKeepingEveryOtherByteAndReportsEachSearch() async throws {
    let dir = try ScratchDirectory()
    let f = try dir.file("s.json", Self.searches)
    let rules = try dir.file("r.json", Self.rules)
    let r = await SavedSearchCLI.run(["rewrite", "--rules", rules, f])
    #expect(r.status == InvoiceQLCLI.ExitStatus.failure)
    #expect(
      r.stdout
        == Self.searches
        .replacingOccurrences(of: "paymentStatusUpdatedDate", with: "paymentStatusUpdatedTime")
        .replacingOccurrences(of: "\\\"written off\\\"", with: "\\\"writtenOff\\\""))
    #expect(r.stderr.contains("#1 (line 2) \"late\": rewritten"))
    #expect(r.stderr.contains("#2 (line 3) \"bad\": error\n  error: expected a value, found '='"))
    #expect(r.stderr.contains("#4 (line 5): unchanged"))
    #expect(r.stderr.hasSuffix("4 searches: 2 rewritten, 1 unchanged, 1 failed\n"))
    #expect(try dir.read("s.json") == Self.searches)
  }

  @Test func inPlaceAndOutputFileWriteTheSameBytesAndASecondRunChangesNothing() async throws {
    let dir = try ScratchDirectory()
    let f = try dir.file("s.json", Self.searches)
    let rules = try dir.file("r.json", Self.rules)
    let toFile = await SavedSearchCLI.run(["rewrite", "--rules", rules, "-o", dir.path + "/out.json", f])
    #expect(toFile.stdout.isEmpty)
    let inPlace = await SavedSearchCLI.run(["rewrite", "--rules", rules, "--in-place", f])
    #expect(inPlace.status == InvoiceQLCLI.ExitStatus.failure)
    #expect(try dir.read("s.json") == dir.read("out.json"))
    #expect(try dir.read("s.json") != Self.searches)
    let again = await SavedSearchCLI.run(["rewrite", "--rules", rules, "--in-place", f])
    #expect(again.stderr.hasSuffix("4 searches: 0 rewritten, 3 unchanged, 1 failed\n"))
    #expect(try dir.read("s.json") == dir.read("out.json"))
  }

  @Test func jsonLinesWithABrokenLineRewritesTheOthersAndExitsOne() async throws {
    let dir = try ScratchDirectory()
    let f = try dir.file(
      "s.jsonl",
      "{\"query\": \"erpData.invoiceTotal > 1\", \"provider\": \"softwareone\"}\n{oops\n\n{\"query\": \"id = 1\"}\n"
    )
    let rules = try dir.file(
      "r.json", "{\"fields\": [{\"from\": \"erpData.invoiceTotal\", \"to\": \"erpData.balanceDue\"}]}")
    let r = await SavedSearchCLI.run(["rewrite", "--rules", rules, f])
    #expect(r.status == InvoiceQLCLI.ExitStatus.failure)
    #expect(
      r.stdout
        == "{\"query\": \"erpData.balanceDue > 1\", \"provider\": \"softwareone\"}\n{oops\n\n{\"query\": \"id = 1\"}\n"
    )
    #expect(
      r.stderr.contains("#2 (line 2): error: invalid JSON at column 2: expected a member name in quotes"))
  }

  @Test func retargetingRewritesQueryAndProviderAndReportsWhatCannotMove() async throws {
    let dir = try ScratchDirectory()
    let f = try dir.file(
      "s.json",
      """
      [{"provider": "elevate", "query": "paymentStatus = PAID and invoiceTotalAmount > 5"},
       {"provider": "elevate", "query": "dueDate < today"},
       {"query": "total > 5"}]
      """)
    let r = await SavedSearchCLI.run(["rewrite", "--to", "wethod", f])
    #expect(r.status == InvoiceQLCLI.ExitStatus.failure)
    #expect(
      r.stdout == """
        [{"provider": "wethod", "query": "status = paid and total > 5"},
         {"provider": "elevate", "query": "dueDate < today"},
         {"query": "total > 5"}]
        """)
    #expect(r.stderr.contains("error: wethod has no field 'dueDate'"))
    #expect(r.stderr.contains("  provider: wethod"))
  }
}
