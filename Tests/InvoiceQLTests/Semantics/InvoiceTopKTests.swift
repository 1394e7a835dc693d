import TestSupport
import Testing

@testable import InvoiceQL
@testable import InvoiceQLImport
@testable import InvoiceQLJSON
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSavedSearches
@testable import InvoiceQLSemantics
@testable import InvoiceQLStreaming
@testable import InvoiceQLSyntax

@Suite("InvoiceTopK")
struct InvoiceTopKTests {
  static let total = BoundField(path: ["total"], type: .decimal, name: "total")
  static let due = BoundField(path: ["due"], type: .date, name: "dueDate")
  static let name = BoundField(path: ["name"], type: .string, name: "name")

  /// A value for `field`: few distinct ones (so ties are common), absent, `null` or mistyped.
  static func value(_ field: BoundField, _ random: inout SplitMix64) -> JSONValue? {
    switch Int.random(in: 0..<10, using: &random) {
    case 0: return nil
    case 1: return .null
    case 2: return field.type == .decimal ? .string("n/a") : .number("7")
    default:
      let k = Int.random(in: 0..<4, using: &random)
      switch field.type {
      case .decimal: return k == 3 ? .string("1e0") : .number(["1", "2.50", "2.5"][k])
      case .date: return .string(["2025-05-01", "2025-04-30T23:00:00-05:00", "2024-12-31", "2025-05-01"][k])
      default: return .string(["b", "a", "B", "é"][k])
      }
    }
  }

  /// Random invoices: `id` is their position, so an item is known by it.
  static func invoices(_ count: Int, _ random: inout SplitMix64) -> [JSONValue] {
    (0..<count).map { index in
      var members = [JSONMember("id", .number(String(index)))]
      for field in [total, due, name] {
        if let v = value(field, &random) { members.append(JSONMember(field.path[0], v)) }
      }
      return .object(members)
    }
  }

  static func ids(_ xs: [JSONValue]) -> [String] {
    xs.map { if case .number(let n)? = $0["id"] { n } else { "?" } }
  }

  @Test("property: top-k equals the stable sort's prefix, ties, blanks and capacities 0…n+2 included")
  func topKEqualsThePrefixOfTheStableSort() {
    var random = SplitMix64(seed: 0x70_9C)
    var cases = 0
    for round in 0..<600 {
      let items = Self.invoices(Int.random(in: 0..<60, using: &random), &random)
      let fields = [Self.total, Self.due, Self.name].shuffled(using: &random)
      let keys = fields.prefix(Int.random(in: 0...2, using: &random)).map {
        BoundSortKey(field: $0, descending: Bool.random(using: &random))
      }
      let capacity: Int? = round % 7 == 0 ? nil : Int.random(in: 0...(items.count + 2), using: &random)
      var top = InvoiceTopK<JSONValue>(keys: keys, capacity: capacity)
      for item in items {
        top.insert(item, invoice: item)
        // The bound is structural: never more items held than the limit.
        if let capacity { #expect(top.count <= capacity) }
      }
      let expected = InvoiceSorter.sort(items, by: keys).prefix(capacity ?? .max)
      #expect(
        Self.ids(top.sorted) == Self.ids(Array(expected)),
        "round \(round): \(keys), capacity \(capacity as Any)")
      cases += 1
    }
    #expect(cases == 600)
  }

  @Test("over 100,000 items it holds at most N, and they are the N best")
  func holdsAtMostNOverALongStream() {
    let keys = [BoundSortKey(field: Self.total, descending: true)]
    var top = InvoiceTopK<Int>(keys: keys, capacity: 5)
    var largest = 0
    for n in 0..<100_000 {
      // Totals rise and fall: the best five are 99,999 … 99,995, whatever arrives in between.
      let total = n % 2 == 0 ? n : 100_000 - n
      top.insert(n, invoice: .object([JSONMember("total", .number(String(total)))]))
      largest = max(largest, top.count)
    }
    #expect(largest == 5)
    #expect(top.sorted == [1, 99_998, 3, 99_996, 5])
  }

  @Test func blanksComeLastInBothDirectionsAndTiesKeepArrivalOrder() {
    let totals: [JSONValue?] = [.number("5"), nil, .string("n/a"), .number("1"), .number("5.0"), .null]
    let items = totals.map { t in JSONValue.object(t.map { [JSONMember("total", $0)] } ?? []) }
    for (descending, expected) in [(false, [3, 0, 4, 1]), (true, [0, 4, 3, 1])] {
      var top = InvoiceTopK<Int>(keys: [BoundSortKey(field: Self.total, descending: descending)], capacity: 4)
      for (index, item) in items.enumerated() { top.insert(index, invoice: item) }
      #expect(top.sorted == expected, "descending \(descending)")
    }
  }

  @Test func aLimitOfZeroKeepsNothing() {
    var top = InvoiceTopK<Int>(keys: [BoundSortKey(field: Self.total, descending: false)], capacity: 0)
    top.insert(1, invoice: .object([]))
    #expect(top.count == 0 && top.sorted.isEmpty)
  }
}
