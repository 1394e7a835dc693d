import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

extension Envelope {
  /// SoftwareOne: `{"$meta": {"pagination": {"offset", "limit", "total"}, …}, "data": [...]}`.
  package static let softwareone = Envelope(
    itemsKey: "data", acceptsBareArray: false, metadataKeys: ["$meta"])
}
