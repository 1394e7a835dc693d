import InvoiceQL

/// Stripe, `GET /v1/invoices`: single-valued filters compared as sent, `created`/`due_date` ranges
/// in Unix seconds (`gt`/`lt` exclusive, `gte`/`lte` inclusive, as documented). Undocumented, so
/// simulated both ways: whether a `due_date` range keeps invoices without a due date (under
/// `negationKeepsAbsent`), and whether `subscription` also matches the field older API versions
/// had at the top level (under `caseInsensitive`). A repeated parameter, `gt` with `gte`, a negative
/// or non-integer bound, an unknown parameter or a missing `Stripe-Version` is a failure (400).
/// The answer keeps the invoices' stored order; listed (`SimulatedListing`), the list comes newest
/// `created` first, invoices created in the same second in the `SortReading`'s tie order (which
/// stripe.md leaves unknown), in pages of `limit` (1…100) continued `starting_after` the last id
/// until `has_more` is false, as `{object: "list", data, has_more, url}`. The search endpoint's
/// order is undocumented (every invoice ties) and its pages continue from `next_page` as `page`.
package struct StripeServer: SimulatedServer {
  package init() {}

  package func answer(_ r: ParsedRequest, _ invoices: [JSONValue], _ u: Unknowns, settings: [String: String])
    throws -> [JSONValue]
  {
    guard r.method == "GET", r.segments.starts(with: ["v1", "invoices"]), r.body == nil else {
      throw SimulationError("bad stripe request \(r.segments)")
    }
    guard let version = r.headers["Stripe-Version"], !version.isEmpty,
      version == (settings["version"] ?? version)
    else { throw SimulationError("no Stripe-Version header") }
    let p = try r.uniqueParameters()
    if r.segments == ["v1", "invoices", "search"] { return try search(p, invoices, u) }
    guard r.segments == ["v1", "invoices"] else { throw SimulationError("bad stripe path \(r.segments)") }
    guard let limit = p["limit"].flatMap({ Int($0) }), (1...100).contains(limit) else {
      throw SimulationError("bad stripe limit \(p)")
    }
    var out = invoices
    for (name, raw) in p where name != "limit" {
      switch name {
      case "status", "customer", "collection_method":
        out = out.filter { Self.text($0, [name]) == raw }
      case "subscription":
        out = out.filter {
          Self.text($0, ["parent", "subscription_details", "subscription"]) == raw
            || (u.caseInsensitive && Self.text($0, ["subscription"]) == raw)
        }
      default:
        guard let open = name.firstIndex(of: "["), name.hasSuffix("]") else {
          throw SimulationError("400 parameter_unknown: \(name)")
        }
        let field = String(name[..<open])
        let op = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
        guard ["created", "due_date"].contains(field), ["gt", "gte", "lt", "lte"].contains(op) else {
          throw SimulationError("400 parameter_unknown: \(name)")
        }
        let sibling = op.hasSuffix("e") ? String(op.dropLast()) : op + "e"
        guard p["\(field)[\(sibling)]"] == nil else {
          throw SimulationError("both \(op) and \(sibling) on \(field)")
        }
        guard let bound = Int(raw), bound >= 0, String(bound) == raw else {
          throw SimulationError("400: \(name)=\(raw) is not a non-negative integer")
        }
        let b = ExactDecimal(bound)
        out = out.filter { inv in
          guard case .decimal(let v)? = Stored.value(inv, [field], .integer) else {
            let absent = ReferenceEvaluator.lookup([field], in: inv)
            return field == "due_date" && u.negationKeepsAbsent && (absent == nil || absent == .null)
          }
          switch op {
          case "gt": return b < v
          case "gte": return !(v < b)
          case "lt": return v < b
          default: return !(b < v)
          }
        }
      }
    }
    return out
  }

  /// The search endpoint with its index up to date (its lag is the plan's warning, not a reading):
  /// `AND`-joined clauses, at most 10; `status:"v"` and `number:"v"` match the words of `v` in order
  /// (a `v` without a word is refused: what it matches is undocumented),
  /// case-insensitively (contiguous, or under `inclusiveBounds` anywhere after one another);
  /// `customer:`, `currency:` and `metadata["k"]:` tokens (the whole value) case-insensitively;
  /// `created` and `total` (the native integer: minor units) numerically, by `:`, `>`, `>=`, `<`, `<=`.
  func search(_ p: [String: String], _ invoices: [JSONValue], _ u: Unknowns) throws -> [JSONValue] {
    guard let query = p["query"], !query.isEmpty, query.utf8.count <= 5000 else {
      throw SimulationError("search without a query")
    }
    for name in p.keys where !["query", "limit", "page"].contains(name) {
      throw SimulationError("400 parameter_unknown: \(name)")
    }
    let clauses = Self.clauses(query)
    guard clauses.count <= 10, !clauses.contains(where: { $0 == "OR" }) else {
      throw SimulationError("bad search \(query)")
    }
    var out = invoices
    for clause in clauses {
      if let colon = Self.colon(in: clause) {
        let field = String(clause[..<colon])
        let written = clause[clause.index(after: colon)...]
        // Strings are quoted ("…", or '…' as Stripe's examples also write), numbers may be.
        let quoted = written.count >= 2 && "\"'".contains(written.first!) && written.last == written.first
        let value = String(quoted ? written.dropFirst().dropLast() : written)
        guard !value.contains("\""), !value.contains("\\") else {
          throw SimulationError("escape in \(clause)")
        }
        guard quoted || ["created", "total"].contains(field) else {
          throw SimulationError("unquoted value in \(clause)")
        }
        switch field {
        case "created", "total":
          // Numeric: exact.
          guard let n = Int(value) else { throw SimulationError("bad number in \(clause)") }
          out = out.filter { Stored.value($0, [field], .integer) == .decimal(ExactDecimal(n)) }
        case "status", "number":
          // What a value without words matches is undocumented (every invoice, or none).
          guard value.contains(where: { $0.isLetter || $0.isNumber }) else {
            throw SimulationError("undocumented: no word in \(clause)")
          }
          out = out.filter { Self.text($0, [field]).map { Self.words(value, in: $0, u) } ?? false }
        case "customer", "currency":
          out = out.filter { Self.text($0, [field])?.lowercased() == value.lowercased() }
        case _ where field.hasPrefix("metadata[\"") && field.hasSuffix("\"]") && field.count > 12:
          // A token: the whole value, ignoring case.
          let key = String(field.dropFirst(10).dropLast(2))
          guard !value.isEmpty, !key.contains(where: { "\"[]\\".contains($0) }) else {
            throw SimulationError("undocumented metadata clause \(clause)")
          }
          out = out.filter { Self.text($0, ["metadata", key])?.lowercased() == value.lowercased() }
        default: throw SimulationError("unknown search field \(field)")
        }
      } else if let (field, op, bound) = Self.numeric(clause) {
        out = out.filter {
          guard case .decimal(let v)? = Stored.value($0, [field], .integer) else { return false }
          switch op {
          case ">": return bound < v
          case ">=": return !(v < bound)
          case "<": return v < bound
          default: return !(bound < v)
          }
        }
      } else {
        throw SimulationError("bad clause \(clause)")
      }
    }
    return out
  }

  /// `created`/`total` (Unix seconds; minor units) `>`, `>=`, `<`, `<=` a whole number.
  static func numeric(_ clause: String) -> (String, String, ExactDecimal)? {
    for field in ["created", "total"] where clause.hasPrefix(field) {
      let rest = clause.dropFirst(field.count)
      let op = String(rest.prefix { "<>=".contains($0) })
      guard [">", ">=", "<", "<="].contains(op), let n = Int(rest.dropFirst(op.count)) else { return nil }
      return (field, op, ExactDecimal(n))
    }
    return nil
  }

  /// The clauses of a query joined by `AND` (an `OR` is kept as a clause of its own, to be
  /// refused), split at spaces outside quoted values.
  static func clauses(_ query: String) -> [String] {
    var out: [String] = []
    var current = ""
    var quote: Character?
    for c in query {
      if c == quote {
        quote = nil
      } else if quote == nil, c == "\"" || (c == "'" && current.last == ":") {
        quote = c
      }
      if c == " " && quote == nil {
        out.append(current)
        current = ""
      } else {
        current.append(c)
      }
    }
    out.append(current)
    // Words outside quotes: clauses and the `AND`s between them (no clause is the bare word).
    return out.filter { !$0.isEmpty && $0 != "AND" }
  }

  /// Where a clause's `:` operator is: after its field, a `metadata["…"]` key included.
  static func colon(in clause: String) -> String.Index? {
    if clause.hasPrefix("metadata[\""), let close = clause.range(of: "\"]") {
      return clause[close.upperBound...].first == ":" ? close.upperBound : nil
    }
    return clause.firstIndex(of: ":")
  }

  /// Whether the words of `value` occur in `text` in order (case-insensitively).
  static func words(_ value: String, in text: String, _ u: Unknowns) -> Bool {
    func split(_ s: String) -> [String] {
      s.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }
    let want = split(value)
    let have = split(text)
    guard !want.isEmpty else { return true }
    if u.inclusiveBounds {
      var i = 0
      for w in have where i < want.count && w == want[i] { i += 1 }
      return i == want.count
    }
    guard have.count >= want.count else { return false }
    return (0...(have.count - want.count)).contains { Array(have[$0..<($0 + want.count)]) == want }
  }

  static func text(_ invoice: JSONValue, _ path: [String]) -> String? {
    guard case .string(let s)? = Stored.value(invoice, path, .string) else { return nil }
    return s
  }
}

