import InvoiceQL

/// RoadSync: typed filter objects in a JSON body; voided invoices (here: those with `deletedAt`) are
/// left out unless `includevoided` is true. The body's `pagination` (`ItemsPerPage` 1…100,
/// `PageNumber`) pages `{"code", "pagination", "invoice_list"}`.
package struct RoadSyncServer: SimulatedServer {
  package static let ranges: [String: (field: String, lower: Bool)] = [
    "fromcreated": ("createdAt", true), "tocreated": ("createdAt", false),
    "fromsentdate": ("sentAt", true), "tosentdate": ("sentAt", false),
    "fromauth": ("authorizedAt", true), "toauth": ("authorizedAt", false),
    "fromdel": ("deletedAt", true), "todel": ("deletedAt", false),
  ]

  package func answer(_ r: ParsedRequest, _ invoices: [JSONValue], _ u: Unknowns, settings: [String: String])
    throws -> [JSONValue]
  {
    guard r.method == "POST", r.segments == ["invoice", "search"], r.parameters.isEmpty,
      let bodyText = r.body
    else { throw SimulationError("bad roadsync request") }
    let body = try JSONValue(parsing: bodyText)
    guard case .number(let n)? = body["pagination"]?["ItemsPerPage"], let size = Int(n),
      (1...100).contains(size),
      case .array(let filters)? = body["filters"]
    else { throw SimulationError("bad roadsync body \(bodyText)") }
    var out = invoices
    var includeVoided = false
    for f in filters {
      guard case .string(let field)? = f["field"], case .string(let value)? = f["value"],
        case .string(let type)? = f["type"], value.utf8.count <= 1024
      else { throw SimulationError("bad filter \(f)") }
      switch field {
      case "includevoided":
        guard type == "boolean" else { throw SimulationError("bad type") }
        includeVoided = value == "true"
      case "invoiceids", "invoicestatuses":
        let values = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard type == "list", values.count <= (field == "invoiceids" ? 20 : 16) else {
          throw SimulationError("bad list \(field)")
        }
        let path = field == "invoiceids" ? "id" : "status"
        out = out.filter { inv in
          guard case .string(let s)? = Stored.value(inv, [path], .string) else { return false }
          return values.contains { Stored.textEqual(s, $0, u) }
        }
      default:
        guard let (path, isLower) = Self.ranges[field], type == "datetime",
          let dt = DateTimeText.dateTime(value), dt.offsetSeconds != nil
        else { throw SimulationError("unknown roadsync filter \(field)=\(value)") }
        let bound = Value.instant(Instant(dt))
        out = out.filter {
          guard case .instant(let i)? = Stored.value($0, [path], .dateTime) else { return false }
          let v = Value.instant(Stored.truncated(i, digits: 0, u))
          return Stored.within(v, lower: isLower ? bound : nil, upper: isLower ? nil : bound, u)
        }
      }
    }
    if !includeVoided {
      out = out.filter { inv in
        if case nil = ReferenceEvaluator.lookup(["deletedAt"], in: inv) { return true }
        return ReferenceEvaluator.lookup(["deletedAt"], in: inv) == .null
      }
    }
    return out
  }
}

extension RoadSyncServer {
  /// The body's `PageNumber` set to 1 (`ItemsPerPage` is kept: the filter checks it).
  package func firstPage(_ request: NativeRequest) -> NativeRequest {
    guard let body = request.body, case .object(let members)? = try? JSONValue(parsing: body) else {
      return request
    }
    var first = request
    first.body =
      JSONValue.object(
        members.map { member in
          guard member.key == "pagination", case .object(let paging) = member.value else { return member }
          return JSONMember(
            member.key,
            .object(paging.map { $0.key == "PageNumber" ? JSONMember($0.key, .number("1")) : $0 }))
        }
      ).compactText
    return first
  }

  package func page(
    _ items: [JSONValue], for request: NativeRequest, _ params: [String: String], serverPageSize: Int
  ) throws -> JSONValue {
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
      JSONMember("invoice_list", .array(items.slice((number - 1) * size, size))),
    ])
  }
}

extension RoadSyncServer {
  /// A saved filter is the search body; its pagination is replaced by the first page.
  package func request(forNative native: String, settings: [String: String]) -> NativeRequest? {
    guard case .object(var members)? = try? JSONValue(parsing: native) else { return nil }
    members.removeAll { $0.key == "pagination" }
    members.append(
      JSONMember(
        "pagination",
        .object([JSONMember("ItemsPerPage", .number("100")), JSONMember("PageNumber", .number("1"))])))
    return NativeRequest(
      method: "POST", path: "/invoice/search", query: [], body: JSONValue.object(members).compactText)
  }
}
