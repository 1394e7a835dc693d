import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

extension Envelope {
  /// Wethod: the seed page's 200 schema is a bare array (`Array [ … ]`); newer API versions wrap
  /// lists as `{"data": [...]}`, which is accepted too. An error body (`{key, message}`) has neither.
  package static let wethod = Envelope(
    itemsKey: "data", acceptsBareArray: true)
}
