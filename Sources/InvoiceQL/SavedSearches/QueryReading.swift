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
    // Every search asks, several times: a scan of a few names, and no lowercasing of a name
    // already in lowercase.
    names.firstIndex(of: name.foldedLowercase).map { catalogs[$0] }
  }

  /// The registered providers' names and catalogs, in registry order (`Provider.named` spells
  /// names exactly and takes the first).
  private static let names = Provider.all.map(\.name)
  private static let catalogs = Provider.all.map(\.catalog)
}
