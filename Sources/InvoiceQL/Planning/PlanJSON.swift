import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

extension Plan {
  /// The plan JSON, one line (``QueryPlan/json``), with dates read in UTC.
  package func json() -> String { QueryPlan(self, timeZone: QueryPlan.utc).json }
}

extension NativeRequest {
  /// `{"method", "path", "query", "headers", "body", "url"}` as in the command-line reference.
  public func json() -> String { jsonValue.text(spaced: true) }

  /// The request as a JSON value.
  package var jsonValue: JSONValue {
    .object([
      JSONMember("method", .string(method)),
      JSONMember("path", .string(path)),
      JSONMember(
        "query", .array(query.map { .array([.string($0.name), $0.value.map(JSONValue.string) ?? .null]) })),
      JSONMember(
        "headers",
        .object(headers.sorted { $0.key < $1.key }.map { JSONMember($0.key, .string($0.value)) })),
      JSONMember("body", body.map(JSONValue.string) ?? .null),
      JSONMember("url", .string(url)),
    ])
  }
}

extension NativeRequest: Codable, Hashable {
  private enum CodingKeys: String, CodingKey {
    case method, path, query, headers, body, url
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    method = try c.decode(String.self, forKey: .method)
    path = try c.decode(String.self, forKey: .path)
    var items = try c.nestedUnkeyedContainer(forKey: .query)
    var query: [(name: String, value: String?)] = []
    while !items.isAtEnd {
      var pair = try items.nestedUnkeyedContainer()
      let name = try pair.decode(String.self)
      let value = try pair.decodeIfPresent(String.self)
      guard pair.isAtEnd else {
        throw DecodingError.dataCorruptedError(
          in: pair, debugDescription: "a query item is [name, value] or [name, null]")
      }
      query.append((name, value))
    }
    self.query = query
    headers = try c.decodeIfPresent([String: String].self, forKey: .headers) ?? [:]
    body = try c.decodeIfPresent(String.self, forKey: .body)
  }

  /// The plan JSON's request object; `url` is written for readers and ignored when decoding.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(method, forKey: .method)
    try c.encode(path, forKey: .path)
    var items = c.nestedUnkeyedContainer(forKey: .query)
    for item in query {
      var pair = items.nestedUnkeyedContainer()
      try pair.encode(item.name)
      if let value = item.value { try pair.encode(value) } else { try pair.encodeNil() }
    }
    try c.encode(headers, forKey: .headers)
    if let body { try c.encode(body, forKey: .body) } else { try c.encodeNil(forKey: .body) }
    try c.encode(url, forKey: .url)
  }

  public static func == (a: NativeRequest, b: NativeRequest) -> Bool {
    a.method == b.method && a.path == b.path && a.headers == b.headers && a.body == b.body
      && a.query.count == b.query.count && zip(a.query, b.query).allSatisfy { $0 == $1 }
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(method)
    hasher.combine(path)
    for item in query {
      hasher.combine(item.name)
      hasher.combine(item.value)
    }
    hasher.combine(body)
  }
}

extension Exactness: Codable {}

extension PushedFragment: Codable {
  private enum CodingKeys: String, CodingKey { case predicate, exactness }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      predicate: try c.decode(String.self, forKey: .predicate),
      exactness: try c.decode(Exactness.self, forKey: .exactness), reason: "")
  }

  /// The plan JSON's fragment: `predicate` and `exactness` (the reason is for explanations).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(predicate, forKey: .predicate)
    try c.encode(exactness, forKey: .exactness)
  }
}
