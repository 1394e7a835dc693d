import Foundation
import InvoiceQL

/// How a simulated server orders what a sort leaves open: where blanks go, in what order ties come,
/// and how it collates text. Every combination is a reading the APIs' documentation allows.
package struct SortReading: Sendable, Hashable, CustomStringConvertible {
  /// Where absent and null values go.
  package enum Nulls: Sendable, Hashable, CaseIterable {
    /// Before every value, in both directions.
    case first
    /// After every value, in both directions.
    case last
    /// As the smallest value: first ascending, last descending (PostgreSQL's reading reversed).
    case smallest
  }

  /// The order of invoices whose keys are all equal.
  package enum Ties: Sendable, Hashable, CaseIterable {
    /// As stored.
    case stable
    /// Reversed.
    case reversed
    /// A fixed shuffle of the stored order (the same for every request of a listing).
    case shuffled
  }

  package var nulls: Nulls
  package var ties: Ties
  /// Text keys compared ignoring case (a SQL collation) rather than by Unicode scalars.
  package var caseInsensitive: Bool

  package init(nulls: Nulls, ties: Ties, caseInsensitive: Bool) {
    self.nulls = nulls
    self.ties = ties
    self.caseInsensitive = caseInsensitive
  }

  /// Every reading.
  package static let all: [SortReading] = Nulls.allCases.flatMap { nulls in
    Ties.allCases.flatMap { ties in
      [false, true].map { SortReading(nulls: nulls, ties: ties, caseInsensitive: $0) }
    }
  }

  package var description: String { "nulls \(nulls), ties \(ties), case-insensitive \(caseInsensitive)" }
}

