import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

extension Envelope {
  /// Stripe: `{"object": "list", "data": [...], "has_more": bool, "url": "/v1/invoices"}` (the search
  /// endpoint adds `next_page`). The pager needs the last invoice's id (`starting_after`).
  /// An error body (`{"error": {…}}`) has no `data`, so it is reported, never read as empty.
  package static let stripe = Envelope(
    itemsKey: "data", acceptsBareArray: false, metadataKeys: ["object", "has_more", "url", "next_page"],
    tracksLastItemId: true)
}
