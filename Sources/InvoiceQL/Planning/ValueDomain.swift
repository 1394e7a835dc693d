import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

/// The set of values one field may take for a constraint to be true: a union of disjoint ranges over the
/// field's values, plus whether an absent/`null` field and a present but unreadable (mistyped) field
/// qualify. Trino's `Domain` in miniature: `a > 1 and a < 5 and a != 3` is algebra, not special cases.
///
/// Only true-sets matter here: after negation is pushed down to the comparisons, `and`, `or`, `any` and
/// `all` are monotone, so two constraints with the same true-set are interchangeable.
package struct ValueDomain: Sendable, Hashable {
  /// Disjoint, sorted, non-empty ranges of readable values.
  package var ranges: [ValueRange] { storage.ranges }
  /// Whether an absent or `null` field satisfies the constraint (`is null`).
  package var includesNull: Bool { storage.includesNull }
  /// Whether a present value that does not read as the field's type satisfies it (`is not null`).
  package var includesUnreadable: Bool { storage.includesUnreadable }
  /// Whether the field's values are calendar dates (discrete: nothing lies between two adjacent days).
  package var discreteDays: Bool { storage.discreteDays }
  /// Some constant of the field's type, so "has any readable value" can be written (`f = w or f != w`).
  package var witness: Value? { storage.witness }

  /// The parts behind one reference: a domain is copied wherever a normal form is taken apart,
  /// merged or planned, and copying one reference is one retain (copying the parts was a retain
  /// of the ranges and a switch over the witness's case with a retain of its payload).
  private let storage: Storage

  private final class Storage: Sendable {
    let ranges: [ValueRange]
    let includesNull: Bool
    let includesUnreadable: Bool
    let discreteDays: Bool
    let witness: Value?

    init(
      _ ranges: [ValueRange], _ includesNull: Bool, _ includesUnreadable: Bool, _ discreteDays: Bool,
      _ witness: Value?
    ) {
      self.ranges = ranges
      self.includesNull = includesNull
      self.includesUnreadable = includesUnreadable
      self.discreteDays = discreteDays
      self.witness = witness
    }
  }

  init(
    ranges: [ValueRange], includesNull: Bool, includesUnreadable: Bool, discreteDays: Bool,
    witness: Value? = nil
  ) {
    storage = Storage(
      ValueDomain.normalise(ranges, discreteDays: discreteDays), includesNull, includesUnreadable,
      discreteDays, witness ?? ranges.lazy.compactMap { $0.lower?.value ?? $0.upper?.value }.first)
  }

  /// A domain of ranges already as `normalise` leaves them (sorted, disjoint, none empty, none
  /// touching) and the witness the other initialiser would find: the ranges stay as they are.
  private init(
    normalised ranges: [ValueRange], includesNull: Bool, includesUnreadable: Bool, discreteDays: Bool,
    witness: Value?
  ) {
    storage = Storage(ranges, includesNull, includesUnreadable, discreteDays, witness)
  }

  /// Equal as the ranges, the flags and the witness are (at once for one shared storage).
  package static func == (a: ValueDomain, b: ValueDomain) -> Bool {
    a.storage === b.storage
      || (a.ranges == b.ranges && a.includesNull == b.includesNull
        && a.includesUnreadable == b.includesUnreadable && a.discreteDays == b.discreteDays
        && a.witness == b.witness)
  }

  /// Hashes what `==` compares, in the order the stored parts were hashed.
  package func hash(into h: inout Hasher) {
    h.combine(ranges)
    h.combine(includesNull)
    h.combine(includesUnreadable)
    h.combine(discreteDays)
    h.combine(witness)
  }

  /// The parts as the domain printed when it stored them (test failures print domains).
  package var debugDescription: String {
    "ValueDomain(ranges: \(String(reflecting: ranges)), includesNull: \(includesNull), "
      + "includesUnreadable: \(includesUnreadable), discreteDays: \(discreteDays), "
      + "witness: \(String(reflecting: witness)))"
  }

  /// No value at all: a contradiction.
  package static func none(discreteDays: Bool) -> ValueDomain {
    ValueDomain(ranges: [], includesNull: false, includesUnreadable: false, discreteDays: discreteDays)
  }
  /// Every readable value.
  package static func allValues(discreteDays: Bool) -> ValueDomain {
    ValueDomain(
      ranges: [ValueRange(lower: nil, upper: nil)], includesNull: false, includesUnreadable: false,
      discreteDays: discreteDays)
  }

  /// The domain of `f op v`.
  package static func comparison(_ op: ComparisonOperator, _ v: Value, type: FieldType) -> ValueDomain {
    let discreteDays = type.isDate
    let b = OrderedValue(v, type)
    let ranges: [ValueRange]
    switch op {
    case .equal: ranges = [ValueRange(point: b)]
    case .notEqual:
      ranges = [
        ValueRange(lower: nil, upper: RangeBound(b, inclusive: false)),
        ValueRange(lower: RangeBound(b, inclusive: false), upper: nil),
      ]
    case .less: ranges = [ValueRange(lower: nil, upper: RangeBound(b, inclusive: false))]
    case .lessOrEqual: ranges = [ValueRange(lower: nil, upper: RangeBound(b, inclusive: true))]
    case .greater: ranges = [ValueRange(lower: RangeBound(b, inclusive: false), upper: nil)]
    case .greaterOrEqual: ranges = [ValueRange(lower: RangeBound(b, inclusive: true), upper: nil)]
    }
    // Each range is one side of `v` or `v` itself (not empty), and `!=`'s two leave `v` between
    // them (not touching): normalised already. The witness is the first bound's value, `v`.
    return ValueDomain(
      normalised: ranges, includesNull: false, includesUnreadable: false, discreteDays: discreteDays,
      witness: v)
  }

  /// The domain of `f in (…)`, or of `f not in (…)` when `negated`.
  package static func membership(_ values: [Value], negated: Bool, type: FieldType) -> ValueDomain {
    if values.count == 1, !negated {
      // One point: normalised already, and its value is the witness.
      return ValueDomain(
        normalised: [ValueRange(point: OrderedValue(values[0], type))], includesNull: false,
        includesUnreadable: false, discreteDays: type.isDate, witness: values[0])
    }
    let points = ValueDomain(
      ranges: values.map { ValueRange(point: OrderedValue($0, type)) }, includesNull: false,
      includesUnreadable: false, discreteDays: type.isDate)
    return negated ? points.complementOfValues : points
  }

  /// The domain of `f is null`, or of `f is not null` when `negated`.
  package static func null(negated: Bool, type: FieldType) -> ValueDomain {
    ValueDomain(
      ranges: negated ? [ValueRange(lower: nil, upper: nil)] : [], includesNull: !negated,
      includesUnreadable: negated, discreteDays: type.isDate)
  }

  package var isEmpty: Bool { ranges.isEmpty && !includesNull && !includesUnreadable }
  /// Every state a field can be in: a tautology.
  package var isEverything: Bool { includesAllValues && includesNull && includesUnreadable }
  /// Whether every readable value qualifies.
  package var includesAllValues: Bool {
    // Matched, not compared with `==`: comparing an optional bound with nil built copies of it.
    guard ranges.count == 1, case .none = ranges[0].lower, case .none = ranges[0].upper else { return false }
    return true
  }
  /// The values, when the readable part is a finite set of points.
  package var points: [Value]? {
    var out: [Value] = []
    for r in ranges {
      guard let p = r.point else { return nil }
      out.append(p.value)
    }
    return out
  }

  package func intersection(_ o: ValueDomain) -> ValueDomain {
    if ranges.count <= 1, o.ranges.count <= 1 {
      // At most one range each (most domains): at most one range out, nothing to sort or merge.
      var out: [ValueRange] = []
      var w = witness ?? o.witness
      if let a = ranges.first, let b = o.ranges.first {
        let r = ValueRange(
          lower: RangeBound.tighterLower(a.lower, b.lower), upper: RangeBound.tighterUpper(a.upper, b.upper))
        if !r.isEmpty(discreteDays: discreteDays) { out = [r] }
        // The witness as the other initialiser finds it: the given one, else the range's first bound.
        w = w ?? r.lower?.value ?? r.upper?.value
      }
      return ValueDomain(
        normalised: out, includesNull: includesNull && o.includesNull,
        includesUnreadable: includesUnreadable && o.includesUnreadable, discreteDays: discreteDays,
        witness: w)
    }
    return intersectingEveryRange(o)
  }

  /// `intersection` the long way, for any number of ranges: every pair of ranges intersected, then
  /// normalised.
  func intersectingEveryRange(_ o: ValueDomain) -> ValueDomain {
    var out: [ValueRange] = []
    for a in ranges {
      for b in o.ranges {
        let lower = RangeBound.tighterLower(a.lower, b.lower)
        let upper = RangeBound.tighterUpper(a.upper, b.upper)
        out.append(ValueRange(lower: lower, upper: upper))
      }
    }
    return ValueDomain(
      ranges: out, includesNull: includesNull && o.includesNull,
      includesUnreadable: includesUnreadable && o.includesUnreadable, discreteDays: discreteDays,
      witness: witness ?? o.witness)
  }

  package func union(_ o: ValueDomain) -> ValueDomain {
    ValueDomain(
      ranges: ranges + o.ranges, includesNull: includesNull || o.includesNull,
      includesUnreadable: includesUnreadable || o.includesUnreadable, discreteDays: discreteDays,
      witness: witness ?? o.witness)
  }

  /// The readable values not in this domain (flags cleared): `not in` from `in`.
  var complementOfValues: ValueDomain {
    var out: [ValueRange] = []
    var gapStart: RangeBound? = nil
    for r in ranges {
      if let lower = r.lower { out.append(ValueRange(lower: gapStart, upper: lower.flipped)) }
      guard let upper = r.upper else {
        return ValueDomain(
          ranges: out, includesNull: false, includesUnreadable: false, discreteDays: discreteDays)
      }
      gapStart = upper.flipped
    }
    out.append(ValueRange(lower: gapStart, upper: nil))
    return ValueDomain(
      ranges: out, includesNull: false, includesUnreadable: false, discreteDays: discreteDays)
  }

  /// The smallest single range containing every readable value of the domain.
  package var hull: ValueRange? {
    guard let first = ranges.first, let last = ranges.last else { return nil }
    return ValueRange(lower: first.lower, upper: last.upper)
  }

  /// Sorts, drops empty ranges and merges overlapping or touching ones.
  private static func normalise(_ input: [ValueRange], discreteDays: Bool) -> [ValueRange] {
    // Most domains are one comparison's: one range, nothing to sort or merge.
    if input.count <= 1 { return input.allSatisfy { !$0.isEmpty(discreteDays: discreteDays) } ? input : [] }
    let live =
      input.allSatisfy { !$0.isEmpty(discreteDays: discreteDays) }
      ? input : input.filter { !$0.isEmpty(discreteDays: discreteDays) }
    // A stable sort leaves ranges already in order as they are: then no sort (and no new array).
    var inOrder = true
    for i in live.indices.dropFirst() where RangeBound.lowerPrecedes(live[i].lower, live[i - 1].lower) {
      inOrder = false
      break
    }
    let sorted = inOrder ? live : live.sorted { RangeBound.lowerPrecedes($0.lower, $1.lower) }
    var out: [ValueRange] = []
    out.reserveCapacity(sorted.count)
    for r in sorted {
      guard let last = out.last else {
        out.append(r)
        continue
      }
      if RangeBound.touches(upper: last.upper, lower: r.lower, discreteDays: discreteDays) {
        out[out.count - 1] = ValueRange(
          lower: last.lower, upper: RangeBound.looserUpper(last.upper, r.upper))
      } else {
        out.append(r)
      }
    }
    return out
  }
}

