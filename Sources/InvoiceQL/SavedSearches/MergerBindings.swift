import InvoiceQLSemantics
import InvoiceQLSyntax

/// What the predicates merging groups bind to: read off the filter's binding where it has them.
extension Merger {
  /// What `e`, a predicate outside `not`s and quantifiers, binds to at the first clock: read off
  /// the filter's binding for a predicate of the filter, else bound now (nil when it does not
  /// bind).
  func binding(of e: Expression) -> BoundExpression? {
    if let bound, let known = Self.binding(of: e, in: bound.filter, bound.binding) { return known }
    return bind(e)
  }

  /// What `e` binds to on its own at the first clock (nil without a catalog, or when it does not
  /// bind).
  func bind(_ e: Expression) -> BoundExpression? {
    guard let catalog else { return nil }
    return try? Binder.bind(e, catalog: catalog, context: .utc(now: Simplification.clocks[0]))
  }

  /// The part of `b`, the binding of `filter`, that a predicate of `filter` equal to `e` (outside
  /// `not`s and quantifiers) binds to. The binder binds each operand of a (non-empty) `and`/`or`
  /// on its own, in order, and a predicate's binding depends on nothing but the predicate there
  /// (its scope is the invoice): any predicate equal to `e` binds as `e` does.
  static func binding(of e: Expression, in filter: Expression, _ b: BoundExpression) -> BoundExpression? {
    switch (filter.kind, b) {
    case (.and(let xs), .and(let bs)), (.or(let xs), .or(let bs)):
      guard xs.count == bs.count else { return nil }
      for (x, y) in zip(xs, bs) {
        if let found = binding(of: e, in: x, y) { return found }
      }
      return nil
    case (.comparison, _), (.membership, _), (.between, _), (.isNull, _):
      return filter == e ? b : nil
    default:
      return nil
    }
  }
}
