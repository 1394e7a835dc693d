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
    // Every search asks, several times: a table, and no lowercasing of a name already in lowercase.
    let folded = name.utf8.allSatisfy { $0 < 0x80 && !(0x41...0x5A).contains($0) } ? name : name.lowercased()
    return catalogs[folded]
  }

  /// Each registered provider's catalog by its name (`Provider.named` spells names exactly).
  private static let catalogs: [String: FieldCatalog] = Dictionary(
    Provider.all.map { ($0.name, $0.catalog) }, uniquingKeysWith: { first, _ in first })
}
