import InvoiceQL

/// Rhythm: no filter. Without `includeAllInvoices=true` it leaves out settled invoices (one reading
/// of the undocumented default); `fields` projects top-level keys. Pages of the server's own size,
/// `{"Count", "Items", "LastEvaluatedKey"}`, continued from `exclusiveStartKey`.
package struct RhythmServer: SimulatedServer {
  package func answer(_ r: ParsedRequest, _ invoices: [JSONValue], _ u: Unknowns, settings: [String: String])
    throws -> [JSONValue]
  {
    guard r.method == "GET", r.segments.count == 5, r.segments[0] == "invoices",
      r.segments[1] == settings["tenantId"], r.segments[2] == "portal", r.segments[3] == "contact",
      r.segments[4] == settings["portalContactId"]
    else { throw SimulationError("bad rhythm path \(r.segments)") }
    let p = try r.uniqueParameters()
    for name in p.keys where !["includeAllInvoices", "fields", "exclusiveStartKey"].contains(name) {
      throw SimulationError("unknown rhythm parameter \(name)")
    }
    var out = invoices
    if p["includeAllInvoices"] != "true" {
      out = out.filter { Stored.value($0, ["balance_due"], .decimal) != .decimal(.zero) }
    }
    return try Self.projected(out, fields: p["fields"])
  }
}

extension RhythmServer {
  package func firstPage(_ request: NativeRequest) -> NativeRequest {
    request.removingQueryParameter("exclusiveStartKey")
  }

  package func projection(_ request: NativeRequest) throws -> (request: NativeRequest, keys: Set<String>?) {
    try fieldsProjection(request)
  }

  package func page(
    _ items: [JSONValue], for request: NativeRequest, _ params: [String: String], serverPageSize: Int
  ) throws -> JSONValue {
    let start = params["exclusiveStartKey"].flatMap { Int($0.dropFirst()) } ?? 0
    var members = [
      JSONMember("Count", .number(String(items.slice(start, serverPageSize).count))),
      JSONMember("Items", .array(items.slice(start, serverPageSize))),
    ]
    if start + serverPageSize < items.count {
      members.append(JSONMember("LastEvaluatedKey", .string("k\(start + serverPageSize)")))
    }
    return .object(members)
  }
}

extension RhythmServer {
  package func request(forNative native: String, settings: [String: String]) -> NativeRequest? {
    guard let pairs = Self.queryPairs(native) else { return nil }
    let tenant = URLText.encodePathSegment(settings["tenantId"] ?? "")
    let contact = URLText.encodePathSegment(settings["portalContactId"] ?? "")
    return NativeRequest(
      method: "GET", path: "/invoices/\(tenant)/portal/contact/\(contact)", query: Self.withoutPaging(pairs))
  }
}
