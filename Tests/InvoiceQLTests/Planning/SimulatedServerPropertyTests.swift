import InvoiceQLSimulation
import Testing

@testable import InvoiceQL
@testable import InvoiceQLImport
@testable import InvoiceQLJSON
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSavedSearches
@testable import InvoiceQLSemantics
@testable import InvoiceQLStreaming
@testable import InvoiceQLSyntax

/// The heart of the planner's contract, for every provider and every reading of what its
/// documentation leaves open: the server's answer to the planned request contains every true match,
/// and the residual keeps exactly the true matches. Queries quantify over arrays (with contradictions
/// and tautologies inside), sit on the calendar's edges and on the bounds the APIs document, and are
/// also read back from text with their numbers spelled other ways (`007`, `5.000`, `50e-1`).
@Suite struct SimulatedServerPropertyTests {
  static let providers = Provider.names
  /// Each query runs over 10 random invoices under all 32 readings of the unknowns.
  static let queriesPerProvider = 300

  @Test(arguments: providers)
  func serverAnswerContainsEveryMatchAndResidualLeavesExactlyTheMatchesAndReadsBack(provider: String) throws {
    let settings = ProviderQueryGenerator.settings[provider] ?? [:]
    guard
      let (cases, pushedSomething, decidedQuantifiers) = try simulate(
        provider, settings: settings, seed: 0xC0FFEE ^ UInt64(provider.utf8.count * 7919))
    else { return }
    #expect(cases > Self.queriesPerProvider * Unknowns.all.count / 2)
    print(
      "simulated \(provider): \(cases) cases (query × reading), \(pushedSomething) plans pushed a filter, "
        + "\(decidedQuantifiers) residuals quantify a contradiction or tautology")
    if provider != "rhythm" { #expect(pushedSomething > 50) }
    if !(ProviderQueryGenerator.arrayPaths[provider] ?? [:]).isEmpty { #expect(decidedQuantifiers > 5) }
  }

  /// Each provider's other endpoints, chosen by a setting (`ProviderTestRows.otherEndpoints`:
  /// stripe's opt-in search), under the same property and every reading of the unknowns.
  static let otherEndpoints: [(String, [String: String])] = Provider.names.flatMap { name in
    ProviderTestRows.of(name).otherEndpoints.map {
      (name, ProviderTestRows.of(name).settings.merging($0) { $1 })
    }
  }

  @Test(arguments: otherEndpoints)
  func onEveryOtherEndpointTheAnswerContainsEveryMatchAndTheResidualLeavesExactlyThem(
    provider: String, settings: [String: String]
  ) throws {
    guard
      let (cases, pushedSomething, _) = try simulate(
        provider, settings: settings, seed: 0x5EA2C4 ^ UInt64(provider.utf8.count * 7919))
    else { return }
    #expect(cases > Self.queriesPerProvider * Unknowns.all.count / 2)
    print("simulated \(provider) \(settings): \(cases) cases, \(pushedSomething) plans pushed a filter")
    #expect(pushedSomething > Self.queriesPerProvider / 10)
  }

  /// Runs the property over random queries and invoices on `provider` with `settings`: the cases
  /// checked (query × reading), the plans that pushed a filter and the residuals that quantify a
  /// contradiction or tautology; nil after recording an issue.
  func simulate(_ provider: String, settings: [String: String], seed: UInt64) throws -> (Int, Int, Int)? {
    let generator = ProviderQueryGenerator(provider: provider)
    let catalog = try #require(Provider.named(provider)?.catalog)
    let server = try #require(SimulatedServers.named(provider))
    var r = PlanningRandom(seed: seed)
    var cases = 0
    var pushedSomething = 0
    var decidedQuantifiers = 0
    for _ in 0..<Self.queriesPerProvider {
      let filter = generator.expression(&r, depth: 3)
      let invoices = generator.invoices(&r, count: 10)
      guard readsBack(filter, SpelledQueries.spelled(filter, catalog, &r), catalog, invoices, "query") else {
        return nil
      }
      let plan = try Planner.plan(BoundQuery(filter: filter), provider: provider, settings: settings)
      if !plan.pushed.isEmpty { pushedSomething += 1 }
      if let residual = plan.residual, let text = plan.residualText {
        guard readsBack(residual, text, catalog, invoices, "residual of \(filter)") else { return nil }
        if Self.hasDecidedQuantifier(residual) { decidedQuantifiers += 1 }
      }
      for fragment in plan.pushed {
        guard (try? SpelledQueries.bind(fragment.predicate, catalog)) != nil else {
          Issue.record("\(provider): pushed fragment '\(fragment.predicate)' does not bind")
          return nil
        }
      }
      let truth = invoices.filter { ReferenceEvaluator.matches(filter, on: $0) }
      let truthIds = truth.compactMap { $0["id"] }
      guard plan.canMatch else {
        #expect(truth.isEmpty, "no request planned but \(truth.count) match: \(filter)")
        continue
      }
      let request = try #require(plan.requests.first)
      for unknowns in Unknowns.all {
        var answer: [JSONValue] = []
        do {
          // Several listings (one per value of a list the API takes one at a time): their union,
          // without duplicates, in the invoices' order.
          var ids = Set<JSONValue>()
          for one in plan.requests {
            for invoice in try server.answer(ParsedRequest(one), invoices, unknowns, settings: settings) {
              if let id = invoice["id"] { ids.insert(id) }
            }
          }
          answer = invoices.filter { $0["id"].map(ids.contains) ?? false }
        } catch {
          Issue.record(
            "\(provider): \(error)\nrequest: \(request.url) \(request.body ?? "")\nfilter: \(filter)")
          return nil
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
        if !ok { return nil }
        cases += 1
      }
    }
    return (cases, pushedSomething, decidedQuantifiers)
  }

  /// Whether `text` parses and binds on the provider and means what `expected` means, three-valued,
  /// on every invoice; records an issue when not.
  func readsBack(
    _ expected: BoundExpression, _ text: String, _ catalog: FieldCatalog, _ invoices: [JSONValue],
    _ what: String
  ) -> Bool {
    let bound: BoundExpression
    do {
      bound = try SpelledQueries.bind(text, catalog)
    } catch {
      Issue.record("\(catalog.provider): the \(what) does not read back: \(text)\n\(error)")
      return false
    }
    for invoice in invoices {
      let want = ReferenceEvaluator.evaluate(expected, on: invoice)
      let got = ReferenceEvaluator.evaluate(bound, on: invoice)
      if want != got {
        Issue.record(
          "\(catalog.provider): the \(what) reads back as \(text): \(got) for \(want) on \(invoice)")
        return false
      }
    }
    return true
  }

  /// Whether a quantifier in `e` has a constant body (a contradiction or tautology folded).
  static func hasDecidedQuantifier(_ e: BoundExpression) -> Bool {
    switch e {
    case .quantified(_, _, .constant): true
    case .quantified(_, _, let body), .not(let body): hasDecidedQuantifier(body)
    case .and(let xs), .or(let xs): xs.contains(where: hasDecidedQuantifier)
    case .constant, .predicate: false
    }
  }
}
