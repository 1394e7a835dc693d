import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

/// A bound expression in normal form: negation pushed down to the comparisons, `and`/`or` flattened,
/// constants folded, and every group of constraints on one field inside one `and`/`or` merged into a
/// single `ValueDomain`.
///
/// It has the same *true-set* as the expression it came from (an invoice matches one exactly when it
/// matches the other), which is all a filter needs; with `not` gone, every remaining operator is
/// monotone, so the true-set of each node depends only on the true-sets of its children.
///
/// Only the text and quantifier cases are boxed: a field's constraint is two references (the field's
/// and the domain's), held in place, so making one allocates nothing more and taking one apart is
/// two retains.
package enum NormalExpression: Sendable, Hashable {
  case constant(Bool)
  /// A constraint on one field: true exactly when the field's state lies in the domain.
  case field(BoundField, ValueDomain)
  /// `contains`/`startswith`/`endswith`, kept whole; `negated` is a Kleene `not` over it.
  indirect case text(BoundField, TextOperator, String, negated: Bool)
  indirect case quantified(Quantifier, BoundField, NormalExpression)
  /// Two or more operands, none an `and` or a constant.
  case and([NormalExpression])
  /// Two or more operands, none an `or` or a constant.
  case or([NormalExpression])

  /// The operands of a top-level `and`, or the expression itself.
  package var conjuncts: [NormalExpression] {
    switch self {
    case .and(let xs): xs
    case .constant(true): []
    default: [self]
    }
  }

  /// Every field read, in scope of the expression (quantifier bodies contribute their array only).
  package var fieldsRead: [BoundField] {
    switch self {
    case .constant: []
    case .field(let f, _), .text(let f, _, _, _), .quantified(_, let f, _): [f]
    case .and(let xs), .or(let xs): xs.flatMap(\.fieldsRead)
    }
  }

  /// Back to a bound expression, in the shape the residual is printed in.
  package var bound: BoundExpression {
    switch self {
    case .constant(let b): .constant(b)
    case .field(let f, let d): DomainRenderer.expression(f, d)
    case .text(let f, let op, let s, let negated):
      negated ? .not(.predicate(.text(f, op, s))) : .predicate(.text(f, op, s))
    case .quantified(let q, let f, let body): .quantified(q, f, body.bound)
    case .and(let xs): Self.flatten(xs.map(\.bound), and: true)
    case .or(let xs): Self.flatten(xs.map(\.bound), and: false)
    }
  }

  private static func flatten(_ xs: [BoundExpression], and: Bool) -> BoundExpression {
    var out: [BoundExpression] = []
    for x in xs {
      switch (x, and) {
      case (.and(let ys), true), (.or(let ys), false): out += ys
      default: out.append(x)
      }
    }
    if out.count == 1 { return out[0] }
    return and ? .and(out) : .or(out)
  }
}

/// Turns one field's domain back into the comparisons a person would write.
package enum DomainRenderer {
  package static func expression(_ f: BoundField, _ d: ValueDomain) -> BoundExpression {
    if d.isEverything { return .constant(true) }
    if d.isEmpty { return .constant(false) }
    if d.includesUnreadable {
      // Only `is not null` produces unreadable values, and it brings every readable value with it.
      return d.includesNull ? .constant(true) : .predicate(.isNull(f, negated: true))
    }
    let values = d.ranges.isEmpty ? nil : valuesExpression(f, d)
    if d.includesAllValues, let w = d.witness {
      // Every readable value, but not an unreadable one: no single predicate says that.
      let readable = BoundExpression.or([
        .predicate(.compare(f, .equal, w)), .predicate(.compare(f, .notEqual, w)),
      ])
      return d.includesNull ? .or([readable, .predicate(.isNull(f, negated: false))]) : readable
    }
    if d.includesNull {
      let isNull = BoundExpression.predicate(.isNull(f, negated: false))
      guard let values else { return isNull }
      if case .or(let xs) = values { return .or(xs + [isNull]) }
      return .or([values, isNull])
    }
    return values ?? .constant(false)
  }

  private static func valuesExpression(_ f: BoundField, _ d: ValueDomain) -> BoundExpression {
    if let points = d.points {
      return points.count == 1
        ? .predicate(.compare(f, .equal, points[0]))
        : .predicate(.member(f, points, negated: false))
    }
    guard let hull = d.hull else { return .constant(false) }
    // Holes of single points inside the hull read best as `!=` / `not in`.
    var holes: [Value] = []
    var onlyPointHoles = true
    for (a, b) in zip(d.ranges, d.ranges.dropFirst()) {
      if let u = a.upper, let l = b.lower, !u.inclusive, !l.inclusive, u.key == l.key {
        holes.append(u.value)
      } else {
        onlyPointHoles = false
      }
    }
    if onlyPointHoles {
      var parts = bounds(f, hull)
      if holes.count == 1 {
        parts.append(.predicate(.compare(f, .notEqual, holes[0])))
      } else if holes.count > 1 {
        parts.append(.predicate(.member(f, holes, negated: true)))
      }
      return parts.count == 1 ? parts[0] : .and(parts)
    }
    let alternatives = d.ranges.map { r -> BoundExpression in
      if let p = r.point { return .predicate(.compare(f, .equal, p.value)) }
      let parts = bounds(f, r)
      return parts.count == 1 ? parts[0] : .and(parts)
    }
    return .or(alternatives)
  }

  private static func bounds(_ f: BoundField, _ r: ValueRange) -> [BoundExpression] {
    var parts: [BoundExpression] = []
    if let p = r.point { return [.predicate(.compare(f, .equal, p.value))] }
    if let l = r.lower {
      parts.append(.predicate(.compare(f, l.inclusive ? .greaterOrEqual : .greater, l.value)))
    }
    if let u = r.upper {
      parts.append(.predicate(.compare(f, u.inclusive ? .lessOrEqual : .less, u.value)))
    }
    if parts.isEmpty { parts.append(.predicate(.isNull(f, negated: true))) }
    return parts
  }
}
