import InvoiceQL
import Testing

@testable import InvoiceQLCLI

@Suite struct DemoCommandTests {
  private func run(_ arguments: [String]) async -> (InvoiceQLCLI.ExitStatus, String, String) {
    let out = StringSink()
    let err = StringSink()
    let status = await CommandLineTool.main(
      arguments: ["demo"] + arguments, stdin: StringSource(""), stdout: out, stderr: err)
    return (status, out.text, err.text)
  }

  /// The ids the demo should print for `provider`, computed without the planner or the streaming
  /// decoder: the sample page decoded whole, the reference evaluator, the sorter, the limit.
  private func expectedIDs(_ provider: String, _ text: String) throws -> [String] {
    let catalog = try #require(Provider.named(provider)?.catalog)
    let now = Instant(seconds: 1_747_310_400, fraction: "")
    let query = try Binder.bind(
      try Parser.parse(text), catalog: catalog, context: .utc(now: now), source: text)
    let page = try JSONValue(parsing: try #require(SampleResponses.body(for: provider)))
    let list = try SampleResponses.items(of: page, provider: provider)
    guard case .array(let items) = list else {
      Issue.record("no invoice list in the sample page of \(provider)")
      return []
    }
    let matching = InvoiceSorter.sort(
      items.filter { ReferenceEvaluator.matches(query.filter, on: $0) }, by: query.sort)
    let kept = query.limit.map { Array(matching.prefix($0)) } ?? matching
    return kept.map { invoice in
      switch invoice["id"] {
      case .string(let s): s
      case .number(let n): n
      default: "?"
      }
    }
  }

  @Test func everyProviderSectionPrintsItsRequestAndTheTrueMatches() async throws {
    let (status, out, err) = await run([])
    #expect(status == .success)
    #expect(err.isEmpty)
    for (registered, query) in DemoCommand.examples {
      let provider = registered.name
      let section = try #require(out.components(separatedBy: "\n\(provider): \(query)\n").last)
      #expect(section.contains("  request   "))
      let ids = try expectedIDs(provider, query)
      #expect(!ids.isEmpty, "the example for \(provider) should select something")
      let line = try #require(section.split(separator: "\n").first { $0.hasPrefix("  matches") })
      #expect(line.hasSuffix(": " + ids.joined(separator: ", ")), "\(provider): \(line)")
    }
  }

  @Test func aQueryOfTheUsersRunsOnTheNamedProvider() async throws {
    let (status, out, _) = await run(["--provider", "elevate", "total > 300"])
    #expect(status == .success)
    #expect(!out.contains("\nrhythm:"))
    let ids = try expectedIDs("elevate", "total > 300")
    #expect(out.contains("matches   \(ids.count) of 8 invoices: \(ids.joined(separator: ", "))"))
  }

  @Test func aBadQueryIsAnErrorWithItsDiagnostic() async {
    let (status, _, err) = await run(["--provider", "rhythm", "dueDat < 2025-01-01"])
    #expect(status == .failure)
    #expect(err.contains("unknown field 'dueDat'"))
    #expect(err.contains("^~~~~~"))
  }

  @Test func badOptionsAreUsageErrors() async {
    #expect(await run(["--provider", "nowhere"]).0 == .usage)
    #expect(await run(["--frobnicate"]).0 == .usage)
    #expect(await run(["a = 1", "b = 2"]).0 == .usage)
  }
}