/// A simulated API serving a whole listing page by page: the provider's filter (its
/// `SimulatedServer`, under one reading of the unknowns), its sort parameter (under a
/// `SortReading`), its paging and its envelope. For `run`'s property tests and benchmark.
package struct SimulatedListing: Sendable {
  package let provider: Provider
  package let invoices: [JSONValue]
  package let unknowns: Unknowns
  package let reading: SortReading
  package let settings: [String: String]
  /// Rhythm's server-chosen page size.
  package let rhythmPageSize: Int
  /// Where each stored invoice goes among ties under `Ties.shuffled`.
  private let shuffleRank: [Int]
  /// Each listing's filtered, sorted, projected invoices, by the request less its paging (a listing
  /// is computed once, not once per page).
  private let cache = SelectionCache()

  /// Whether the provider's paging is simulated here (the ones below; not a provider added later).
  package static func simulates(_ provider: Provider) -> Bool {
    ["rhythm", "elevate", "roadsync", "softwareone", "wethod"].contains(provider.name)
  }

  package init(
    provider: Provider, invoices: [JSONValue], unknowns: Unknowns = .literal,
    reading: SortReading = SortReading(nulls: .last, ties: .stable, caseInsensitive: false),
    settings: [String: String], rhythmPageSize: Int = 100, seed: UInt64 = 1
  ) {
    self.provider = provider
    self.invoices = invoices
    self.unknowns = unknowns
    self.reading = reading
    self.settings = provider.resolvedSettings(settings)
    self.rhythmPageSize = max(1, rhythmPageSize)
    var state = seed
    var ranks = Array(invoices.indices)
    for i in ranks.indices.reversed() where i > 0 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      ranks.swapAt(i, Int((state >> 33) % UInt64(i + 1)))
    }
    shuffleRank = ranks
  }

  /// The answer to one request: a status and a body.
  package func respond(_ request: NativeRequest) throws -> (status: Int, body: String) {
    guard let server = SimulatedServers.named(provider.name) else {
      throw SimulationError("no simulated server for \(provider.name)")
    }
    let parsed = try ParsedRequest(request)
    var params: [String: String] = [:]
    for (name, value) in parsed.parameters { if let value { params[name] = value } }
    // The filter servers answer a first page: the listing pages their answer itself.
    var first = request
    switch provider.name {
    case "elevate": first = first.settingQuery("page", "1")
    case "softwareone", "wethod": first = first.settingQuery("offset", "0")
    case "rhythm": first.query.removeAll { $0.name == "exclusiveStartKey" }
    case "roadsync":
      if let body = request.body, case .object(let members)? = try? JSONValue(parsing: body) {
        first.body = JSONValue.object(members.filter { $0.key != "pagination" }).compactText
      }
    default: break
    }
    let key = first.method + " " + first.url + "\n" + (first.body ?? "")
    if let items = cache.get(key) {
      return (200, try page(items, request: request, params: params).compactText)
    }
    first.body = request.body
    // The projection is applied after the sort, which reads the stored position.
    first.query.removeAll { $0.name == "fields" }
    var selected = try server.answer(ParsedRequest(first), indexed, unknowns, settings: settings)
    if let keys = try sortKeys(params) { selected = sorted(selected, keys) }
    var items = selected.map { Self.strippingIndex($0) }
    if let fields = params["fields"] {
      let keys = Set(fields.split(separator: ",").map(String.init))
      guard keys.contains("id") else { throw SimulationError("fields without id") }
      items = items.map { Stored.project($0, keys) }
    }
    cache.set(key, items)
    return (200, try page(items, request: request, params: params).compactText)
  }

  /// The invoices with their stored position in a hidden member (for stable and shuffled ties).
  private var indexed: [JSONValue] {
    invoices.enumerated().map { i, invoice in
      guard case .object(let members) = invoice else { return invoice }
      return .object(members + [JSONMember(Self.indexKey, .number(String(i)))])
    }
  }

  private static let indexKey = "\u{1}stored"

  private static func strippingIndex(_ invoice: JSONValue) -> JSONValue {
    guard case .object(let members) = invoice else { return invoice }
    return .object(members.filter { $0.key != indexKey })
  }

  private static func storedIndex(_ invoice: JSONValue) -> Int {
    if case .number(let n)? = invoice[indexKey], let i = Int(n) { return i }
    return 0
  }

  /// The sort keys the request asks for (elevate `sort=a,b:desc`, softwareone `order=a,-b`).
  private func sortKeys(_ params: [String: String]) throws -> [(path: [String], descending: Bool)]? {
    let raw: [(String, Bool)]
    switch provider.name {
    case "elevate":
      guard let text = params["sort"] else { return nil }
      raw = text.split(separator: ",").map { item in
        item.hasSuffix(":desc") ? (String(item.dropLast(5)), true) : (String(item), false)
      }
    case "softwareone":
      guard let text = params["order"] else { return nil }
      raw = text.split(separator: ",").map { item in
        item.hasPrefix("-") ? (String(item.dropFirst()), true) : (String(item.drop { $0 == "+" }), false)
      }
    default: return nil
    }
    return try raw.map { name, descending in
      let path = name.split(separator: ".").map(String.init)
      guard provider.catalog.field(at: path) != nil else { throw SimulationError("sort by unknown \(name)") }
      return (path, descending)
    }
  }

  private func sorted(_ items: [JSONValue], _ keys: [(path: [String], descending: Bool)]) -> [JSONValue] {
    items.sorted { a, b in
      for key in keys {
        let type = provider.catalog.field(at: key.path)?.type ?? .string
        let x = Stored.value(a, key.path, type)
        let y = Stored.value(b, key.path, type)
        switch (x, y) {
        case (nil, nil): continue
        case (nil, _), (_, nil):
          let nullFirst: Bool
          switch reading.nulls {
          case .first: nullFirst = true
          case .last: nullFirst = false
          case .smallest: nullFirst = !key.descending
          }
          return (x == nil) == nullFirst
        case (let x?, let y?):
          let order = compare(x, y)
          if order != 0 { return key.descending ? order > 0 : order < 0 }
        }
      }
      let i = Self.storedIndex(a)
      let j = Self.storedIndex(b)
      switch reading.ties {
      case .stable: return i < j
      case .reversed: return i > j
      case .shuffled: return shuffleRank[i] < shuffleRank[j]
      }
    }
  }

  private func compare(_ x: Value, _ y: Value) -> Int {
    if reading.caseInsensitive, case .string(let s) = x, case .string(let t) = y {
      let a = s.lowercased()
      let b = t.lowercased()
      return a == b
        ? 0
        : (Array(a.unicodeScalars.map(\.value)).lexicographicallyPrecedes(b.unicodeScalars.map(\.value))
          ? -1 : 1)
    }
    return Value.order(x, y) ?? 0
  }

  /// One page of `items` as the provider's paging and envelope give it.
  private func page(_ items: [JSONValue], request: NativeRequest, params: [String: String]) throws
    -> JSONValue
  {
    func slice(_ start: Int, _ size: Int) -> [JSONValue] {
      guard start < items.count, start >= 0 else { return [] }
      return Array(items[start..<min(items.count, start + size)])
    }
    switch provider.name {
    case "elevate":
      guard let page = params["page"].flatMap({ Int($0) }), page >= 1,
        let size = params["pageSize"].flatMap({ Int($0) }), (1...1000).contains(size)
      else { throw SimulationError("bad elevate paging") }
      return .array(slice((page - 1) * size, size))
    case "wethod":
      let limit = params["limit"].flatMap { Int($0) } ?? 100
      let offset = params["offset"].flatMap { Int($0) } ?? 0
      guard (1...100).contains(limit), offset >= 0 else { throw SimulationError("bad wethod paging") }
      return .array(slice(offset, limit))
    case "softwareone":
      let limit = params["limit"].flatMap { Int($0) } ?? 10
      let offset = params["offset"].flatMap { Int($0) } ?? 0
      guard (1...100).contains(limit), offset >= 0 else { throw SimulationError("bad softwareone paging") }
      let pagination: JSONValue = .object([
        JSONMember("offset", .number(String(offset))), JSONMember("limit", .number(String(limit))),
        JSONMember("total", .number(String(items.count))),
      ])
      return .object([
        JSONMember("$meta", .object([JSONMember("pagination", pagination)])),
        JSONMember("data", .array(slice(offset, limit))),
      ])
    case "rhythm":
      let start = params["exclusiveStartKey"].flatMap { Int($0.dropFirst()) } ?? 0
      var members = [
        JSONMember("Count", .number(String(slice(start, rhythmPageSize).count))),
        JSONMember("Items", .array(slice(start, rhythmPageSize))),
      ]
      if start + rhythmPageSize < items.count {
        members.append(JSONMember("LastEvaluatedKey", .string("k\(start + rhythmPageSize)")))
      }
      return .object(members)
    case "roadsync":
      let body = try JSONValue(parsing: request.body ?? "{}")
      guard let size = body["pagination"]?["ItemsPerPage"]?.integerValue, (1...100).contains(size),
        let number = body["pagination"]?["PageNumber"]?.integerValue, number >= 1
      else { throw SimulationError("bad roadsync paging") }
      return .object([
        JSONMember("code", .string("Success")),
        JSONMember(
          "pagination",
          .object([
            JSONMember("ItemsPerPage", .number(String(size))),
            JSONMember("PageNumber", .number(String(number))),
            JSONMember("TotalItems", .number(String(items.count))),
          ])),
        JSONMember("invoice_list", .array(slice((number - 1) * size, size))),
      ])
    default:
      throw SimulationError("no simulated paging for \(provider.name)")
    }
  }
}

