import InvoiceQLSimulation
import TestSupport
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

@Suite("rewrite: whole-pipeline properties")
struct RewritePropertyTests {
  /// Random and/or/not trees over a provider's atoms, with repeats so there is something to merge.
  static func randomQuery(_ atoms: [String], _ rng: inout SavedSearchRandom, depth: Int = 0) -> String {
    if depth < 2 && rng.chance(45) {
      let op = rng.pick([" and ", " or "])
      return "("
        + (0..<rng.int(2...4)).map { _ in randomQuery(atoms, &rng, depth: depth + 1) }.joined(separator: op)
        + ")"
    }
    if depth < 2 && rng.chance(10) { return "not " + randomQuery(atoms, &rng, depth: depth + 1) }
    return rng.pick(atoms)
  }

  @Test func propertySimplifiedSearchesMatchTheSameInvoicesAndRewritingTwiceChangesNothing() throws {
    var rng = SavedSearchRandom(seed: 0x51A7)
    let rewriter = SavedSearchRewriter()
    var simplified = 0
    var cases = 0
    for provider in Provider.names {
      let catalog = try #require(Provider.named(provider)?.catalog)
      // A few fields keep the chance of two constraints on one field high.
      let atoms =
        Array(ImportRoundTripTests.atoms(catalog).shuffled(using: &rng).prefix(10))
        + ["today-3d", "2025-04-30"].compactMap { d in
          catalog.canonicalFields["issueDate"] != nil ? "issueDate > \(d)" : nil
        }
      var invoices = RandomInvoices(catalog: catalog, rng: SplitMix64(seed: 7))
      let data = (0..<80).map { _ in invoices.invoice() }
      for _ in 0..<60 {
        let q = Self.randomQuery(atoms, &rng)
        let r = rewriter.rewrite(query: q, provider: provider)
        guard r.status != .error else {
          // Only binding problems of the generated atoms may fail (none are expected).
          Issue.record("\(provider): \(q): \(r.diagnostics.map(\.message))")
          continue
        }
        cases += 1
        let again = rewriter.rewrite(query: r.query, provider: provider)
        #expect(
          again.status == .unchanged && again.query == r.query, "\(provider): not idempotent: \(r.query)")
        guard r.status == .rewritten else { continue }
        simplified += 1
        for now in Simplification.clocks {
          let context = BindingContext.utc(now: now)
          let a = try Binder.bind(Parser.parse(q), catalog: catalog, context: context)
          let b = try Binder.bind(Parser.parse(r.query), catalog: catalog, context: context)
          for invoice in data
          where ReferenceEvaluator.matches(a.filter, on: invoice)
            != ReferenceEvaluator.matches(b.filter, on: invoice)
          {
            Issue.record("\(provider): \(q) → \(r.query) differs on \(invoice.compactText)")
            break
          }
        }
      }
    }
    #expect(cases == 60 * Provider.names.count)
    #expect(simplified > 30)
  }
}
