import InvoiceQLJSON
import InvoiceQLSyntax

/// The fields a caller asked a match to hold (the plans article "Projection"; CLI `--fields a,b.c`): without
/// one, a match is the whole invoice as the server sent it.
///
/// Names resolve as in a query: a canonical name (the canonical vocabulary) first, then the provider's own dotted
/// path, case-sensitively. A path may cross arrays (`line_items.product_id` keeps that member of
/// every line item) and may name an object or array whole.
package struct FieldSelection: Sendable, Hashable {
  /// One requested field.
  package struct Field: Sendable, Hashable {
    /// The name as the caller wrote it.
    package var name: String
    /// JSON keys from the invoice (the catalog's path).
    package var path: [String]
    /// For each step of `path`, whether the value there is an array whose elements the rest of the
    /// path reads (from the catalog), so the projection goes through every element.
    package var arraySteps: [Bool]
  }

  /// The fields, in the order asked, without repeats.
  package var fields: [Field]

  /// The catalog paths, dotted (`erpData.dueDate`): what the plan JSON's `fields` lists.
  package var dottedPaths: [String] { fields.map { $0.path.joined(separator: ".") } }

  /// The top-level JSON keys the selection reads (what a server-side projection must keep).
  package var topLevelKeys: [String] {
    var seen = Set<String>()
    return fields.compactMap { $0.path.first }.filter { seen.insert($0).inserted }
  }

  /// The requested fields whose value cannot be read without a field left out of the selection
  /// (Stripe's `total` is in minor units of the invoice's `currency`), each with what it needs,
  /// dotted. The projection still holds just the fields asked for; a caller may say so.
  package func missingDependencies(catalog: FieldCatalog) -> [(field: String, needs: [String])] {
    let selected = Set(fields.map(\.path))
    // Inside an array the paths are the element's, not the invoice's: only fields outside one.
    return fields.compactMap { field in
      guard !field.arraySteps.contains(true) else { return nil }
      let needs = catalog.dependencies(of: field.path).filter { !selected.contains($0) }
      guard !needs.isEmpty else { return nil }
      var seen = Set<[String]>()
      return (field.name, needs.filter { seen.insert($0).inserted }.map { $0.joined(separator: ".") })
    }
  }

  /// Resolves a comma-separated list (`total,erpData.dueDate`); spaces around names are ignored.
  package static func parse(_ list: String, catalog: FieldCatalog) throws(FieldSelectionError)
    -> FieldSelection
  {
    let names = list.split(separator: ",", omittingEmptySubsequences: false).map {
      String($0.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
    return try resolve(names, catalog: catalog)
  }

  /// Resolves each name against `catalog`; an empty, unknown or unavailable name is an error naming
  /// it (with a suggestion when one is close).
  package static func resolve(_ names: [String], catalog: FieldCatalog) throws(FieldSelectionError)
    -> FieldSelection
  {
    guard !names.isEmpty else { throw FieldSelectionError("the field list is empty") }
    var out: [Field] = []
    for name in names {
      guard !name.isEmpty else { throw FieldSelectionError("the field list has an empty name") }
      let path: [String]
      if CanonicalVocabulary.fieldNames.contains(name), let mapped = catalog.canonicalFields[name] {
        path = mapped
      } else if catalog.field(
        at: name.split(separator: ".", omittingEmptySubsequences: false).map(String.init))
        != nil
      {
        path = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
      } else if CanonicalVocabulary.fieldNames.contains(name) {
        throw FieldSelectionError("field '\(name)' is not available on \(catalog.provider)")
      } else {
        let candidates = catalog.topLevelNames
        let hint =
          candidates.first { $0.equalsFolded(name) }
          ?? Suggestions.closest(to: name, in: candidates)
        throw FieldSelectionError(
          "unknown field '\(name)' on \(catalog.provider)" + (hint.map { " (did you mean '\($0)'?)" } ?? ""))
      }
      let steps = path.indices.map { k -> Bool in
        guard k < path.count - 1, case .array? = catalog.field(at: Array(path[...k]))?.type else {
          return false
        }
        return true
      }
      let field = Field(name: name, path: path, arraySteps: steps)
      if !out.contains(where: { $0.path == path }) { out.append(field) }
    }
    return FieldSelection(fields: out)
  }
}

/// A `--fields` list that does not resolve on the provider.
package struct FieldSelectionError: Error, Sendable, Hashable, CustomStringConvertible {
  package var message: String
  package init(_ message: String) { self.message = message }
  package var description: String { message }
}
