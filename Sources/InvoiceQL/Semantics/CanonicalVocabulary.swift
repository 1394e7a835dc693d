import InvoiceQLJSON
import InvoiceQLSyntax

/// the canonical vocabulary: names and status values that mean the same thing on every provider.
///
/// Each provider's catalog maps these to its own paths and values (`FieldCatalog.canonicalFields`,
/// `FieldCatalog.canonicalStatuses`); this type only knows the names, so the binder can tell
/// "a canonical name this provider lacks" from "a name nobody knows".
package enum CanonicalVocabulary {
  /// Canonical field names, in the canonical vocabulary's order.
  package static let fieldNames: [String] = [
    "id", "number", "status", "issueDate", "dueDate", "paidDate", "total", "balance", "currency",
    "customerId", "purchaseOrder", "createdAt", "updatedAt",
  ]

  /// Canonical status values, in the canonical vocabulary's order.
  package static let statusValues: [String] = [
    "draft", "open", "paid", "void", "cancelled", "writtenOff",
  ]

  /// The canonical field whose values are the status values.
  package static let statusField = "status"

  /// The canonical fields that are dates on every provider, even where the API sends datetimes.
  package static let dateFields: Set<String> = ["issueDate", "dueDate", "paidDate"]
}

extension FieldCatalog {
  /// The provider's path for a canonical name, or nil when the provider has none ("—").
  package func canonicalPath(_ name: String) -> [String]? {
    canonicalFields[name]
  }

  /// The provider's status field (the one the canonical `status` maps to).
  package var statusPath: [String]? { canonicalFields[CanonicalVocabulary.statusField] }

  /// The canonical name that maps to `path`, if any (for `:fields`): one that reads the field as its
  /// own name does, else one that reads it its own way (a `canonicalViews` entry).
  package func canonicalName(for path: [String]) -> String? {
    canonicalSynonym(for: path) ?? CanonicalVocabulary.fieldNames.first { canonicalFields[$0] == path }
  }

  /// The canonical name that means exactly what the provider's own name for `path` means (no
  /// `canonicalViews` entry), if any: what a native name may be renamed to.
  package func canonicalSynonym(for path: [String]) -> String? {
    CanonicalVocabulary.fieldNames.first { canonicalFields[$0] == path && canonicalViews[$0] == nil }
  }

  /// Every field at or below the top level that is not inside an array, plus array fields themselves:
  /// the names a query can use directly (paths through arrays are also valid and become quantifiers).
  package var fieldNames: [String] { fields.map(\.dottedName) }
}
