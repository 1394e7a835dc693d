/// One provider's native filter language: its capability table and how a request is written.
/// Adding a provider means adding one dialect (and its catalog); the planner does not change.
public protocol Dialect: Sendable {
  /// The provider's name in the project (`elevate`).
  var name: String { get }
  /// The largest page the API serves.
  var maxPageSize: Int { get }
  /// Settings the request cannot be written without (`tenantId`, `company`).
  var requiredSettings: [String] { get }
  /// What the API can filter on, per field (empty for rhythm; softwareone reads it per operator).
  var capabilities: [FieldCapability] { get }
  /// Pushes what it can of the normalised query's conjuncts.
  func pushdown(_ conjuncts: [NormalExpression], render: (BoundExpression) -> String) -> Pushdown
  /// Whether the server can sort by these keys with the client's semantics.
  func sortable(_ keys: [BoundSortKey]) -> Bool
  /// The first request (page one) for a pushdown.
  func request(_ pushdown: Pushdown, _ shape: RequestShape, settings: [String: String]) -> NativeRequest
}

/// Everything about a request besides the filter.
public struct RequestShape: Sendable {
  /// Top-level keys the client needs (`id` first, then what the residual and sort read), sorted.
  public var projection: [String]
  /// The sort keys when the server sorts; nil otherwise.
  public var sort: [BoundSortKey]?
  public var pageSize: Int
}

/// Why a plan could not be made.
public struct PlanningError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
