import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

extension Envelope {
  /// Elevate: the body is a bare array of invoices; no paging metadata (stop on a short page).
  /// An error body (`{"error", "message"}`) is an object, so it is reported, never read as empty.
  package static let elevate = Envelope(itemsKey: nil, acceptsBareArray: true)
}
