import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLSyntax

/// Cheap proofs that simplification's costly steps would find nothing, so most searches skip them.
/// Each is conservative: when it cannot tell, the step runs as before.
extension Merger {
  /// Whether `simplify` could change `e`. It drops an operand of an `and`/`or` equal to another,
  /// and merges predicates on one field path (memberships, then domains): where no `and`/`or`
  /// holds two equal operands, two predicates on one path or an operand of its own operator,
  /// nothing changes anywhere.
  static func mayChange(_ e: Expression) -> Bool {
    switch e.kind {
    case .and(let xs), .or(let xs):
      // One operand would be unwrapped; many are left to `simplify` (the scan is quadratic).
      guard xs.count != 1, xs.count <= 16 else { return true }
      let isAnd = if case .and = e.kind { true } else { false }
      for (i, x) in xs.enumerated() {
        if mayChange(x) { return true }
        // An operand of the same operator would be flattened (the parser never writes one).
        switch x.kind {
        case .and: if isAnd { return true }
        case .or: if !isAnd { return true }
        default: break
        }
        if let path = predicatePath(x) {
          // A predicate equal to an earlier operand is one on the same path: the path check finds
          // it, with no comparison of whole operands (nor a list of the paths: operands are few).
          if xs[..<i].contains(where: { predicatePath($0) == path }) { return true }
        } else if xs[..<i].contains(x) {
          return true
        }
      }
      return false
    case .not(let x):
      return mayChange(x)
    case .quantified(_, _, let body):
      return mayChange(body)
    default:
      return false
    }
  }

  /// The field path a predicate tests (nil for and/or/not/quantifiers).
  private static func predicatePath(_ e: Expression) -> [String]? {
    switch e.kind {
    case .comparison(let f, _, _), .membership(let f, _, _), .between(let f, _, _), .isNull(let f, _),
      .text(let f, _, _):
      return f.components
    default:
      return nil
    }
  }
}

extension Merger {
  /// What the domain algebra makes of an `and` of comparisons on one field that all bound it from
  /// below (`>`, `>=`) or all from above (`<`, `<=`): the tightest bound, as `op` and value, found
  /// without building domains. Nil for any other group.
  ///
  /// The normaliser intersects the comparisons' domains in order, each one range open on one
  /// side: the intersection keeps, of two lower bounds, the one at the greater key (`OrderKey`),
  /// or at one key the exclusive one, else the first (`RangeBound.tighterLower`); of two upper
  /// bounds, the first unless its key is not less than the other's, or at one key the later
  /// one unless the first is exclusive (`tighterUpper`). That one range, never empty, renders
  /// (`DomainRenderer`) as the one comparison with its bound.
  static func tightestBound(_ group: [BoundExpression]) -> (op: ComparisonOperator, value: Value)? {
    guard group.count >= 2, case .predicate(.compare(let field, let first, let value)) = group[0],
      let lower = isLowerBound(first)
    else { return nil }
    var tightest = OrderedBound(first, value, type: field.type)
    for b in group.dropFirst() {
      guard case .predicate(.compare(let f, let op, let v)) = b, isLowerBound(op) == lower,
        BoundField.sameReading(f, field)
      else { return nil }
      let bound = OrderedBound(op, v, type: f.type)
      if lower ? tightest.yieldsTo(lower: bound) : tightest.yieldsTo(upper: bound) { tightest = bound }
    }
    let op: ComparisonOperator =
      lower
      ? (tightest.inclusive ? .greaterOrEqual : .greater) : (tightest.inclusive ? .lessOrEqual : .less)
    return (op, tightest.value)
  }

  /// Whether `op` bounds a field from below (true) or above (false); nil for `=` and `!=`.
  static func isLowerBound(_ op: ComparisonOperator) -> Bool? {
    switch op {
    case .greater, .greaterOrEqual: true
    case .less, .lessOrEqual: false
    case .equal, .notEqual: nil
    }
  }
}

/// One end of a range of a field's values, as the domain algebra keeps it (`RangeBound`): the
/// value, the key it orders by (`OrderKey`) and whether it is inclusive.
struct OrderedBound {
  var value: Value
  var key: OrderKey
  var inclusive: Bool

  /// The bound `f op v` puts on a field of `type` (`op` one of `<`, `<=`, `>`, `>=`).
  init(_ op: ComparisonOperator, _ v: Value, type: FieldType) {
    value = v
    key = OrderKey(v, fieldType: type)
    inclusive = op == .greaterOrEqual || op == .lessOrEqual
  }

  /// Whether intersecting gives way to `other` as the lower bound (`RangeBound.tighterLower`):
  /// at a greater key, or at one key when `other` is exclusive and this one not.
  func yieldsTo(lower other: OrderedBound) -> Bool {
    key != other.key ? key < other.key : inclusive && !other.inclusive
  }

  /// Whether intersecting gives way to `other` as the upper bound (`RangeBound.tighterUpper`):
  /// unless this one's key is less, or at one key when this one is inclusive.
  func yieldsTo(upper other: OrderedBound) -> Bool {
    key != other.key ? !(key < other.key) : inclusive
  }

  /// Whether no value lies from `lower` to `upper` (`ValueRange.isEmpty`): the upper key is less,
  /// or they meet at one key not both inclusive, or (calendar dates, `discreteDays`) no whole day
  /// lies between them.
  static func rangeIsEmpty(from lower: OrderedBound, to upper: OrderedBound, discreteDays: Bool) -> Bool {
    if upper.key < lower.key { return true }
    if upper.key == lower.key { return !(lower.inclusive && upper.inclusive) }
    if discreteDays, case .day(let a) = lower.key, case .day(let b) = upper.key {
      let first = lower.inclusive ? a : a + 1
      let last = upper.inclusive ? b : b - 1
      return last < first
    }
    return false
  }
}
