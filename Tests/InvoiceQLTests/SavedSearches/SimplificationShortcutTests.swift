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
    let (cleared, contradictions) = try Self.checkQuickCheck(
      on: Self.searches(seed: 0x5C07), at: Simplification.clocks)
    // Both sides are exercised: most searches are cleared, and the others hold contradictions.
    #expect(cleared > 500)
    #expect(contradictions > 20)
  }

  /// Binds each search at each clock and expects the quick check never to clear one whose normal
  /// form is `false`; returns how many it cleared and how many were contradictions it left.
  static func checkQuickCheck(
    on searches: [(catalog: FieldCatalog, query: Query)], at clocks: [Instant]
  ) throws -> (cleared: Int, contradictions: Int) {
    var cleared = 0
    var contradictions = 0
    for (catalog, query) in searches {
      for now in clocks {
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
    return (cleared, contradictions)
  }

  /// Searches built to reach each rule of the quick check: repeated fields at the top and below,
  /// groups that shrink to one operand (equal operands, a field merged away), and every shape of
  /// domain (ordered comparisons both ways, `!=`, lists, null tests) under `not`.
  static func shapedSearches() throws -> [(catalog: FieldCatalog, query: Query)] {
    let catalog = try #require(Provider.named("elevate")?.catalog)
    let atoms = [
      "total > 5", "total >= 5", "total < 3", "total <= 5", "total = 4", "total != 4", "total in (1, 2)",
      "total not in (1, 9)", "total is null", "total is not null", "dueDate > 2025-05-01",
      "dueDate <= 2025-05-01", "dueDate != 2025-05-02", "paymentStatus = PAID", "paymentStatus != PAID",
      "invoiceNumber contains \"a\"",
    ]
    var rng = SavedSearchRandom(seed: 0xC0DE)
    var out: [(FieldCatalog, Query)] = []
    for _ in 0..<1500 {
      var text = RewritePropertyTests.randomQuery(atoms, &rng)
      // A group of two equal operands, which the normal form makes one.
      if rng.chance(20) { text = "(\(text)) and ((\(text)) or (\(text)))" }
      out.append((catalog, try Parser.parse(text)))
    }
    for text in [
      "total < 2 and ((total > 5 and invoiceNumber contains \"a\") or (total > 5 and invoiceNumber contains \"a\"))",
      "total < 2 and ((total > 5 and paymentStatus = PAID) or (not total <= 5 and paymentStatus = PAID))",
      "total < 2 and ((total > 5 and paymentStatus = PAID) or (total > 5 and paymentStatus != PAID))",
      "total < 2 and (total > 5 or total > 6)",
      "(total > 5 and total < 3) or invoiceNumber contains \"a\"",
    ] {
      out.append((catalog, try Parser.parse(text)))
    }
    return out
  }

  @Test func propertyAShapedSearchTheQuickCheckClearsNeverNormalisesToFalse() throws {
    let (cleared, contradictions) = try Self.checkQuickCheck(
      on: Self.shapedSearches(), at: [Simplification.clocks[0]])
    #expect(cleared > 300)
    #expect(contradictions > 50)
  }

  @Test func aGroupOfEqualOperandsIsOneOperandInTheNormalFormAndIsNotCleared() throws {
    // The `or` of two equal `and`s is that `and`, whose `total > 5` meets `total < 2`.
    let catalog = try #require(Provider.named("elevate")?.catalog)
    let query = try Parser.parse(
      "total < 2 and ((total > 5 and invoiceNumber contains \"a\") or (total > 5 and invoiceNumber contains \"a\"))"
    )
    let bound = try Binder.bind(query, catalog: catalog, context: .utc(now: Simplification.clocks[0]))
    #expect(Normaliser.normalise(bound.filter) == .constant(false))
    #expect(!Simplification.cannotNormaliseToFalse(bound.filter))
  }

  /// The predicates of `e` outside `not`s and quantifiers.
  static func predicates(_ e: Expression) -> [Expression] {
    switch e.kind {
    case .and(let xs), .or(let xs): xs.flatMap(predicates)
    case .comparison, .membership, .between, .isNull: [e]
    default: []
    }
  }

  @Test func propertyAPredicatesBindingReadOffTheFiltersIsTheOneTheBinderGivesIt() throws {
    var checked = 0
    let context = BindingContext.utc(now: Simplification.clocks[0])
    for (catalog, query) in try Self.searches(seed: 0xB1D) + Self.shapedSearches() {
      guard let bound = try? Binder.bind(query, catalog: catalog, context: context) else { continue }
      for p in Self.predicates(query.filter) {
        let read = try #require(Merger.binding(of: p, in: query.filter, bound.filter))
        #expect(
          read == (try Binder.bind(p, catalog: catalog, context: context)), "\(Formatter.format(query))")
        checked += 1
      }
    }
    #expect(checked > 2000)
  }

  /// Bound `and`s of two to four comparisons on one ordered field, for a field of each ordered type
  /// of each provider, with every operator and values that tie (`5`, `5.0`, `5.00`; one instant at
  /// two offsets; a date against a datetime field, which is a day's bounds).
  static func comparisonGroups() throws -> [[BoundExpression]] {
    let literals: [(FieldType, [String])] = [
      (.decimal, ["5", "5.0", "5.00", "7", "-3", "0.5"]),
      (.integer, ["5", "05", "7", "-3", "10"]),
      (.date, ["2025-05-01", "2025-05-02", "2024-12-31", "\"2025-05-01\""]),
      (
        .dateTime,
        [
          "2025-05-01T00:00:00Z", "2025-05-01T02:00:00+02:00", "2025-05-01T00:00:00.5Z",
          "2025-05-02T00:00:00Z",
          "2025-05-01",
        ]
      ),
      (.string, ["\"a\"", "\"b\"", "\"ab\"", "\"\"", "\"B\""]),
    ]
    var rng = SavedSearchRandom(seed: 0x6E0)
    let context = BindingContext.utc(now: Simplification.clocks[0])
    var out: [[BoundExpression]] = []
    for provider in Provider.names {
      let catalog = try #require(Provider.named(provider)?.catalog)
      for (type, pool) in literals {
        guard let f = catalog.fields.first(where: { $0.path.count == 1 && $0.type == type }) else { continue }
        let name = Formatter.format(FieldPath(f.path, range: .at(0)))
        for _ in 0..<80 {
          // Mostly bounds from one side (the groups the shortcut takes), else any operators.
          let ops: [ComparisonOperator] =
            rng.chance(70)
            ? rng.pick([[.greater, .greaterOrEqual], [.less, .lessOrEqual]]) : ComparisonOperator.allCases
          let terms = (0..<rng.int(2...4)).map { _ in "\(name) \(rng.pick(ops).rawValue) \(rng.pick(pool))" }
          guard let query = try? Parser.parse(terms.joined(separator: " and ")),
            let bound = try? Binder.bind(query, catalog: catalog, context: context),
            case .and(let group) = bound.filter
          else { continue }
          out.append(group)
        }
      }
    }
    return out
  }

  @Test func propertyTheTightestBoundOfAGroupIsWhatTheDomainAlgebraMakesOfIt() throws {
    var shortcut = 0
    for group in try Self.comparisonGroups() {
      guard let (op, value) = Merger.tightestBound(group),
        case .predicate(.compare(let field, _, _)) = group[0]
      else { continue }
      shortcut += 1
      let normal = Normaliser.normalise(.and(group))
      guard case .field = normal else {
        Issue.record("not one field's constraint: \(group)")
        continue
      }
      #expect(normal.bound == .predicate(.compare(field, op, value)), "\(group)")
    }
    #expect(shortcut > 500)
  }

  @Test func propertyBoundsFromBothSidesLeaveAValueExactlyWhenTheDomainAlgebraFindsOne() throws {
    var told = 0
    var empty = 0
    for group in try Self.comparisonGroups() {
      guard case .predicate(.compare(let field, _, _)) = group[0] else { continue }
      // The group as written, and as `not` of the `or` of its negations.
      let negations = BoundExpression.or(group.map { .not($0) })
      for (e, negated) in [(BoundExpression.and(group), false), (negations, true)] {
        guard let holds = Simplification.orderedRangeHoldsAValue(field: field, in: e, negated: negated) else {
          continue
        }
        told += 1
        let isFalse = Normaliser.normalise(negated ? .not(e) : e) == .constant(false)
        #expect(holds == !isFalse, "\(group)")
        if isFalse { empty += 1 }
      }
    }
    #expect(told > 200)
    #expect(empty > 50)
  }

  @Test func propertyMergingWithAProvidersOneWordTypesIsMergingWithout() throws {
    var merged = 0
    for (catalog, query) in try Self.searches(seed: 0x7AB1) {
      let types = try #require(MergeableTypes.oneWordTypes(provider: catalog.provider))
      let with = Merger(catalog: catalog, oneWordTypes: types).simplify(query.filter, top: true)
      let without = Merger(catalog: catalog).simplify(query.filter, top: true)
      #expect(with == without, "\(catalog.provider): \(Formatter.format(query))")
      if with != query.filter { merged += 1 }
    }
    #expect(merged > 100)
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
