import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

extension Envelope {
  /// RoadSync `POST /invoice/search`: `{"code", "message", "continuation": {"search_start"},
  /// "invoice_list": [...], "pagination": {...}, "result_token", …}`.
  package static let roadsync = Envelope(
    itemsKey: "invoice_list", acceptsBareArray: false,
    metadataKeys: ["code", "message", "continuation", "pagination", "result_token"])
}
