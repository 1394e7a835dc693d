import InvoiceQLJSON
import InvoiceQLSyntax

/// the language reference's `sort by … limit N` over items that arrive one at a time, in memory bounded by N: it
/// holds at most `capacity` items and ends with exactly what `InvoiceSorter.sorted` followed by
/// `prefix(capacity)` gives — stable (ties keep arrival order), absent, `null` and mistyped values
/// last in both directions. Without a capacity it holds every item and sorts them at the end.
///
/// The items kept form a binary heap whose root is the one that sorts last, so an item that cannot
/// make the cut is dropped in one comparison and one that can costs O(log N).
package struct InvoiceTopK<Item> {
  /// The sort keys (as bound by the query's `sort by`).
  package let keys: [BoundSortKey]
  /// How many items are kept (nil: all of them).
  package let capacity: Int?
  private var rows: [Row] = []
  private var arrivals = 0

  fileprivate struct Row {
    var values: [Value?]
    /// Its position among all the items inserted: breaks ties, so the order is total and stable.
    var arrival: Int
    var item: Item
  }

  package init(keys: [BoundSortKey], capacity: Int?) {
    self.keys = keys
    self.capacity = capacity.map { max(0, $0) }
  }

  /// How many items are held now: never more than `capacity`.
  package var count: Int { rows.count }

  /// Offers one item, whose invoice (decoded, at least the sort keys' fields) is `invoice`.
  package mutating func insert(_ item: Item, invoice: JSONValue) {
    let arrival = arrivals
    arrivals += 1
    guard let capacity else {
      rows.append(Row(values: InvoiceSorter.sortValues(invoice, keys), arrival: arrival, item: item))
      return
    }
    guard capacity > 0 else { return }
    let row = Row(values: InvoiceSorter.sortValues(invoice, keys), arrival: arrival, item: item)
    if rows.count < capacity {
      rows.append(row)
      siftUp(rows.count - 1)
    } else if precedes(row, rows[0]) {
      rows[0] = row
      siftDown(0)
    }
  }

  /// The items held, in sort order.
  package var sorted: [Item] {
    rows.sorted(by: precedes).map(\.item)
  }

  /// Whether `a` sorts before `b`: by the keys, then by arrival.
  private func precedes(_ a: Row, _ b: Row) -> Bool {
    let c = InvoiceSorter.compare(a.values, b.values, keys)
    return c != 0 ? c < 0 : a.arrival < b.arrival
  }

  /// Restores the heap (every row sorts after its children) above `index`.
  private mutating func siftUp(_ index: Int) {
    var child = index
    while child > 0 {
      let parent = (child - 1) / 2
      guard precedes(rows[parent], rows[child]) else { return }
      rows.swapAt(parent, child)
      child = parent
    }
  }

  /// Restores the heap below `index`.
  private mutating func siftDown(_ index: Int) {
    var parent = index
    while true {
      var last = parent
      let left = 2 * parent + 1
      if left < rows.count && precedes(rows[last], rows[left]) { last = left }
      if left + 1 < rows.count && precedes(rows[last], rows[left + 1]) { last = left + 1 }
      if last == parent { return }
      rows.swapAt(parent, last)
      parent = last
    }
  }
}

extension InvoiceTopK: Sendable where Item: Sendable {}
extension InvoiceTopK.Row: Sendable where Item: Sendable {}
