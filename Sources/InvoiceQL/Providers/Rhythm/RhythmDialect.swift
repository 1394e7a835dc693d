import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// Rhythm Collect, `GET /invoices/{tenantId}/portal/contact/{portalContactId}`: no server-side filter
/// at all. Always `includeAllInvoices=true` (what the default leaves out is undocumented); a `fields`
/// projection only when the caller asked for fields: `id`, those, and every top-level field the
/// client-side check and sort read.
package struct RhythmDialect: Dialect {
  package init() {}
  /// The server chooses its page size; this bounds what a plan may ask for.
  package let maxPageSize = 1000
  /// No page-size parameter: a limit never shortens rhythm's pages.
  package let asksPageSize = false
  package let capabilities: [FieldCapability] = []

  package func pushdown(_ conjuncts: [NormalExpression], render: (BoundExpression) -> String)
    -> Pushdown
  {
    ConjunctivePushdown.run(
      conjuncts, table: [], rules: ValueRules(forbidden: [], forbiddenInList: [], maxLength: 0),
      render: render)
  }

  package func request(_ pushdown: Pushdown, _ shape: RequestShape, settings: [String: String])
    -> NativeRequest
  {
    let tenant = URLText.encodePathSegment(settings["tenantId"] ?? "")
    let contact = URLText.encodePathSegment(settings["portalContactId"] ?? "")
    var query: [(name: String, value: String?)] = [("includeAllInvoices", "true")]
    if let projection = shape.projection { query.append(("fields", projection.joined(separator: ","))) }
    return NativeRequest(
      method: "GET", path: "/invoices/\(tenant)/portal/contact/\(contact)", query: query)
  }
}
