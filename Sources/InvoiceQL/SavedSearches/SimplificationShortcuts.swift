import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLSyntax

/// Cheap proofs that simplification's costly steps would find nothing, so most searches skip them.
/// Each is conservative: when it cannot tell, the step runs as before.
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
  /// - A group below (an `or` in an `and`, or the reverse) must have its fields on distinct paths,
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
      // `not in` and `is not null` hold every value but a few; `in` a few; `is null` none.
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
    for (i, f) in fields.enumerated() {
      // The first constraint on each field (`FieldKey`) decides for all of them.
      guard !fields[..<i].contains(where: { BoundField.sameReading($0.field, f.field) }) else { continue }
      var shape = f
      var repeated = false
      for g in fields[(i + 1)...] where BoundField.sameReading(g.field, f.field) {
        repeated = true
        shape.unboundedBelow = shape.unboundedBelow && g.unboundedBelow
        shape.unboundedAbove = shape.unboundedAbove && g.unboundedAbove
        shape.includesNull = shape.includesNull || g.includesNull
      }
      guard repeated else { continue }
      // A repeated field: below the top it is not looked into; at the top, its constraints are
      // merged as the normaliser merges them.
      guard top,
        mergeIsNotConstant(shape, conjunction: conjunction)
          || mergedDomainIsNotConstant(field: f.field, in: e, negated: negated, conjunction: conjunction)
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

  /// Whether constraints on one field certainly merge to neither empty nor everything, told by
  /// their shapes (`merged`: whether all hold every value below some value, whether all hold every
  /// value above, whether any holds null): in an `and`, domains that all hold every value below
  /// some value (or all every value above) share those below the least (above the greatest), and
  /// one without null leaves null out; in an `or`, domains (none empty) unite to one not empty,
  /// and without null.
  private static func mergeIsNotConstant(_ merged: FieldConstraint, conjunction: Bool) -> Bool {
    conjunction ? merged.unboundedBelow || merged.unboundedAbove : !merged.includesNull
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
    func visit(_ e: BoundExpression, _ negated: Bool) {
      switch e {
      case .and(let xs), .or(let xs):
        let isAnd = if case .and = e { true } else { false }
        guard (isAnd != negated) == conjunction else { return }
        for x in xs { visit(x, negated) }
      case .not(let x):
        visit(x, !negated)
      case .predicate(let p) where BoundField.sameReading(p.field, field):
        guard let d = domain(p, negated: negated) else { return }
        merged = merged.map { conjunction ? $0.intersection(d) : $0.union(d) } ?? d
      default:
        return
      }
    }
    visit(e, negated)
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
      var paths: [[String]] = []
      paths.reserveCapacity(xs.count)
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
          // it, with no comparison of whole operands.
          if paths.contains(path) { return true }
          paths.append(path)
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
