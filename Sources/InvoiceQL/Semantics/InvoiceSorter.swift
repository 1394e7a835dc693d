import InvoiceQLJSON
import InvoiceQLSyntax

/// the language reference's `sort by`: a stable sort of decoded invoices by bound keys, where absent, `null` and
/// mistyped values come last in both directions (so `desc` does not bring the blanks to the top).
package enum InvoiceSorter {
  /// The invoices in key order; ties keep their input order.
  package static func sort(_ invoices: [JSONValue], by keys: [BoundSortKey]) -> [JSONValue] {
    sorted(invoices, by: keys) { $0 }
  }

  /// Any items in key order, reading each item's invoice through `invoice`; ties keep input order.
  package static func sorted<Item>(
    _ items: [Item], by keys: [BoundSortKey], invoice: (Item) -> JSONValue
  ) -> [Item] {
    guard !keys.isEmpty else { return items }
    let decorated = items.enumerated().map { (offset, item) in
      (offset: offset, item: item, values: sortValues(invoice(item), keys))
    }
    return decorated.sorted { a, b in
      let c = compare(a.values, b.values, keys)
      return c != 0 ? c < 0 : a.offset < b.offset
    }.map(\.item)
  }

  /// The key values of one invoice (nil: absent, null or mistyped).
  package static func sortValues(_ invoice: JSONValue, _ keys: [BoundSortKey]) -> [Value?] {
    keys.map { Value.read($0.field, in: invoice) }
  }

  /// Compares two rows of key values: negative when `a` sorts first.
  package static func compare(_ a: [Value?], _ b: [Value?], _ keys: [BoundSortKey]) -> Int {
    for (k, key) in keys.enumerated() where k < a.count && k < b.count {
      switch (a[k], b[k]) {
      case (nil, nil): continue
      case (nil, _): return 1
      case (_, nil): return -1
      case (let x?, let y?):
        let o = Value.order(x, y) ?? 0
        if o != 0 { return key.descending ? -o : o }
      }
    }
    return 0
  }
}
