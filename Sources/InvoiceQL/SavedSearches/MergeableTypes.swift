import InvoiceQLProviders
import InvoiceQLSemantics
import InvoiceQLSyntax

/// The type `Merger` reads each one-word field name by, for each registered provider's catalog,
/// worked out once: merging asks for the same few names in every search, and working one out
/// reads several of the catalog's tables (and copies the catalog, a retain and a release of each).
enum MergeableTypes {
  /// The one-word names' types for the provider `name` names (as `SavedSearchProviders.catalog`
  /// finds its catalog: the same registry entry), or nil for an unknown provider.
  static func oneWordTypes(provider name: String) -> [String: FieldType?]? {
    names.firstIndex(of: name.foldedLowercase).map { tables[$0] }
  }

  /// The registered providers' names and tables, in registry order.
  private static let names = Provider.all.map(\.name)
  private static let tables = Provider.all.map { oneWordTypes(of: $0.catalog) }

  /// Every one-word name that can resolve in `catalog` (a canonical name or a top-level field),
  /// with the type `Merger` reads it by. A name crosses no array, so that is its resolved type.
  static func oneWordTypes(of catalog: FieldCatalog) -> [String: FieldType?] {
    var out: [String: FieldType?] = [:]
    let names =
      Array(catalog.canonicalFields.keys) + catalog.fields.filter { $0.path.count == 1 }.map(\.path[0])
    for name in names { out[name] = .some(resolvedType([name], in: catalog)) }
    return out
  }

  /// The type of the field at `path`: a canonical name's view, or `date` for a canonical date
  /// field, or the catalog's type of the path.
  static func resolvedType(_ path: [String], in catalog: FieldCatalog) -> FieldType? {
    if path.count == 1, let p = catalog.canonicalFields[path[0]] {
      if let view = catalog.canonicalViews[path[0]] { return view.type }
      return CanonicalVocabulary.dateFields.contains(path[0]) ? .date : catalog.type(at: p)
    }
    return catalog.type(at: path)
  }
}
