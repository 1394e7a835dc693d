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

/// A simulated API serving a whole listing page by page: the provider's `SimulatedServer` (its
/// filter under one reading of the unknowns, its order, paging and envelope), with what a sort
/// leaves open resolved by a `SortReading`. For `run`'s property tests and benchmark. Nothing here
/// names a provider: each server says how its requests page and sort.
package struct SimulatedListing: Sendable {
  package let provider: Provider
  package let invoices: [JSONValue]
  package let unknowns: Unknowns
  package let reading: SortReading
  package let settings: [String: String]
  /// The page size of a server that chooses its own (rhythm's).
  package let serverPageSize: Int
  /// Where each stored invoice goes among ties under `Ties.shuffled`.
  private let shuffleRank: [Int]
  /// Each listing's filtered, sorted, projected invoices, by its first page's request (a listing
  /// is computed once, not once per page).
  private let cache = SelectionCache()

  /// Whether the provider has a simulated server (`SimulatedServers`).
  package static func simulates(_ provider: Provider) -> Bool { SimulatedServers.named(provider.name) != nil }

  package init(
    provider: Provider, invoices: [JSONValue], unknowns: Unknowns = .literal,
    reading: SortReading = SortReading(nulls: .last, ties: .stable, caseInsensitive: false),
    settings: [String: String], serverPageSize: Int = 100, seed: UInt64 = 1
  ) {
    self.provider = provider
    self.invoices = invoices
    self.unknowns = unknowns
    self.reading = reading
    self.settings = provider.resolvedSettings(settings)
    self.serverPageSize = max(1, serverPageSize)
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
    let server = try self.server
    var params: [String: String] = [:]
    for (name, value) in try ParsedRequest(request).parameters { if let value { params[name] = value } }
    let items = try listed(request)
    return (200, try server.page(items, for: request, params, serverPageSize: serverPageSize).compactText)
  }

  /// The whole listing `request` pages through: the invoices the server selects, in the order it
  /// lists them, projected as asked.
  package func listed(_ request: NativeRequest) throws -> [JSONValue] {
    let server = try self.server
    let first = try server.firstPage(request)
    let key = first.method + " " + first.url + "\n" + (first.body ?? "")
    if let items = cache.get(key) { return items }
    // The projection is applied after the sort, which reads the stored position.
    let (whole, keys) = try server.projection(first)
    var selected = try server.answer(ParsedRequest(whole), indexed, unknowns, settings: settings)
    var params: [String: String] = [:]
    for (name, value) in try ParsedRequest(whole).parameters { if let value { params[name] = value } }
    if let order = try server.sortKeys(params, of: whole) { selected = sorted(selected, try fields(order)) }
    var items = selected.map { Self.strippingIndex($0) }
    if let keys { items = items.map { Stored.project($0, keys) } }
    cache.set(key, items)
    return items
  }

  private var server: any SimulatedServer {
    get throws {
      guard let server = SimulatedServers.named(provider.name) else {
        throw SimulationError("no simulated server for \(provider.name)")
      }
      return server
    }
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

  /// The sort keys as catalog fields, read as the field's own name reads them (its type and
  /// encoding: Stripe's `created` is Unix seconds).
  private func fields(_ keys: [(name: String, descending: Bool)]) throws -> [(
    field: BoundField, descending: Bool
  )] {
    try keys.map { name, descending in
      let path = name.split(separator: ".").map(String.init)
      guard let d = provider.catalog.field(at: path) else { throw SimulationError("sort by unknown \(name)") }
      return (BoundField(path: path, type: d.type, name: name, encoding: d.encoding), descending)
    }
  }

  private func sorted(_ items: [JSONValue], _ keys: [(field: BoundField, descending: Bool)]) -> [JSONValue] {
    items.sorted { a, b in
      for key in keys {
        let x = Value.read(key.field, in: a)
        let y = Value.read(key.field, in: b)
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
