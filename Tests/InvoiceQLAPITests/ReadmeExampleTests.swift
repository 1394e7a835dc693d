import Foundation
import InvoiceQL
import InvoiceQLClient
import TestSupport
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Runs every README example (ReadmeExamples.swift) and checks what it prints or returns; checks
/// that the README shows exactly those examples.
@Suite struct ReadmeExampleTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The code between `README begin` and `README end` markers, dedented, in order.
  static func markedBlocks(_ text: String) -> [String] {
    var blocks: [String] = []
    var current: [Substring]?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed == "// README begin" {
        current = []
      } else if trimmed == "// README end", let lines = current {
        let indent =
          lines.filter { !$0.allSatisfy(\.isWhitespace) }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
        blocks.append(lines.map { String($0.dropFirst(min(indent, $0.count))) }.joined(separator: "\n"))
        current = nil
      } else {
        current?.append(line)
      }
    }
    return blocks
  }

  /// The README's ```swift blocks, without `import` lines (the test file has its own).
  static func readmeBlocks(_ text: String) -> [String] {
    let parts = text.components(separatedBy: "```swift\n").dropFirst()
    return parts.map { part in
      let code = part.components(separatedBy: "```").first ?? ""
      return code.split(separator: "\n", omittingEmptySubsequences: false)
        .filter { !$0.hasPrefix("import ") }
        .drop { $0.isEmpty }
        .joined(separator: "\n")
        .trimmingCharacters(in: .newlines)
    }
  }

  @Test func theReadmeShowsExactlyTheExamplesThatAreCompiledHere() throws {
    let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
    let source = try String(
      contentsOf: Self.root.appendingPathComponent("Tests/InvoiceQLAPITests/ReadmeExamples.swift"),
      encoding: .utf8)
    let compiled = Self.markedBlocks(source)
    #expect(compiled.count >= 7)
    #expect(Self.readmeBlocks(readme) == compiled)
  }

  @Test func planningPushesTheDueDateAndKeepsTheStatusOnTheClient() throws {
    let plan = try ReadmeExamples.plan()
    #expect(plan.provider == "elevate")
    #expect(plan.requests.count == 1)
    #expect(
      plan.requests[0].url
        == "/invoices?paymentStatus=in:PAID,PARTIALLY_PAID,UNPAID&dueDate=lt:2025-05-01&page=1&pageSize=1000")
    // Whether `lt:` excludes its bound is undocumented: the server's answer may hold the bound's day.
    #expect(plan.pushed.map(\.exactness) == [.superset, .superset])
    #expect(plan.residual == "status in (PAID, PARTIALLY_PAID, UNPAID) and dueDate < 2025-05-01")
  }

  static var elevateBody: Data { Data(Provider.elevate.sample.body.utf8) }

  /// The elevate sample's invoices, read by Foundation (a top-level array).
  static func elevateInvoices() throws -> [[String: Any]] {
    try #require(try JSONSerialization.jsonObject(with: elevateBody) as? [[String: Any]])
  }

  @Test func filteringABodyAppliesTheSortAndLimit() throws {
    let found = try ReadmeExamples.filter(body: Self.elevateBody)
    // Every invoice of the sample with a total over 1000, by due date, latest first.
    let expected = try Self.elevateInvoices()
      .filter { (($0["invoiceTotalAmount"] as? NSNumber)?.doubleValue ?? 0) > 100 }
      .sorted { ($0["dueDate"] as? String ?? "") > ($1["dueDate"] as? String ?? "") }
      .prefix(3)
      .map { "\($0["id"]!)" }
    #expect(expected.count == 3)
    #expect(found.map { $0.id ?? "" } == expected)
  }

  @Test func filteringAFileStreamsItsMatches() async throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID()).json")
    try Data(Provider.rhythm.sample.body.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let ids = try await ReadmeExamples.filterFile(at: file)
    let inMemory = try InvoiceFilter("status = open and dueDate < today", provider: .rhythm)
      .matches(in: Data(Provider.rhythm.sample.body.utf8))
    #expect(!ids.isEmpty)
    #expect(ids == inMemory.map { $0.id ?? "-" })
  }

  @Test func aMissingFileIsAnErrorNamingIt() async throws {
    let filter = try InvoiceFilter("total > 1", provider: .rhythm)
    await #expect(throws: FileReadError.self) {
      for try await _ in filter.matches(inFile: URL(fileURLWithPath: "/nonexistent/invoices.json")) {}
    }
  }

  @Test func matchesDecodeIntoAnyDecodable() throws {
    let invoices = try ReadmeExamples.decode(body: Self.elevateBody)
    #expect(!invoices.isEmpty)
    #expect(invoices.allSatisfy { $0.invoiceTotalAmount > 100 })
  }

  @Test func fetchingFromALiveAPIGoesThroughThePlanAndThePages() async throws {
    let invoices = try Self.elevateInvoices()
    var request = URLRequest(url: try FakeBillingServer.get().root.appendingPathComponent("_scenarios"))
    request.httpMethod = "POST"
    request.httpBody = try JSONSerialization.data(withJSONObject: [
      "provider": "elevate", "invoices": invoices, "pageSize": 2,
    ])
    let (answer, _) = try await URLSession.shared.data(for: request)
    let apiURL = try FakeBillingServer.get().scenarioURL(fromAnswer: answer)
    let fetched = try await ReadmeExamples.fetch(apiURL: apiURL, token: "t0ken")
    let local = try InvoiceFilter("status = open limit 50", provider: .elevate).matches(in: Self.elevateBody)
    #expect(!local.isEmpty)
    #expect(fetched.map(\.id) == local.map(\.id))
  }

  @Test func rewritingMovesASavedSearchToAnotherProvider() {
    let moved = ReadmeExamples.rewrite()
    #expect(moved.status == .rewritten)
    #expect(moved.query == "status = open and dueDate < 2025-05-01")
    #expect(moved.provider == "elevate")
  }

  @Test func importingLiftsANativeFilterBackIntoAQuery() throws {
    let imported = try ReadmeExamples.importNative()
    #expect(imported.query.canonicalText == "status in (UNPAID) and dueDate <= 2025-05-01")
    #expect(imported.warnings.map(\.kind) == [.importApproximate])
  }
}
