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

/// Random expressions over a small schema and random invoices (absent, null, mistyped, boundary values).
struct RandomExpressions {
  static let a = B.field("a", .decimal)
  static let s = B.field("s", .string)
  static let d = B.field("d", .date)
  static let flag = B.field("flag", .boolean)
  static let items = B.field("items", .array(element: .object))
  static let q = B.field("q", .decimal)

  static let numbers = ["-1", "0", "1", "1.0", "2", "2.5", "3"]
  static let strings = ["", "a", "A", "ab", "b", "é"]
  static let days = ["2025-01-01", "2025-01-02", "2025-01-03", "2025-02-01"]

  static func atom(_ r: inout PlanningRandom, inItem: Bool) -> BoundExpression {
    let ops = ComparisonOperator.allCases
    if inItem {
      return r.chance(80)
        ? B.cmp(q, r.pick(ops), B.dec(r.pick(numbers))) : B.isNull(q, negated: r.chance(50))
    }
    switch r.next() % 9 {
    case 0, 1: return B.cmp(a, r.pick(ops), B.dec(r.pick(numbers)))
    case 2: return B.cmp(s, r.pick(ops), .string(r.pick(strings)))
    case 3: return B.cmp(d, r.pick(ops), B.day(r.pick(days)))
    case 4:
      let n = 1 + Int(r.next() % 3)
      return B.member(
        a, (0..<n).map { _ in B.dec(r.pick(numbers)) }, negated: r.chance(50))
    case 5: return B.isNull(r.pick([a, s, d, flag]), negated: r.chance(50))
    case 6: return B.cmp(flag, r.pick([.equal, .notEqual]), .boolean(r.chance(50)))
    case 7: return .predicate(.text(s, r.pick(TextOperator.allCases), r.pick(strings)))
    default: return B.member(d, [B.day(r.pick(days)), B.day(r.pick(days))], negated: r.chance(50))
    }
  }

  static func expression(_ r: inout PlanningRandom, depth: Int, inItem: Bool = false)
    -> BoundExpression
  {
    if depth == 0 || r.chance(30) { return atom(&r, inItem: inItem) }
    switch r.next() % 10 {
    case 0, 1, 2:
      return .and((0..<(2 + Int(r.next() % 3))).map { _ in expression(&r, depth: depth - 1, inItem: inItem) })
    case 3, 4, 5:
      return .or((0..<(2 + Int(r.next() % 3))).map { _ in expression(&r, depth: depth - 1, inItem: inItem) })
    case 6, 7: return .not(expression(&r, depth: depth - 1, inItem: inItem))
    case 8 where !inItem:
      return .quantified(
        r.pick(Quantifier.allCases), items, expression(&r, depth: depth - 1, inItem: true))
    default: return .constant(r.chance(50))
    }
  }

  static func invoice(_ r: inout PlanningRandom) -> JSONValue {
    var members: [JSONMember] = []
    func maybe(_ key: String, _ values: [JSONValue]) {
      switch r.next() % 6 {
      case 0: return
      case 1: members.append(JSONMember(key, .null))
      default: members.append(JSONMember(key, r.pick(values)))
      }
    }
    maybe("a", numbers.map { .number($0) } + [.string("2"), .string("n/a"), .bool(true)])
    maybe("s", strings.map { .string($0) } + [.number("1")])
    maybe("d", days.map { .string($0) } + [.string("2025-02-30"), .number("3")])
    maybe("flag", [.bool(true), .bool(false), .string("true")])
    if r.chance(5) {
      members.append(JSONMember("items", .string("not an array")))
    } else if !r.chance(20) {
      let n = Int(r.next() % 3)
      let elements: [JSONValue] = (0..<n).map { _ in
        r.chance(15)
          ? .object([])
          : .object([JSONMember("q", r.pick(numbers.map { JSONValue.number($0) } + [.null]))])
      }
      members.append(JSONMember("items", .array(elements)))
    }
    return .object(members)
  }
}

@Suite struct NormaliserPropertyTests {
  @Test func normalisedMatchesExactlyTheInvoicesTheOriginalMatches() {
    var r = PlanningRandom(seed: 0x5EED_0001)
    var cases = 0
    for _ in 0..<3000 {
      let e = RandomExpressions.expression(&r, depth: 4)
      let n = Normaliser.normalise(e).bound
      for _ in 0..<12 {
        let inv = RandomExpressions.invoice(&r)
        let original = ReferenceEvaluator.evaluate(e, on: inv) == .true
        let normal = ReferenceEvaluator.evaluate(n, on: inv) == .true
        #expect(original == normal, "\(e)\n→ \(n)\non \(inv)")
        if original != normal { return }
        cases += 1
      }
    }
    #expect(cases == 36_000)
  }

  @Test func normalisingTwiceChangesNothing() {
    var r = PlanningRandom(seed: 0x5EED_0002)
    for _ in 0..<2000 {
      let once = Normaliser.normalise(RandomExpressions.expression(&r, depth: 4))
      let twice = Normaliser.normalise(once.bound)
      #expect(once.bound == twice.bound)
      if once.bound != twice.bound { return }
    }
  }

  /// `normalise` makes the normal form in one pass; its definition is the two passes, negation
  /// normal form then simplification. Wide `and`/`or` nodes (past 16 operands) find fields by a table.
  @Test func theOnePassNormalFormEqualsNegationNormalFormThenSimplify() {
    var r = PlanningRandom(seed: 0x5EED_0003)
    for i in 0..<4000 {
      var e = RandomExpressions.expression(&r, depth: 4)
      if i % 8 == 0 {
        let wide = (0..<(14 + Int(r.next() % 12))).map { _ in RandomExpressions.expression(&r, depth: 1) }
        e = r.chance(50) ? .and(wide + [e]) : .not(.or([e] + wide))
      }
      let onePass = Normaliser.normalise(e)
      let twoPasses = Normaliser.simplify(Normaliser.negationNormalForm(e, negated: false))
      #expect(onePass == twoPasses, "\(e)")
      if onePass != twoPasses { return }
    }
  }
}
