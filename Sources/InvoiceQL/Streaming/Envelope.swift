import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

/// Where a provider's response keeps its invoices and its paging metadata: the only thing the
/// streaming filter needs to know about a provider's body.
package struct Envelope: Sendable, Hashable {
  /// The top-level member holding the array of invoices; nil when only a bare array is expected.
  package var itemsKey: String?
  /// Whether the body may be a bare JSON array of invoices.
  package var acceptsBareArray: Bool
  /// Top-level members kept (decoded) as paging metadata, wherever they appear in the body.
  package var metadataKeys: [String]
  /// Where an invoice keeps its identifier.
  package var idPath: [String]
  /// Whether each page's metadata carries the id of its last invoice (`PageMetadata.lastItemId`),
  /// for cursor paging by id (Stripe's `starting_after`).
  package var tracksLastItemId: Bool

  package init(
    itemsKey: String?, acceptsBareArray: Bool, metadataKeys: [String] = [],
    idPath: [String] = ["id"], tracksLastItemId: Bool = false
  ) {
    self.itemsKey = itemsKey
    self.acceptsBareArray = acceptsBareArray
    self.metadataKeys = metadataKeys
    self.idPath = idPath
    self.tracksLastItemId = tracksLastItemId
  }

  /// How the body should look, for error messages.
  var expectedShape: String {
    switch (itemsKey, acceptsBareArray) {
    case (let key?, true): "an array of invoices or an object with a '\(key)' array"
    case (let key?, false): "an object with a '\(key)' array of invoices"
    case (nil, _): "an array of invoices"
    }
  }
}

/// A page's metadata: the envelope's top-level members other than the invoices (cursors, totals,
/// continuation tokens), decoded exactly, plus how many invoices the page held.
package struct PageMetadata: Sendable, Hashable {
  /// The kept top-level members by key (the last one when a key repeats).
  package var values: [String: JSONValue]
  /// How many invoices the page held (matching or not).
  package var itemCount: Int
  /// How many of them matched the filter.
  package var matchCount: Int
  /// The last invoice's id (a string as is, a number as written), when the envelope tracks it and
  /// the page held an invoice with one.
  package var lastItemId: String?

  package init(
    values: [String: JSONValue] = [:], itemCount: Int = 0, matchCount: Int = 0, lastItemId: String? = nil
  ) {
    self.values = values
    self.itemCount = itemCount
    self.matchCount = matchCount
    self.lastItemId = lastItemId
  }

  /// The value at a key path from the top of the body (`["continuation", "search_start"]`), or nil
  /// when absent or when a step is not an object. Keys match scalar for scalar (`isSpelled(as:)`).
  package func value(at path: [String]) -> JSONValue? {
    guard let first = path.first, let top = values.first(where: { $0.key.isSpelled(as: first) })?.value
    else { return nil }
    return ReferenceEvaluator.lookup(Array(path.dropFirst()), in: top)
  }

  /// The value at a dotted key path (`"$meta.pagination.total"`).
  package subscript(dotted path: String) -> JSONValue? {
    value(at: path.split(separator: ".", omittingEmptySubsequences: false).map(String.init))
  }
}
