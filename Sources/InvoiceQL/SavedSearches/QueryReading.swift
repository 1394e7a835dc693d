import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLProviders
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// The parser as the rewriter uses it: a result instead of a throw, so one bad search is data.
enum QueryReading {
  static func parse(_ text: String) -> Result<Query, DiagnosticError> {
    do {
      return .success(try Parser.parse(text))
    } catch {
      return .failure(error)
    }
  }
}

/// Provider names in saved searches are matched case-insensitively (`"Elevate"` is elevate).
enum SavedSearchProviders {
  static func catalog(_ name: String) -> FieldCatalog? {
    Provider.named(name.lowercased())?.catalog
  }
}
