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

/// Random syntax trees, built directly (not from text), in the shape the parser produces.
struct TreeGenerator {
  var rng: SplitMix64
  let r = SourceRange.at(0)

  init(seed: UInt64) { rng = SplitMix64(seed: seed) }

  mutating func pick<T>(_ xs: [T]) -> T { xs[Int.random(in: 0..<xs.count, using: &rng)] }
  mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &rng) < percent }

  static let names = ["status", "total", "dueDate", "a", "_x", "größe", "line_items", "today", "now", "Ab9"]
  static let oddNames = ["limit", "AND", "a b", "x-y", "1st", "back`tick", "back\\slash", "é.dot"]
  static let words = ["open", "PAID", "writtenOff", "x_1", "Grün", "nullish", "andy", "NOT_A_KEYWORD"]
  static let texts = [
    "", "INV-1", "it's", "a\"b", "back\\slash", "line\nbreak", "tab\t", "\u{1}\u{7F}", "😀 é", "and",
  ]

  mutating func field() -> FieldPath {
    let count = chance(70) ? 1 : Int.random(in: 2...3, using: &rng)
    let components = (0..<count).map { _ in chance(85) ? pick(Self.names) : pick(Self.oddNames) }
    return FieldPath(components, range: r)
  }

  mutating func digits(_ n: ClosedRange<Int>) -> String {
    String((0..<Int.random(in: n, using: &rng)).map { _ in pick(Array("0123456789")) })
  }

  mutating func literal() -> Literal {
    let kind: Literal.Kind
    switch Int.random(in: 0..<8, using: &rng) {
    case 0: kind = .string(pick(Self.texts))
    case 1: kind = .word(pick(Self.words))
    case 2:
      var n = (chance(30) ? "-" : "") + digits(1...6)
      if chance(40) { n += "." + digits(1...4) }
      if chance(20) { n += "e" + pick(["", "+", "-"]) + digits(1...3) }
      kind = .number(n)
    case 3: kind = .date(date())
    case 4:
      let offset: Int? = chance(30) ? nil : pick([0, 3600, -5 * 3600 - 1800, 14 * 3600])
      let fraction = chance(50) ? "" : digits(1...9)
      kind = .dateTime(
        CivilDateTime(
          date: date(), hour: Int.random(in: 0...23, using: &rng),
          minute: Int.random(in: 0...59, using: &rng),
          second: Int.random(in: 0...59, using: &rng), fraction: fraction, offsetSeconds: offset)!)
    case 5:
      let base: RelativeDate.Base = chance(50) ? .today : .now
      if chance(25) {
        kind = .relative(RelativeDate(base: base))
      } else {
        let units = base == .today ? RelativeDate.Unit.dateUnits : RelativeDate.Unit.allCases
        kind = .relative(
          RelativeDate(base: base, amount: Int.random(in: -400...400, using: &rng), unit: pick(units)))
      }
    case 6: kind = .boolean(chance(50))
    default:
      kind = .string(
        String((0..<Int.random(in: 0...6, using: &rng)).map { _ in pick(Array("ab \"'\\é😀\n")) }))
    }
    return Literal(kind, range: r)
  }

  mutating func date() -> CivilDate {
    CivilDate(daysSinceEpoch: Int.random(in: -700_000...2_900_000, using: &rng))
  }

  /// A tree as the parser builds it: `and`/`or` with two or more operands, never directly nesting
  /// the same operator.
  mutating func expression(depth: Int) -> Expression {
    let leaf = depth <= 0 || chance(35)
    if leaf { return predicate() }
    switch Int.random(in: 0..<4, using: &rng) {
    case 0, 1:
      let isAnd = chance(50)
      let operands = (0..<Int.random(in: 2...4, using: &rng)).map { _ in
        var e = expression(depth: depth - 1)
        while isAnd ? e.isAnd : e.isOr { e = expression(depth: depth - 1) }
        return e
      }
      return Expression(isAnd ? .and(operands) : .or(operands), range: r)
    case 2: return Expression(.not(expression(depth: depth - 1)), range: r)
    default:
      return Expression(
        .quantified(chance(50) ? .any : .all, field(), expression(depth: depth - 1)), range: r)
    }
  }

  mutating func predicate() -> Expression {
    let f = field()
    switch Int.random(in: 0..<5, using: &rng) {
    case 0: return Expression(.comparison(f, pick(ComparisonOperator.allCases), literal()), range: r)
    case 1:
      let values = (0..<Int.random(in: 1...4, using: &rng)).map { _ in literal() }
      return Expression(.membership(f, values, negated: chance(50)), range: r)
    case 2: return Expression(.between(f, literal(), literal()), range: r)
    case 3: return Expression(.isNull(f, negated: chance(50)), range: r)
    default: return Expression(.text(f, pick(TextOperator.allCases), literal()), range: r)
    }
  }

  mutating func query() -> Query {
    let sort =
      chance(30)
      ? (0..<Int.random(in: 1...3, using: &rng)).map { _ in
        SortKey(field: field(), descending: chance(50), range: r)
      }
      : []
    let limit =
      chance(30) ? Limit(count: Int.random(in: 0...ParserLimits.maximumLimit, using: &rng), range: r) : nil
    return Query(
      filter: expression(depth: Int.random(in: 0...5, using: &rng)), sort: sort, limit: limit, range: r)
  }
}

extension Expression {
  var isAnd: Bool {
    if case .and = kind { return true }
    return false
  }
  var isOr: Bool {
    if case .or = kind { return true }
    return false
  }
}

@Suite struct RoundTripPropertyTests {
  @Test(arguments: [UInt64(1), 2, 3, 0xC0FFEE])
  func randomTreesFormatThenParseToTheSameTreeAndFormattingIsIdempotent(seed: UInt64) throws {
    var generator = TreeGenerator(seed: seed)
    for i in 0..<500 {
      let tree = generator.query()
      let text = Formatter.format(tree)
      let parsed: Query
      do {
        parsed = try Parser.parse(text)
      } catch {
        Issue.record("seed \(seed) case \(i): formatted tree does not parse: \(text)\n\(error)")
        continue
      }
      #expect(parsed == tree, "seed \(seed) case \(i): \(text)")
      #expect(Formatter.format(parsed) == text, "seed \(seed) case \(i)")
    }
  }

  @Test func parsedRangesCoverTheirNodesText() throws {
    var generator = TreeGenerator(seed: 7)
    for _ in 0..<300 {
      let text = Formatter.format(generator.query())
      let query = try Parser.parse(text)
      let bytes = Array(text.utf8)
      // Every node's text, reparsed on its own, is the node (for predicates and whole filters).
      func check(_ e: Expression) throws {
        let slice = String(decoding: bytes[e.range.lowerBound..<e.range.upperBound], as: UTF8.self)
        #expect(try Parser.parseExpression(slice) == e, "\(slice)")
        switch e.kind {
        case .and(let xs), .or(let xs): try xs.forEach(check)
        case .not(let x), .quantified(_, _, let x): try check(x)
        default: break
        }
      }
      try check(query.filter)
    }
  }
}