extension StripeServer {
  /// The request without its cursor (`starting_after`, `ending_before`, search's `page`).
  package func firstPage(_ request: NativeRequest) -> NativeRequest {
    request.removingQueryParameter("starting_after").removingQueryParameter("ending_before")
      .removingQueryParameter("page")
  }

  /// The list: newest `created` first (its own order, asked or not); search: no documented order.
  package func sortKeys(_ params: [String: String], of request: NativeRequest)
    -> [(name: String, descending: Bool)]?
  {
    request.path.hasSuffix("/search") ? [] : [("created", true)]
  }

  package func page(
    _ items: [JSONValue], for request: NativeRequest, _ params: [String: String], serverPageSize: Int
  ) throws -> JSONValue {
    guard let limit = params["limit"].flatMap({ Int($0) }), (1...100).contains(limit) else {
      throw SimulationError("400: stripe limit must be 1…100, got \(params["limit"] ?? "none")")
    }
    let search = request.path.hasSuffix("/search")
    var start = 0
    if search {
      if let token = params["page"] {
        guard token.hasPrefix("p"), let n = Int(token.dropFirst()), (0...items.count).contains(n) else {
          throw SimulationError("400: not a page token of this search: \(token)")
        }
        start = n
      }
    } else {
      guard params["ending_before"] == nil else { throw SimulationError("ending_before is never sent") }
      if let after = params["starting_after"] {
        guard let k = items.firstIndex(where: { $0["id"]?.cursorText == after }) else {
          throw SimulationError("400: starting_after an invoice not in the list: \(after)")
        }
        start = k + 1
      }
    }
    let data = items.slice(start, limit)
    let more = start + data.count < items.count
    var members = [
      JSONMember("object", .string(search ? "search_result" : "list")), JSONMember("data", .array(data)),
      JSONMember("has_more", .bool(more)),
    ]
    if search { members.append(JSONMember("next_page", more ? .string("p\(start + data.count)") : .null)) }
    members.append(JSONMember("url", .string(search ? "/v1/invoices/search" : "/v1/invoices")))
    return .object(members)
  }
}

