import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// Rhythm Collect, `GET /invoices/{tenantId}/portal/contact/{portalContactId}`: no server-side filter
/// at all. Always `includeAllInvoices=true` (what the default leaves out is undocumented) and a
/// `fields` projection of `id` plus every top-level field the client-side check and sort read.
package struct RhythmDialect: Dialect {
  package init() {}
  /// The server chooses its page size; this bounds what a plan may ask for.
  package let maxPageSize = 1000
  package let capabilities: [FieldCapability] = []

  package func pushdown(_ conjuncts: [NormalExpression], render: (BoundExpression) -> String)
    -> Pushdown
  {
    ConjunctivePushdown.run(
      conjuncts, table: [], rules: ValueRules(forbidden: [], forbiddenInList: [], maxLength: 0),
      render: render)
  }

  package func sortable(_ keys: [BoundSortKey]) -> Bool { false }

  package func request(_ pushdown: Pushdown, _ shape: RequestShape, settings: [String: String])
    -> NativeRequest
  {
    let tenant = URLText.encodePathSegment(settings["tenantId"] ?? "")
    let contact = URLText.encodePathSegment(settings["portalContactId"] ?? "")
    return NativeRequest(
      method: "GET", path: "/invoices/\(tenant)/portal/contact/\(contact)",
      query: [("includeAllInvoices", "true"), ("fields", shape.projection.joined(separator: ","))])
  }
}
