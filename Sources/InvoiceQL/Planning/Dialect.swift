import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

/// One provider's native filter language: its capability table and how a request is written.
/// Each provider has one (in its folder under `Providers/`); the planner reads nothing else about it.
package protocol Dialect: Sendable {
  /// The largest page the API serves.
  var maxPageSize: Int { get }
  /// What the API can filter on, per field (empty for rhythm; softwareone reads it per operator).
  var capabilities: [FieldCapability] { get }
  /// Pushes what it can of the normalised query's conjuncts.
  func pushdown(_ conjuncts: [NormalExpression], render: (BoundExpression) -> String) -> Pushdown
  /// Whether the server can sort by these keys with the client's semantics.
  func sortable(_ keys: [BoundSortKey]) -> Bool
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

/// Everything about a request besides the filter.
package struct RequestShape: Sendable {
  /// Top-level keys the client needs (`id` first, then what the residual and sort read), sorted.
  package var projection: [String]
  /// The sort keys when the server sorts; nil otherwise.
  package var sort: [BoundSortKey]?
  package var pageSize: Int
}

/// Why a plan could not be made.
package struct PlanningError: Error, Sendable, Hashable, CustomStringConvertible {
  package var message: String
  package init(_ message: String) { self.message = message }
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
