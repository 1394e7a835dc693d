import InvoiceQL

/// SoftwareOne: an RQL expression as a bare query component. It filters only on selected top-level
/// objects (a condition on an unselected one is ignored), compares dates as instants, and may keep
/// invoices without the field under `ne`/`out`. `order=a,-b` orders the listing; `limit` (1…100)
/// and `offset` page `{"$meta": {"pagination": {offset, limit, total}}, "data": […]}`.
package struct SoftwareOneServer: SimulatedServer {
  package indirect enum Node {
    case call(String, [Node])
    case list([Node])
    case quoted(String, double: Bool)
    case bare(String)
  }

  package func answer(_ r: ParsedRequest, _ invoices: [JSONValue], _ u: Unknowns, settings: [String: String])
    throws -> [JSONValue]
  {
    guard r.method == "GET", r.segments == ["public", "v1", "billing", "invoices"] else {
      throw SimulationError("bad softwareone path")
    }
    var expression: Node? = nil
    var selected: Set<String> = ["id", "status", "name"]
    var seen = Set<String>()
    for ((name, value), raw) in zip(r.parameters, r.rawParameters) {
      guard let value else {
        guard expression == nil else { throw SimulationError("two RQL expressions") }
        try Self.checkQuotedValuesEncoded(raw)
        // Like the API, the expression is read after the component is percent-decoded.
        var parser = Parser(text: Array(name.unicodeScalars))
        expression = try parser.node()
        guard parser.atEnd else { throw SimulationError("trailing RQL in \(name)") }
        continue
      }
      guard seen.insert(name).inserted else { throw SimulationError("repeated \(name)") }
      switch name {
      case "select":
        for item in value.split(separator: ",") { selected.insert(String(item.drop { $0 == "+" })) }
      case "limit":
        guard let n = Int(value), (1...100).contains(n) else { throw SimulationError("bad limit") }
      case "offset":
        guard value == "0" else { throw SimulationError("bad offset") }
      case "order": break
      default: throw SimulationError("unknown softwareone parameter \(name)")
      }
    }
    guard let expression else { return invoices }
    return try invoices.filter { try evaluate(expression, $0, u, selected) }
  }

  package func evaluate(_ n: Node, _ inv: JSONValue, _ u: Unknowns, _ selected: Set<String>) throws -> Bool {
    guard case .call(let op, let args) = n else { throw SimulationError("not a call") }
    switch op {
    case "and": return try args.allSatisfy { try evaluate($0, inv, u, selected) }
    case "or": return try args.contains { try evaluate($0, inv, u, selected) }
    case "not":
      guard args.count == 1 else { throw SimulationError("not/1") }
      return try !evaluate(args[0], inv, u, selected)
    default: break
    }
    guard args.count == 2, case .bare(let dotted) = args[0] else { throw SimulationError("bad \(op) args") }
    let path = dotted.split(separator: ".").map(String.init)
    guard let top = path.first, selected.contains(top) else { return true }
    let type = try SimulatedServers.type("softwareone", path)
    // Dates are stored as instants: the server compares those, not the date as written.
    let storedType: FieldType = type == .date ? .dateTime : type
    var data = Stored.value(inv, path, storedType)
    if case .instant(let i)? = data { data = .instant(Stored.truncated(i, digits: 3, u)) }
    func constant(_ node: Node) throws -> Value {
      switch (node, storedType) {
      case (.bare(let s), .decimal):
        guard let d = ExactDecimal(json: s) else { throw SimulationError("bad number \(s)") }
        return .decimal(d)
      case (.quoted(let s, _), .dateTime):
        guard let dt = DateTimeText.dateTime(s), dt.offsetSeconds == 0, dt.fraction.count == 3 else {
          throw SimulationError("bad RQL date \(s)")
        }
        return .instant(Instant(dt))
      case (.quoted(let s, let double), .string), (.quoted(let s, let double), .enumeration),
        (.quoted(let s, let double), .id(numeric: false)):
        if case .id = type, !double { throw SimulationError("id not double-quoted") }
        return .string(s)
      default: throw SimulationError("unexpected RQL value \(node) for \(dotted)")
      }
    }
    // Text by the server's collation, numbers by its number type: readings of the unknowns.
    func order(_ a: Value, _ b: Value) -> Int? {
      if case .decimal(let x) = a, case .decimal(let y) = b { return Stored.numberOrder(x, y, u) }
      return Stored.compare(a, b)
    }
    func equal(_ a: Value, _ b: Value) -> Bool {
      if case .string(let x) = a, case .string(let y) = b { return Stored.textEqual(x, y, u) }
      return order(a, b) == 0
    }
    switch op {
    case "eq", "ne", "in", "out":
      let wanted: [Value]
      if op == "in" || op == "out" {
        guard case .list(let items) = args[1] else { throw SimulationError("\(op) needs a list") }
        wanted = try items.map(constant)
      } else {
        wanted = [try constant(args[1])]
      }
      guard let data else { return (op == "ne" || op == "out") && u.negationKeepsAbsent }
      let found = wanted.contains { equal(data, $0) }
      return op == "eq" || op == "in" ? found : !found
    case "lt", "le", "gt", "ge":
      let b = try constant(args[1])
      guard let data, let c = order(data, b) else { return false }
      switch op {
      case "lt": return c < 0
      case "le": return c <= 0
      case "gt": return c > 0
      default: return c >= 0
      }
    default: throw SimulationError("RQL operator \(op) must not be sent")
    }
  }

  /// A quoted value's `( ) , /` must arrive percent-encoded (as the official client sends them), so
  /// that a reader of the raw URL, a proxy or a logger, cannot take them for structure. Quotes are
  /// found as the parser finds them, after decoding (`"` travels as `%22`).
  static func checkQuotedValuesEncoded(_ raw: String) throws {
    let bytes = Array(raw.utf8)
    var quote: UInt8?
    var i = 0
    while i < bytes.count {
      var c = bytes[i]
      var encoded = false
      if c == UInt8(ascii: "%"), i + 2 < bytes.count,
        let v = UInt8(String(decoding: bytes[(i + 1)...(i + 2)], as: UTF8.self), radix: 16)
      {
        c = v
        encoded = true
        i += 2
      }
      i += 1
      if let q = quote {
        if c == q {
          quote = nil
        } else if !encoded, "(),/".utf8.contains(c) {
          throw SimulationError(
            "unencoded '\(Character(Unicode.Scalar(c)))' inside a quoted RQL value: \(raw)")
        }
      } else if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
        quote = c
      }
    }
  }

  /// A small RQL reader: calls `name(arg,…)`, lists `(a,b)`, quoted values (no escapes), bare words.
  package struct Parser {
    var text: [Unicode.Scalar]
    var i = 0
    var atEnd: Bool { i == text.count }

    mutating func node() throws -> Node {
      guard i < text.count else { throw SimulationError("unexpected end of RQL") }
      let c = text[i]
      if c == "\"" || c == "'" {
        i += 1
        var s = String.UnicodeScalarView()
        while i < text.count, text[i] != c {
          s.append(text[i])
          i += 1
        }
        guard i < text.count else { throw SimulationError("unterminated quote") }
        i += 1
        return .quoted(String(s), double: c == "\"")
      }
      if c == "(" {
        i += 1
        return .list(try items())
      }
      var s = String.UnicodeScalarView()
      while i < text.count, !"(),\"'".unicodeScalars.contains(text[i]) {
        s.append(text[i])
        i += 1
      }
      if i < text.count, text[i] == "(" {
        i += 1
        return .call(String(s), try items())
      }
      guard !s.isEmpty else { throw SimulationError("empty RQL token") }
      return .bare(String(s))
    }

    /// Items up to and including the closing parenthesis.
    mutating func items() throws -> [Node] {
      var out: [Node] = []
      while true {
        out.append(try node())
        guard i < text.count else { throw SimulationError("unclosed (") }
        if text[i] == ")" {
          i += 1
          return out
        }
        guard text[i] == "," else { throw SimulationError("expected , in RQL") }
        i += 1
      }
    }
  }
}

