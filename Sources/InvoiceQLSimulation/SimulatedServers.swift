import InvoiceQL

/// A simulated API, one value per provider (in its own folder here): its filter semantics (the
/// invoices a native request selects, with every undocumented behaviour resolved as `Unknowns`
/// says), and for `SimulatedListing` its paging, its envelope and the order it lists in. It sees
/// only the request — the URL text, the headers and the body — never the plan.
package protocol SimulatedServer: Sendable {
  /// The invoices the request selects, in their stored order (the listing sorts and pages them).
  func answer(_ r: ParsedRequest, _ invoices: [JSONValue], _ u: Unknowns, settings: [String: String])
    throws -> [JSONValue]

  /// `request` asking for the first page of its listing: the listing computes the whole answer
  /// once, from this request, and serves every page of it itself. The default: `request` unchanged.
  func firstPage(_ request: NativeRequest) throws -> NativeRequest

  /// `request` without its projection, and the top-level keys the projection keeps (nil: whole
  /// invoices). The listing projects after sorting, which may read fields the projection drops.
  /// The default: no projection.
  func projection(_ request: NativeRequest) throws -> (request: NativeRequest, keys: Set<String>?)

  /// The order the server lists the answer in, as native dotted names, each descending or not
  /// (`params`: the request's parameters, decoded). Nil keeps the stored order; an empty list
  /// orders nothing, so every invoice ties (the `SortReading`'s tie order decides). The default: nil.
  func sortKeys(_ params: [String: String], of request: NativeRequest) throws
    -> [(name: String, descending: Bool)]?

  /// One page of the listing `items` (the whole answer, sorted and projected) as the request's
  /// paging asks and the envelope wraps it. `serverPageSize` is the size of a page the server
  /// chooses itself (where the request cannot ask for one).
  func page(_ items: [JSONValue], for request: NativeRequest, _ params: [String: String], serverPageSize: Int)
    throws -> JSONValue

  /// The first-page request a user's saved native filter (a query string, an RQL expression, a
  /// JSON body: what `import` reads) stands for, with `settings` in its path and headers; nil when
  /// the text is not one (an escape that does not decode, a body that is not a JSON object).
  func request(forNative native: String, settings: [String: String]) -> NativeRequest?
}

extension SimulatedServer {
  package func firstPage(_ request: NativeRequest) throws -> NativeRequest { request }

  package func projection(_ request: NativeRequest) throws -> (request: NativeRequest, keys: Set<String>?) {
    (request, nil)
  }

  package func sortKeys(_ params: [String: String], of request: NativeRequest) throws
    -> [(name: String, descending: Bool)]?
  { nil }

  /// A `fields=a,b` projection of top-level keys (rhythm, elevate), which must keep `id`.
  func fieldsProjection(_ request: NativeRequest) throws -> (request: NativeRequest, keys: Set<String>?) {
    guard let fields = request.queryValue("fields") else { return (request, nil) }
    return (request.removingQueryParameter("fields"), try Self.fieldKeys(fields))
  }

  /// The top-level keys a `fields=a,b` value keeps; it must keep `id`.
  static func fieldKeys(_ fields: String) throws -> Set<String> {
    let keys = Set(fields.split(separator: ",").map(String.init))
    guard keys.contains("id") else { throw SimulationError("fields without id") }
    return keys
  }

  /// `invoices` as a `fields=a,b` projection (nil: none) keeps them.
  static func projected(_ invoices: [JSONValue], fields: String?) throws -> [JSONValue] {
    guard let fields else { return invoices }
    let keys = try fieldKeys(fields)
    return invoices.map { Stored.project($0, keys) }
  }
}

/// The simulated servers by provider name: the only list of them.
package enum SimulatedServers {
  static let table: [String: any SimulatedServer] = [
    "rhythm": RhythmServer(),
    "elevate": ElevateServer(),
    "roadsync": RoadSyncServer(),
    "softwareone": SoftwareOneServer(),
    "wethod": WethodServer(),
    "stripe": StripeServer(),
  ]

  /// The simulated server of the provider named `provider`; nil when none is simulated.
  package static func named(_ provider: String) -> (any SimulatedServer)? { table[provider] }

  package static func type(_ provider: String, _ path: [String]) throws -> FieldType {
    guard let t = Provider.named(provider)?.catalog.field(at: path)?.type else {
      throw SimulationError("\(provider) has no field \(path)")
    }
    return t
  }
}

extension NativeRequest {
  /// The request with every query parameter `name` set to `value` (none added when absent).
  func replacingQuery(_ name: String, _ value: String) -> NativeRequest {
    var copy = self
    copy.query = query.map { $0.name == name ? (name, value) : $0 }
    return copy
  }
}

extension Array where Element == JSONValue {
  /// The `size` items from `start` on (fewer at the end; none outside).
  func slice(_ start: Int, _ size: Int) -> [JSONValue] {
    guard start < count, start >= 0 else { return [] }
    return Array(self[start..<Swift.min(count, start + size)])
  }
}
