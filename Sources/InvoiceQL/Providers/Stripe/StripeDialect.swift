import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// Stripe, `GET /v1/invoices` (the list endpoint: no indexing delay, so its answer is certain).
///
/// Filters, each single-valued and never repeated: `status` (one value; an `in` list of up to
/// ``maxStatusListings`` values becomes one request per value, merged by the client), `customer`,
/// `subscription`, `collection_method`, and `created`/`due_date` ranges as `[gte]` and `[lt]` in
/// Unix seconds (documented inclusive and exclusive, so a date in the query's zone is an exact
/// range of seconds). Money, currency, number and metadata have no list filter: client-side.
///
/// Exact: `status`, `customer`, `collection_method` (documented values compared as sent) and
/// `created` (never null). A `due_date` range is a superset: whether it drops invoices without a
/// due date is undocumented. `subscription` is a superset: the field moved (2025-03-31.basil), so
/// the client re-checks the one the query names. The list's own order, newest `created` first,
/// serves `sort by createdAt desc` and `sort by issueDate desc` (ties within a second in any order).
package struct StripeDialect: Dialect {
  package init() {}
  /// `limit` is 1…100.
  package let maxPageSize = 100
  /// The most values of a `status in (…)` list sent as one request each. With more, the listings
  /// together hold most invoices, and one listing without a status filter reads each invoice once.
  package static let maxStatusListings = 3

  static let exactValues = "a documented value, compared as sent"
  static let rangeReason = "gt/gte/lt/lte are documented; a date in the query's zone is a range of seconds"

  package let capabilities: [FieldCapability] = [
    FieldCapability(
      ["status"], format: .text, equal: NativeForm("status"), exact: true, reason: exactValues),
    FieldCapability(
      ["customer"], format: .text, equal: NativeForm("customer"), exact: true, reason: exactValues),
    FieldCapability(
      ["collection_method"], format: .text, equal: NativeForm("collection_method"), exact: true,
      reason: exactValues),
    FieldCapability(
      ["parent", "subscription_details", "subscription"], format: .text,
      equal: NativeForm("subscription"), reason: "the subscription field moved in 2025-03-31.basil"),
    FieldCapability(
      ["subscription"], format: .text, equal: NativeForm("subscription"),
      reason: "the subscription field moved in 2025-03-31.basil"),
    FieldCapability(
      ["created"], format: .integer, lower: NativeForm("created[gte]"), upper: NativeForm("created[lt]"),
      oneBound: false, exactBounds: true, reason: rangeReason),
    FieldCapability(
      ["due_date"], format: .integer, lower: NativeForm("due_date[gte]"),
      upper: NativeForm("due_date[lt]"), oneBound: false,
      reason: "whether a due_date range drops invoices without a due date is undocumented"),
  ]

  /// IDs and enum values: nothing that could be read as structure, no surrounding space.
  static let rules = ValueRules(forbidden: [], forbiddenInList: [], maxLength: 5000)

  package func pushdown(_ conjuncts: [NormalExpression], render: (BoundExpression) -> String)
    -> Pushdown
  {
    withoutActuallyEscaping(render) { render in
      StripePushdown(conjuncts: conjuncts, table: capabilities, render: render).run()
    }
  }

  /// The list's order is newest `created` first: it serves `sort by createdAt desc` and `sort by
  /// issueDate desc` (the date of `created` in the query's zone, which orders the same way), with
  /// early stop; ties within a second come in any order, and the client settles them.
  package var sorting: SortCapability? {
    SortCapability(fields: [], naturalOrder: [SortCapability.NaturalKey(["created"], descending: true)])
  }

  /// `endpoint=search` opts in to the search endpoint (``StripeSearchDialect``); `list` (the
  /// default) is this dialect.
  package func configured(_ settings: [String: String]) throws(PlanningError) -> any Dialect {
    switch settings["endpoint"] ?? "list" {
    case "list", "": return self
    case "search": return StripeSearchDialect()
    case let other: throw PlanningError("stripe's endpoint is 'list' or 'search', not '\(other)'")
    }
  }

  package func request(_ pushdown: Pushdown, _ shape: RequestShape, settings: [String: String])
    -> NativeRequest
  {
    var query: [(name: String, value: String?)] = pushdown.items.map { ($0.name, $0.value) }
    query.append(("limit", String(shape.pageSize)))
    return NativeRequest(
      method: "GET", path: "/v1/invoices", query: query,
      headers: ["Stripe-Version": settings["version"] ?? StripeCatalog.defaultVersion])
  }
}
