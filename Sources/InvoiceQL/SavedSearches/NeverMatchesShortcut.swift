import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLSyntax

/// The never-matches flag's shortcut: most searches' normal forms are certainly not `false`, told
/// without computing them. It is conservative: when it cannot tell, the normaliser decides.
extension Simplification {
  /// Whether `e`'s normal form (`Normaliser.normalise`) is certainly not `false`, told without
  /// computing it (false: it cannot tell).
  ///
  /// The normaliser reaches a constant only from a constant in the tree, from merging the
  /// constraints on one field (`FieldKey`) inside one `and`/`or` group (after `not` is pushed down
  /// and nested `and`s or `or`s are flattened) into a domain that is empty or everything, or from
  /// `any` over a body that is `false`. A single comparison, membership or null test is never empty
  /// nor everything, and text tests stay as they are. So:
  /// - In a scope's top group (the filter's, or a quantifier body's) the constraints on one field
  ///   may repeat: their domains are merged here as the normaliser merges them, and must be
  ///   neither empty nor everything.
  /// - A group below (an `or` in an `and`, or the reverse) must have its fields on distinct fields,
  ///   and must stay a group of its own operator in its parent's normal form: were it to shrink to
  ///   one operand, that operand could be a field or a group of the parent's operator, which the
  ///   parent would merge or flatten with its own (two equal operands are one in a normal form).
  static func cannotNormaliseToFalse(_ e: BoundExpression) -> Bool {
    scopeClears(e, negated: false)
  }

  /// The operands of one group, as negation normal form flattens them.
  private struct GroupOperands {
    /// Field constraints (comparisons, memberships, null tests), in order.
    var fields: [FieldConstraint]
    /// Groups of the other operator, under their negation.
    var groups: [(expression: BoundExpression, negated: Bool)] = []
    /// Text tests and quantifiers (each cleared): never a constant, never merged.
    var others = 0

    init() {
      fields = []
      fields.reserveCapacity(8)
    }
  }

  /// A field constraint, by the field and the shape of its domain.
  private struct FieldConstraint {
    var field: BoundField
    /// Whether its domain holds every value below some value (`<`, `<=`, `!=`, `not in`,
    /// `is not null`), every value above some value (`>`, `>=`, `!=`, `not in`, `is not null`),
    /// and null (`is null`).
    var unboundedBelow: Bool
    var unboundedAbove: Bool
    var includesNull: Bool

    /// `f op v` under `negated`.
    init(_ f: BoundField, _ op: ComparisonOperator, negated: Bool) {
      field = f
      switch negated ? op.negated : op {
      case .equal: (unboundedBelow, unboundedAbove) = (false, false)
      case .notEqual: (unboundedBelow, unboundedAbove) = (true, true)
      case .less, .lessOrEqual: (unboundedBelow, unboundedAbove) = (true, false)
      case .greater, .greaterOrEqual: (unboundedBelow, unboundedAbove) = (false, true)
      }
      includesNull = false
    }

    /// `f in (…)`, or `f is null`, under `negated` (`isNull`: a null test).
    init(_ f: BoundField, isNull: Bool, negated: Bool) {
      field = f
      // `not in` and `is not null` hold every value but a few; `in` a few; `is null` only null.
      unboundedBelow = negated
      unboundedAbove = negated
      includesNull = isNull && !negated
    }
  }

  /// Whether the scope `e` heads (under `negated`) certainly does not normalise to `false`.
  private static func scopeClears(_ e: BoundExpression, negated: Bool) -> Bool {
    switch e {
    case .and, .or:
      return groupClears(e, negated: negated, top: true)
    case .not(let x):
      return scopeClears(x, negated: !negated)
    default:
      // One operand: a group of one.
      var operands = GroupOperands()
      guard collect(e, negated: negated, conjunction: true, into: &operands) else { return false }
      return operandsClear(operands, of: e, negated: negated, conjunction: true, top: true)
    }
  }

  /// Whether the group `e` heads certainly normalises to no constant (and, below the top, to a
  /// group of its own operator, a text test or a quantifier).
  private static func groupClears(_ e: BoundExpression, negated: Bool, top: Bool) -> Bool {
    let isAnd = if case .and = e { true } else { false }
    let conjunction = isAnd != negated
    var operands = GroupOperands()
    guard collect(e, negated: negated, conjunction: conjunction, into: &operands) else { return false }
    return operandsClear(operands, of: e, negated: negated, conjunction: conjunction, top: top)
  }