/// A range of readable values; a nil bound is unbounded.
package struct ValueRange: Sendable, Hashable {
  package var lower: RangeBound?
  package var upper: RangeBound?

  package init(lower: RangeBound?, upper: RangeBound?) {
    self.lower = lower
    self.upper = upper
  }
  init(point: OrderedValue) {
    self.init(lower: RangeBound(point, inclusive: true), upper: RangeBound(point, inclusive: true))
  }

  /// The single value of a `[v, v]` range.
  package var point: RangeBound? {
    guard let lower, let upper, lower.inclusive, upper.inclusive, RangeBound.sameKey(lower, upper) else {
      return nil
    }
    return lower
  }

  func isEmpty(discreteDays: Bool) -> Bool {
    guard let lower, let upper else { return false }
    if RangeBound.keyPrecedes(upper, lower) { return true }
    if RangeBound.sameKey(lower, upper) { return !(lower.inclusive && upper.inclusive) }
    if discreteDays, case .day(let a) = lower.key, case .day(let b) = upper.key {
      let first = lower.inclusive ? a : a + 1
      let last = upper.inclusive ? b : b - 1
      return last < first
    }
    return false
  }
}

/// One end of a range.
package struct RangeBound: Sendable, Hashable {
  /// The constant and its key, shared (see `OrderedValue`).
  private let point: OrderedValue
  package var inclusive: Bool

  package var value: Value { point.value }
  package var key: OrderKey { point.key }

  init(_ v: OrderedValue, inclusive: Bool) {
    self.point = v
    self.inclusive = inclusive
  }

  /// Equal as the value, the key and `inclusive` are (the one constant shared is equal to itself).
  package static func == (a: RangeBound, b: RangeBound) -> Bool {
    a.inclusive == b.inclusive && (a.point === b.point || (a.value == b.value && a.key == b.key))
  }

  /// Hashes what `==` compares, in the order a stored value, key and `inclusive` were hashed.
  package func hash(into h: inout Hasher) {
    h.combine(value)
    h.combine(key)
    h.combine(inclusive)
  }

  /// Whether `a` and `b` bound at the same key (`a.key == b.key`; at once for one shared constant).
  static func sameKey(_ a: RangeBound, _ b: RangeBound) -> Bool {
    a.point === b.point || a.point.key == b.point.key
  }

  /// Whether `a` bounds at a smaller key than `b` (`a.key < b.key`).
  static func keyPrecedes(_ a: RangeBound, _ b: RangeBound) -> Bool {
    a.point !== b.point && a.point.key < b.point.key
  }

  /// The same point seen from the other side: the upper bound `< v` becomes the lower bound `>= v`.
  var flipped: RangeBound {
    var b = self
    b.inclusive.toggle()
    return b
  }

  /// Whether lower bound `a` admits a smaller value than `b` (nil is minus infinity).
  static func lowerPrecedes(_ a: RangeBound?, _ b: RangeBound?) -> Bool {
    guard let a else { return b != nil }
    guard let b else { return false }
    if !sameKey(a, b) { return keyPrecedes(a, b) }
    return a.inclusive && !b.inclusive
  }

  static func tighterLower(_ a: RangeBound?, _ b: RangeBound?) -> RangeBound? {
    guard let a else { return b }
    guard let b else { return a }
    return lowerPrecedes(a, b) ? b : a
  }

  static func tighterUpper(_ a: RangeBound?, _ b: RangeBound?) -> RangeBound? {
    guard let a else { return b }
    guard let b else { return a }
    if !sameKey(a, b) { return keyPrecedes(a, b) ? a : b }
    return a.inclusive ? b : a
  }

  static func looserUpper(_ a: RangeBound?, _ b: RangeBound?) -> RangeBound? {
    guard let a, let b else { return nil }
    if !sameKey(a, b) { return keyPrecedes(a, b) ? b : a }
    return a.inclusive ? a : b
  }

  /// Whether a range ending at `upper` and the next starting at `lower` leave no value between them.
  static func touches(upper: RangeBound?, lower: RangeBound?, discreteDays: Bool) -> Bool {
    guard let upper, let lower else { return true }
    if keyPrecedes(lower, upper) { return true }
    if sameKey(lower, upper) { return upper.inclusive || lower.inclusive }
    if discreteDays, case .day(let a) = upper.key, case .day(let b) = lower.key {
      let last = upper.inclusive ? a : a - 1
      let first = lower.inclusive ? b : b + 1
      return first <= last + 1
    }
    return false
  }
}

extension ValueDomain: CustomDebugStringConvertible {}

extension RangeBound: CustomDebugStringConvertible {
  /// The value, key and `inclusive`, as the bound printed when it stored them (test failures print
  /// domains).
  package var debugDescription: String {
    "RangeBound(value: \(value), key: \(String(reflecting: key)), inclusive: \(inclusive))"
  }
}

extension FieldType {
  /// Whether this is `.date` (matched: `==` on the indirect enum went through its witness table).
  fileprivate var isDate: Bool {
    if case .date = self { return true }
    return false
  }
}