extension NativeRequest {
  fileprivate func settingQuery(_ name: String, _ value: String) -> NativeRequest {
    var copy = self
    copy.query = query.map { $0.name == name ? (name, value) : $0 }
    return copy
  }
}

/// A lock-guarded memo of listings (the transport answers requests in flight at once).
final class SelectionCache: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [String: [JSONValue]] = [:]

  func get(_ key: String) -> [JSONValue]? { lock.withLock { items[key] } }
  func set(_ key: String, _ value: [JSONValue]) { lock.withLock { items[key] = value } }
}

extension JSONValue {
  /// An object holding each value at its key path, making the objects on the way (paths sharing a
  /// first key share its object, in the order first seen).
  public static func object(paths fields: [([String], JSONValue)]) -> JSONValue {
    var members: [JSONMember] = []
    var nested: [String: [([String], JSONValue)]] = [:]
    var order: [String] = []
    for (path, value) in fields {
      guard let first = path.first else { continue }
      if path.count == 1 {
        members.append(JSONMember(first, value))
      } else {
        if nested[first] == nil { order.append(first) }
        nested[first, default: []].append((Array(path.dropFirst()), value))
      }
    }
    for key in order { members.append(JSONMember(key, object(paths: nested[key] ?? []))) }
    return .object(members)
  }
}
