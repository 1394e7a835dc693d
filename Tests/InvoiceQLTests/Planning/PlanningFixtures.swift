import InvoiceQL
import TestSupport

/// The shared seeded SplitMix64 with the helpers the planning property tests use.
struct PlanningRandom: RandomNumberGenerator {
  private var base: SplitMix64
  init(seed: UInt64) { base = SplitMix64(seed: seed) }
  mutating func next() -> UInt64 { base.next() }
  mutating func pick<T>(_ xs: [T]) -> T { xs[Int(next() % UInt64(xs.count))] }
  mutating func chance(_ percent: UInt64) -> Bool { next() % 100 < percent }
}

/// Small helpers to build bound expressions by hand.
enum B {
  static func field(_ name: String, _ type: FieldType) -> BoundField {
    BoundField(path: name.split(separator: ".").map(String.init), type: type, name: name)
  }
  static func dec(_ s: String) -> Value {
    guard let d = ExactDecimal(json: s) else { return .string(s) }
    return .decimal(d)
  }
  static func day(_ s: String) -> Value {
    let parts = s.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3, let d = CivilDate(year: parts[0], month: parts[1], day: parts[2]) else {
      return .string(s)
    }
    return .date(d)
  }
  static func cmp(_ f: BoundField, _ op: ComparisonOperator, _ v: Value) -> BoundExpression {
    .predicate(.compare(f, op, v))
  }
  static func member(_ f: BoundField, _ vs: [Value], negated: Bool = false) -> BoundExpression {
    .predicate(.member(f, vs, negated: negated))
  }
  static func isNull(_ f: BoundField, negated: Bool = false) -> BoundExpression {
    .predicate(.isNull(f, negated: negated))
  }
}