  /// Adds `e`'s operands to the group of operator `conjunction` (false when one is a constant or
  /// a quantifier that does not clear).
  private static func collect(
    _ e: BoundExpression, negated: Bool, conjunction: Bool, into operands: inout GroupOperands
  ) -> Bool {
    switch e {
    case .constant:
      return false
    case .and(let xs), .or(let xs):
      let isAnd = if case .and = e { true } else { false }
      guard (isAnd != negated) == conjunction else {
        operands.groups.append((e, negated))
        return true
      }
      for x in xs where !collect(x, negated: negated, conjunction: conjunction, into: &operands) {
        return false
      }
      return true
    case .not(let x):
      return collect(x, negated: !negated, conjunction: conjunction, into: &operands)
    case .quantified(_, _, let body):
      operands.others += 1
      return scopeClears(body, negated: negated)
    case .predicate(.text):
      operands.others += 1
      return true
    case .predicate(.compare(let f, let op, _)):
      operands.fields.append(FieldConstraint(f, op, negated: negated))
      return true
    case .predicate(.member(let f, let vs, let n)):
      // An empty list (the binder never makes one) can be empty or everything on its own.
      guard !vs.isEmpty else { return false }
      operands.fields.append(FieldConstraint(f, isNull: false, negated: n != negated))
      return true
    case .predicate(.isNull(let f, let n)):
      operands.fields.append(FieldConstraint(f, isNull: true, negated: n != negated))
      return true
    }
  }

  /// Whether the group `e` heads, with `operands`, certainly normalises to no constant.
  private static func operandsClear(
    _ operands: GroupOperands, of e: BoundExpression, negated: Bool, conjunction: Bool, top: Bool
  ) -> Bool {
    let fields = operands.fields
    // The constraints (of the first 64) merged with an earlier one: the first constraint on each
    // field (`FieldKey`) decides for all of them. (A later one past 64 decides again, for part.)
    var merged: UInt64 = 0
    for i in fields.indices where i >= 64 || merged >> UInt64(i) & 1 == 0 {
      var below = fields[i].unboundedBelow
      var above = fields[i].unboundedAbove
      var null = fields[i].includesNull
      var repeated = false
      for j in (i + 1)..<fields.count where BoundField.sameReading(fields[j].field, fields[i].field) {
        repeated = true
        if j < 64 { merged |= 1 << UInt64(j) }
        below = below && fields[j].unboundedBelow
        above = above && fields[j].unboundedAbove
        null = null || fields[j].includesNull
      }
      guard repeated else { continue }
      // A repeated field: below the top it is not looked into. At the top its constraints merge
      // to neither empty nor everything, told by their shapes where they tell: in an `and`,
      // domains that all hold every value below some value (or all every value above) share
      // those below the least (above the greatest), and one without null leaves null out; in an
      // `or`, domains (none empty) unite to one not empty, and to one without null when none
      // holds it. Otherwise, for ordered comparisons, by their tightest bounds; else by their
      // domains.
      guard top else { return false }
      if conjunction ? below || above : !null { continue }
      if conjunction, let holds = orderedRangeHoldsAValue(field: fields[i].field, in: e, negated: negated) {
        guard holds else { return false }
        continue
      }
      guard
        mergedDomainIsNotConstant(field: fields[i].field, in: e, negated: negated, conjunction: conjunction)
      else { return false }
    }
    for g in operands.groups where !groupClears(g.expression, negated: g.negated, top: false) {
      return false
    }
    let count = fields.count + operands.groups.count + operands.others
    if top { return count > 0 }
    // Below the top: two fields (on distinct fields) stay two operands, as do one field and
    // anything else, or a text test or quantifier and a group; text tests and quantifiers alone
    // are no field nor group whatever they become; groups alone need two certainly different.
    if fields.count >= 2 || (fields.count == 1 && count >= 2) { return true }
    if fields.isEmpty && operands.others > 0 { return true }
    return twoGroupsDiffer(operands.groups)
  }

  /// For constraints on `field` in the `and` group `e` heads that are all `<`, `<=`, `>`, `>=`
  /// comparisons (after `not`s are pushed down), some from below and some from above: whether
  /// their merged domain, one range from the tightest lower bound to the tightest upper one (each
  /// found as the intersection finds it, `OrderedBound`), holds a value. Such a domain holds no
  /// null, so it is then neither empty nor everything. Nil for any other constraints.
  static func orderedRangeHoldsAValue(field: BoundField, in e: BoundExpression, negated: Bool) -> Bool? {
    var lower: OrderedBound?
    var upper: OrderedBound?
    var others = false
    eachGroupPredicate(e, negated: negated, conjunction: true) { p, negated in
      guard BoundField.sameReading(p.field, field) else { return }
      switch p {
      case .compare(let f, let op, let v):
        let effective = negated ? op.negated : op
        guard let isLower = Merger.isLowerBound(effective) else {
          others = true
          return
        }
        let bound = OrderedBound(effective, v, type: f.type)
        if isLower {
          if lower.map({ $0.yieldsTo(lower: bound) }) ?? true { lower = bound }
        } else {
          if upper.map({ $0.yieldsTo(upper: bound) }) ?? true { upper = bound }
        }
      case .member, .isNull:
        others = true
      case .text:
        return
      }
    }
    guard !others, let lower, let upper else { return nil }
    let discreteDays = if case .date = field.type { true } else { false }
    return !OrderedBound.rangeIsEmpty(from: lower, to: upper, discreteDays: discreteDays)
  }

