/// A bound query (owned by the binder; declared here until it lands on main).
public struct BoundQuery: Sendable, Hashable {
  public var filter: BoundExpression
  public var sort: [BoundSortKey]
  public var limit: Int?
  public init(filter: BoundExpression, sort: [BoundSortKey] = [], limit: Int? = nil) {
    self.filter = filter
    self.sort = sort
    self.limit = limit
  }
}

/// One bound `sort by` key.
public struct BoundSortKey: Sendable, Hashable {
  public var field: BoundField
  public var descending: Bool
  public init(field: BoundField, descending: Bool) {
    self.field = field
    self.descending = descending
  }
}
