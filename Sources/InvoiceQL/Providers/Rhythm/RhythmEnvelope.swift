import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

extension Envelope {
  /// Rhythm: `{"Count": n, "Items": [...], "LastEvaluatedKey": key}` (seed page: Response 200 fields).
  package static let rhythm = Envelope(
    itemsKey: "Items", acceptsBareArray: false,
    metadataKeys: ["Count", "LastEvaluatedKey"])
}