extension SoftwareOneServer {
  package func firstPage(_ request: NativeRequest) -> NativeRequest { request.replacingQuery("offset", "0") }

  /// `order=a,-b` (`+a` ascending too).
  package func sortKeys(_ params: [String: String], of request: NativeRequest)
    -> [(name: String, descending: Bool)]?
  {
    guard let text = params["order"] else { return nil }
    return text.split(separator: ",").map { item in
      item.hasPrefix("-") ? (String(item.dropFirst()), true) : (String(item.drop { $0 == "+" }), false)
    }
  }

  package func page(
    _ items: [JSONValue], for request: NativeRequest, _ params: [String: String], serverPageSize: Int
  ) throws -> JSONValue {
    let limit = params["limit"].flatMap { Int($0) } ?? 10
    let offset = params["offset"].flatMap { Int($0) } ?? 0
    guard (1...100).contains(limit), offset >= 0 else { throw SimulationError("bad softwareone paging") }
    let pagination: JSONValue = .object([
      JSONMember("offset", .number(String(offset))), JSONMember("limit", .number(String(limit))),
      JSONMember("total", .number(String(items.count))),
    ])
    return .object([
      JSONMember("$meta", .object([JSONMember("pagination", pagination)])),
      JSONMember("data", .array(items.slice(offset, limit))),
    ])
  }
}

extension SoftwareOneServer {
  package func request(forNative native: String, settings: [String: String]) -> NativeRequest? {
    guard let pairs = Self.queryPairs(native, rqlPath: true) else { return nil }
    return NativeRequest(method: "GET", path: "/public/v1/billing/invoices", query: Self.withoutPaging(pairs))
  }
}
