import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// Stripe's line items: an invoice's `lines` holds only the first page (`lines.has_more`); the rest
/// is listed at `GET /v1/invoices/{id}/lines`, paged like the invoices (`limit`, `starting_after`).
enum StripeLines {
  static let completion = ItemCompletion(
    array: ["lines", "data"], more: "has_more", envelope: .stripe,
    request: { invoice, listing in
      guard case .string(let id)? = invoice["id"], !id.isEmpty else { return nil }
      return NativeRequest(
        method: "GET", path: "/v1/invoices/\(URLText.encodePathSegment(id))/lines",
        query: [("limit", String(StripePager.maxPageSize))], headers: listing.headers)
    },
    pager: { request in StripePager(firstRequest: request) })
}