extension StripeServer {
  /// A list query string (`status=open&created[gte]=…`) or a search query (`status:"open" AND
  /// total>1000`, bare or as `query=`), told apart as the importer tells them (`StripeImport.isSearch`).
  package func request(forNative native: String, settings: [String: String]) -> NativeRequest? {
    let headers = ["Stripe-Version": settings["version"] ?? StripeCatalog.defaultVersion]
    guard let pairs = Self.queryPairs(native) else { return nil }
    guard StripeImport.isSearch(pairs: pairs) else {
      return NativeRequest(
        method: "GET", path: "/v1/invoices", query: Self.withoutPaging(pairs) + [("limit", "100")],
        headers: headers)
    }
    // The `query` value is form-encoded: a bare `+` is a space (Stripe's own examples send it so).
    var query = native
    if pairs.contains(where: { $0.name == "query" }) {
      let afterPath = native.firstIndex(of: "?").map { native[native.index(after: $0)...] } ?? native[...]
      guard
        let raw = afterPath.split(separator: "&", omittingEmptySubsequences: false)
          .first(where: { $0.hasPrefix("query=") || $0 == "query" }),
        let value = URLText.decode(
          Substring(String(raw.dropFirst("query=".count).map { $0 == "+" ? " " : $0 })))
      else { return nil }
      query = value
    }
    return NativeRequest(
      method: "GET", path: "/v1/invoices/search", query: [("query", query), ("limit", "100")],
      headers: headers)
  }
}
