import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLSyntax

/// Cheap proofs that simplification's costly steps would find nothing, so most searches skip them.
/// Each is conservative: when it cannot tell, the step runs as before.
extension Simplification {
  /// Whether `e`'s normal form (`Normaliser.normalise`) is certainly not `false`, told without
  /// computing it.
  ///
  /// The normaliser reaches a constant only from a constant in the tree, from merging two
  /// constraints on one field (same `FieldKey`) inside one `and`/`or` (after `not` is pushed down
  /// and nested `and`s or `or`s are flattened: one group), or from `any` over a body that is
  /// `false`. A single comparison, membership or null test is never empty nor everything, and text
  /// tests stay as they are. So a tree without constants and without two constraints on one field
  /// in one group normalises to no constant at all. (Two constraints on one path are taken for one
  /// field, whatever their types: the check only has to be safe.)
  static func cannotNormaliseToFalse(_ e: BoundExpression) -> Bool {
    var fields: [[String]] = []
    fields.reserveCapacity(8)
    return distinctFieldsPerGroup(e, negated: false, group: nil, fields: &fields)
  }

  /// Walks `e` as negation normal form would see it: `group` is the effective operator of the
  /// group `e` belongs to (nil at the top of a scope) and `fields` the paths constrained in it.
  private static func distinctFieldsPerGroup(
    _ e: BoundExpression, negated: Bool, group: Bool?, fields: inout [[String]]
  ) -> Bool {
    switch e {
    case .constant:
      return false
    case .and(let xs), .or(let xs):
      let isAnd = if case .and = e { true } else { false }
      let conjunction = isAnd != negated
      if conjunction == group {
        for x in xs where !distinctFieldsPerGroup(x, negated: negated, group: conjunction, fields: &fields) {
          return false
        }
        return true
      }
      var inner: [[String]] = []
      inner.reserveCapacity(xs.count)
      for x in xs where !distinctFieldsPerGroup(x, negated: negated, group: conjunction, fields: &inner) {
        return false
      }
      return true
    case .not(let x):
      return distinctFieldsPerGroup(x, negated: !negated, group: group, fields: &fields)
    case .quantified(_, _, let body):
      // Its body is a scope of its own; in its group it is one operand, merged with no other.
      var inner: [[String]] = []
      return distinctFieldsPerGroup(body, negated: negated, group: nil, fields: &inner)
    case .predicate(.text):
      return true
    case .predicate(.compare(let f, _, _)), .predicate(.member(let f, _, _)), .predicate(.isNull(let f, _)):
      if fields.contains(f.path) { return false }
      fields.append(f.path)
      return true
    }
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
