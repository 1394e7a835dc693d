import InvoiceQLSimulation
import Testing

@testable import InvoiceQL

/// The heart of the planner's contract, for every provider and every reading of what its
/// documentation leaves open: the server's answer to the planned request contains every true match,
/// and the residual keeps exactly the true matches.
@Suite struct SimulatedServerPropertyTests {
  static let providers = ["rhythm", "elevate", "roadsync", "softwareone", "wethod"]
  /// Each query runs over 10 random invoices under all 16 readings of the unknowns.
  static let queriesPerProvider = 300

  @Test(arguments: providers)
  func serverAnswerContainsEveryMatchAndResidualLeavesExactlyTheMatches(provider: String) throws {
    let generator = ProviderQueryGenerator(provider: provider)
    let settings = ProviderQueryGenerator.settings[provider] ?? [:]
    let server = try #require(SimulatedServers.named(provider))
    var r = PlanningRandom(seed: 0xC0FFEE ^ UInt64(provider.utf8.count * 7919))
    var cases = 0
    var pushedSomething = 0
    for _ in 0..<Self.queriesPerProvider {
      let filter = generator.expression(&r, depth: 3)
      let plan = try Planner.plan(BoundQuery(filter: filter), provider: provider, settings: settings)
      if !plan.pushed.isEmpty { pushedSomething += 1 }
      let invoices = generator.invoices(&r, count: 10)
      let truth = invoices.filter { ReferenceEvaluator.matches(filter, on: $0) }
      let truthIds = truth.compactMap { $0["id"] }
      guard plan.canMatch else {
        #expect(truth.isEmpty, "no request planned but \(truth.count) match: \(filter)")
        continue
      }
      let request = try #require(plan.requests.first)
      for unknowns in Unknowns.all {
        let answer: [JSONValue]
        do {
          answer = try server.answer(ParsedRequest(request), invoices, unknowns, settings: settings)
        } catch {
          Issue.record(
            "\(provider): \(error)\nrequest: \(request.url) \(request.body ?? "")\nfilter: \(filter)")
          return
        }
        let answerIds = answer.compactMap { $0["id"] }
        let missing = truthIds.filter { !answerIds.contains($0) }
        let kept = answer.filter { invoice in
          plan.residual.map { ReferenceEvaluator.matches($0, on: invoice) } ?? true
        }
        let keptIds = kept.compactMap { $0["id"] }
        let ok = missing.isEmpty && keptIds == truthIds
        #expect(
          ok,
          "\(provider) [\(unknowns)]\nfilter: \(filter)\nrequest: \(request.url) \(request.body ?? "")\nresidual: \(plan.residualText ?? "none")\nmissing: \(missing)\nkept: \(keptIds)\ntruth: \(truthIds)"
        )
        if !ok { return }
        cases += 1
      }
    }
    #expect(cases > Self.queriesPerProvider * Unknowns.all.count / 2)
    print("simulated \(provider): \(cases) cases (query × reading), \(pushedSomething) plans pushed a filter")
    if provider != "rhythm" { #expect(pushedSomething > 50) }
  }
}