  /// Calls `body` with each predicate of the group of operator `conjunction` that `e` heads (under
  /// `negated`), and its negation, as negation normal form flattens the group: through `not`s and
  /// nested groups of the same operator; groups of the other operator, quantifiers and constants
  /// are not looked into.
  private static func eachGroupPredicate(
    _ e: BoundExpression, negated: Bool, conjunction: Bool, _ body: (BoundPredicate, Bool) -> Void
  ) {
    switch e {
    case .and(let xs), .or(let xs):
      let isAnd = if case .and = e { true } else { false }
      guard (isAnd != negated) == conjunction else { return }
      for x in xs { eachGroupPredicate(x, negated: negated, conjunction: conjunction, body) }
    case .not(let x):
      eachGroupPredicate(x, negated: !negated, conjunction: conjunction, body)
    case .predicate(let p):
      body(p, negated)
    case .quantified, .constant:
      return
    }
  }

  /// The domain of a field constraint, built as `Normaliser.normalForm` builds it.
  private static func domain(_ p: BoundPredicate, negated: Bool) -> ValueDomain? {
    switch p {
    case .compare(let f, let op, let v): .comparison(negated ? op.negated : op, v, type: f.type)
    case .member(let f, let vs, let n): .membership(vs, negated: n != negated, type: f.type)
    case .isNull(let f, let n): .null(negated: n != negated, type: f.type)
    case .text: nil
    }
  }

  /// Whether the constraints on `field` in the group `e` heads, merged in order (intersected in
  /// an `and`, united in an `or`), are neither empty nor everything. The merges the normaliser
  /// makes first inside nested groups of the same operator are parts of this one: a part of a
  /// domain that is not empty is not empty, and (in an `and`) no part of one short of everything
  /// is everything; the reverse in an `or`.
  private static func mergedDomainIsNotConstant(
    field: BoundField, in e: BoundExpression, negated: Bool, conjunction: Bool
  ) -> Bool {
    var merged: ValueDomain?
    eachGroupPredicate(e, negated: negated, conjunction: conjunction) { p, negated in
      guard BoundField.sameReading(p.field, field), let d = domain(p, negated: negated) else { return }
      merged = merged.map { conjunction ? $0.intersection(d) : $0.union(d) } ?? d
    }
    guard let merged else { return false }
    return !merged.isEmpty && !merged.isEverything
  }

  /// Whether two of `groups` (groups below another) certainly have different normal forms, so a
  /// group of them alone stays two operands. Told for groups of two or more fields on distinct
  /// fields and nothing else, whose normal form is those fields in order, each with its own
  /// domain.
  private static func twoGroupsDiffer(_ groups: [(expression: BoundExpression, negated: Bool)]) -> Bool {
    func fields(_ g: (expression: BoundExpression, negated: Bool)) -> [(BoundPredicate, Bool)]? {
      var out: [(BoundPredicate, Bool)] = []
      let isAnd = if case .and = g.expression { true } else { false }
      let conjunction = isAnd != g.negated
      func visit(_ e: BoundExpression, _ negated: Bool) -> Bool {
        switch e {
        case .and(let xs), .or(let xs):
          let isAnd = if case .and = e { true } else { false }
          guard (isAnd != negated) == conjunction else { return false }
          return xs.allSatisfy { visit($0, negated) }
        case .not(let x):
          return visit(x, !negated)
        case .predicate(.text), .constant, .quantified:
          return false
        case .predicate(let p):
          out.append((p, negated))
          return true
        }
      }
      guard visit(g.expression, g.negated), out.count >= 2 else { return nil }
      return out
    }
    guard groups.count >= 2, let a = fields(groups[0]) else { return false }
    for g in groups.dropFirst() {
      guard let b = fields(g) else { continue }
      if a.count != b.count { return true }
      for ((p, m), (q, n)) in zip(a, b) {
        if p.field != q.field || domain(p, negated: m) != domain(q, negated: n) { return true }
      }
    }
    return false
  }
}
