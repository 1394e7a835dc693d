import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

/// One provider's native filter language: its capability table and how a request is written.
/// Each provider has one (in its folder under `Providers/`); the planner reads nothing else about it.
package protocol Dialect: Sendable {
  /// The largest page the API serves.
  var maxPageSize: Int { get }
  /// Whether a request names its page size, so that a limit can cut it (false: the server chooses).
  var asksPageSize: Bool { get }
  /// What the API can filter on, per field (empty for rhythm; softwareone reads it per operator).
  var capabilities: [FieldCapability] { get }
  /// Pushes what it can of the normalised query's conjuncts.
  func pushdown(_ conjuncts: [NormalExpression], render: (BoundExpression) -> String) -> Pushdown
  /// How the API sorts a listing, if it does: which fields it orders unambiguously, how many keys it
  /// takes, a tie-breaker, or a natural order it always lists in (nil: it does not sort).
  var sorting: SortCapability? { get }
  /// The first request (page one) for a pushdown; `settings` holds every setting the provider
  /// requires (checked, with defaults filled in).
  func request(_ pushdown: Pushdown, _ shape: RequestShape, settings: [String: String]) -> NativeRequest
  /// The dialect a plan with these settings uses: a setting may choose another endpoint with another
  /// filter language (Stripe's opt-in search). By default the dialect itself.
  func configured(_ settings: [String: String]) throws(PlanningError) -> any Dialect
}

extension Dialect {
  package func configured(_ settings: [String: String]) throws(PlanningError) -> any Dialect { self }
}

extension Dialect {
  /// No sorting unless the dialect declares it.
  package var sorting: SortCapability? { nil }
  /// Most APIs take a page size.
  package var asksPageSize: Bool { true }
}

/// Everything about a request besides the filter.
package struct RequestShape: Sendable {
  /// The server-side projection (`fields=`), only when the caller asked for fields: `id` first, then
  /// the requested top-level keys and what the residual and sort read, sorted. Nil: the whole
  /// invoice, so no projection is sent.
  package var projection: [String]?
  /// Top-level keys the client reads (the residual and the sort), sorted, without `id`: what an API
  /// whose projection only adds to a default (softwareone `select=+…`) must always select.
  package var needed: [String]
  /// The sort keys to send when the server sorts by a parameter (the query's, then the dialect's
  /// tie-breaker); nil otherwise.
  package var sort: [BoundSortKey]?
  package var pageSize: Int
}

/// Why a plan could not be made.
package struct PlanningError: Error, Sendable, Hashable, CustomStringConvertible {
  package var message: String
  /// The provider settings the plan needs and was not given (empty for other problems).
  package var missingSettings: [String] = []
  package init(_ message: String) { self.message = message }
  package init(_ message: String, missingSettings: [String]) {
    self.message = message
    self.missingSettings = missingSettings
  }
  package var description: String { message }
}

/// Which sorts a server can do with the client's semantics.
package enum SortSafety {
  /// Whether a server may sort by `keys` without disagreeing with the client's order: only fields the
  /// catalog marks as never absent, of a type whose order is unambiguous (numbers, dates, instants).
  package static func safelySortable(_ keys: [BoundSortKey], catalog: FieldCatalog) -> Bool {
    keys.allSatisfy { key in
      guard key.field.path.count == 1, let d = catalog.field(at: key.field.path), !d.nullable else {
        return false
      }
      switch d.type {
      case .decimal, .integer, .date, .dateTime, .id(numeric: true): return true
      default: return false
      }
    }
  }
}
