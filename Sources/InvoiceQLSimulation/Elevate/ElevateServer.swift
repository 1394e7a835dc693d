import InvoiceQL

/// Elevate: one parameter per field; `v`, `in:a,b`, `lt:d`, `gt:d`; `gtn:`/`like:` must never arrive.
/// `sort=a,b:desc` orders the listing, `fields` projects top-level keys; numbered pages
/// (`page`, `pageSize` 1…1000) of a bare array.
package struct ElevateServer: SimulatedServer {
  package static let filters: Set<String> = [
    "id", "contractOwnerId", "billingCycleId", "billRunId", "billRunType", "billRunStatus", "customerId",
    "siteId", "dueDate", "invoiceDate", "paymentMethod", "mandateStatus", "paymentStatus",
    "thirdPartyPaymentStatus", "invoiceNumber", "createdDate", "thirdPartyPaymentStatusUpdatedTime",
    "paymentStatusUpdatedDate", "refundStatusUpdatedDate", "thirdPartyRefundStatus",
    "paymentStatusUpdatedTime",
  ]

  package func answer(_ r: ParsedRequest, _ invoices: [JSONValue], _ u: Unknowns, settings: [String: String])
    throws -> [JSONValue]
  {
    guard r.method == "GET", r.segments == ["invoices"] else { throw SimulationError("bad elevate path") }
    let p = try r.uniqueParameters()
    guard p["page"] == "1", let size = p["pageSize"].flatMap({ Int($0) }), (1...1000).contains(size) else {
      throw SimulationError("bad elevate paging \(p)")
    }
    var out = invoices
    for (name, raw) in p where Self.filters.contains(name) {
      let type = try SimulatedServers.type("elevate", [name])
      if raw.hasPrefix("gtn:") || raw.hasPrefix("like:") { throw SimulationError("sent \(raw)") }
      if raw.hasPrefix("lt:") || raw.hasPrefix("gt:") {
        guard type == .date, let d = DateTimeText.date(String(raw.dropFirst(3))) else {
          throw SimulationError("bad range \(name)=\(raw)")
        }
        let isLower = raw.hasPrefix("gt:")
        out = out.filter {
          guard let v = Stored.value($0, [name], .date) else { return false }
          return Stored.within(
            v, lower: isLower ? .date(d) : nil, upper: isLower ? nil : .date(d), u)
        }
        continue
      }
      let values = raw.hasPrefix("in:") ? raw.dropFirst(3).split(separator: ",").map(String.init) : [raw]
      out = try out.filter { inv in
        guard let v = Stored.value(inv, [name], type) else { return false }
        for want in values {
          switch (type, v) {
          case (.id(numeric: true), .decimal(let d)):
            guard let w = ExactDecimal(json: want) else { throw SimulationError("bad id \(want)") }
            if Stored.numberOrder(d, w, u) == 0 { return true }
          case (.date, .date(let d)):
            guard let w = DateTimeText.date(want) else { throw SimulationError("bad date \(want)") }
            if d == w { return true }
          case (_, .string(let s)):
            if Stored.textEqual(s, want, u) { return true }
          default: throw SimulationError("unexpected \(name) filter")
          }
        }
        return false
      }
    }
    return try Self.projected(out, fields: p["fields"])
  }
}

extension ElevateServer {
  package func firstPage(_ request: NativeRequest) -> NativeRequest { request.replacingQuery("page", "1") }

  package func projection(_ request: NativeRequest) throws -> (request: NativeRequest, keys: Set<String>?) {
    try fieldsProjection(request)
  }

  /// `sort=a,b:desc`.
  package func sortKeys(_ params: [String: String], of request: NativeRequest)
    -> [(name: String, descending: Bool)]?
  {
    guard let text = params["sort"] else { return nil }
    return text.split(separator: ",").map { item in
      item.hasSuffix(":desc") ? (String(item.dropLast(5)), true) : (String(item), false)
    }
  }

  package func page(
    _ items: [JSONValue], for request: NativeRequest, _ params: [String: String], serverPageSize: Int
  ) throws -> JSONValue {
    guard let page = params["page"].flatMap({ Int($0) }), page >= 1,
      let size = params["pageSize"].flatMap({ Int($0) }), (1...1000).contains(size)
    else { throw SimulationError("bad elevate paging") }
    return .array(items.slice((page - 1) * size, size))
  }
}

extension ElevateServer {
  package func request(forNative native: String, settings: [String: String]) -> NativeRequest? {
    guard let pairs = Self.queryPairs(native) else { return nil }
    return NativeRequest(
      method: "GET", path: "/invoices",
      query: Self.withoutPaging(pairs) + [("page", "1"), ("pageSize", "1000")])
  }
}
