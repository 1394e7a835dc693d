import TestSupport
import Testing

@testable import InvoiceQL
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSavedSearches
@testable import InvoiceQLSemantics
@testable import InvoiceQLSyntax

/// The shortcuts that let most searches skip simplification's costly steps must only ever skip a
/// step that would have found nothing.
@Suite("rewrite: simplification shortcuts")
struct SimplificationShortcutTests {
  /// Random searches over a few of each provider's fields (so two constraints on one field are
  /// common), with contradictions, tautologies and negations among the atoms.
  static func searches(seed: UInt64) throws -> [(catalog: FieldCatalog, query: Query)] {
    var rng = SavedSearchRandom(seed: seed)
    var out: [(FieldCatalog, Query)] = []
    for provider in Provider.names {
      let catalog = try #require(Provider.named(provider)?.catalog)
      var atoms = Array(ImportRoundTripTests.atoms(catalog).shuffled(using: &rng).prefix(8))
      if catalog.canonicalFields["total"] != nil {
        atoms += [
          "total > 5", "total < 3", "total between 10 and 1", "total is null", "total is not null",
          "not total > 5",
        ]
      }
      if catalog.canonicalFields["issueDate"] != nil {
        atoms += ["issueDate > today-3d", "issueDate < today-5d", "issueDate = 2025-05-01"]
      }
      for _ in 0..<150 {
        let text = RewritePropertyTests.randomQuery(atoms, &rng)
        out.append((catalog, try Parser.parse(text)))
      }
    }
    return out
  }

  @Test func propertyASearchTheQuickCheckClearsNeverNormalisesToFalse() throws {
    var cleared = 0
    var contradictions = 0
    for (catalog, query) in try Self.searches(seed: 0x5C07) {
      for now in Simplification.clocks {
        let bound = try Binder.bind(query, catalog: catalog, context: .utc(now: now))
        let isFalse = Normaliser.normalise(bound.filter) == .constant(false)
        if Simplification.cannotNormaliseToFalse(bound.filter) {
          cleared += 1
          #expect(!isFalse, "cleared, but normalises to false: \(Formatter.format(query))")
        } else if isFalse {
          contradictions += 1
        }
      }
    }
    // Both sides are exercised: most searches are cleared, and the others hold contradictions.
    #expect(cleared > 500)
    #expect(contradictions > 20)
  }

  @Test func propertyATreeTheQuickCheckClearsIsLeftUnchangedByMerging() throws {
    var cleared = 0
    var changed = 0
    for (catalog, query) in try Self.searches(seed: 0x3E76) {
      for merger in [Merger(catalog: catalog), Merger(catalog: nil)] {
        let merged = merger.simplify(query.filter, top: true)
        if !Merger.mayChange(query.filter) {
          cleared += 1
          #expect(merged == query.filter, "cleared, but merged: \(Formatter.format(query))")
        } else if merged != query.filter {
          changed += 1
        }
      }
    }
    #expect(cleared > 200)
    #expect(changed > 200)
  }
}
