import InvoiceQL

/// A simulated API: parses the native request it is sent and answers with the invoices its native
/// semantics select, with every undocumented behaviour resolved as `Unknowns` says.
package protocol SimulatedServer: Sendable {
  func answer(_ r: ParsedRequest, _ invoices: [JSONValue], _ u: Unknowns, settings: [String: String])
    throws -> [JSONValue]
}

package enum SimulatedServers {
  package static func named(_ provider: String) -> (any SimulatedServer)? {
    switch provider {
    case "rhythm": RhythmServer()
    case "elevate": ElevateServer()
    case "roadsync": RoadSyncServer()
    case "softwareone": SoftwareOneServer()
    case "wethod": WethodServer()
    case "stripe": StripeServer()
    default: nil
    }
  }

  package static func type(_ provider: String, _ path: [String]) throws -> FieldType {
    guard let t = Provider.named(provider)?.catalog.field(at: path)?.type else {
      throw SimulationError("\(provider) has no field \(path)")
    }
    return t
  }
}

/// Rhythm: no filter. Without `includeAllInvoices=true` it leaves out settled invoices (one reading
/// of the undocumented default); `fields` projects top-level keys.
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
    if let fields = p["fields"] {
      let keys = Set(fields.split(separator: ",").map(String.init))
      guard keys.contains("id") else { throw SimulationError("fields without id") }
      out = out.map { Stored.project($0, keys) }
    }
    return out
  }
}

/// Elevate: one parameter per field; `v`, `in:a,b`, `lt:d`, `gt:d`; `gtn:`/`like:` must never arrive.
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
    if let fields = p["fields"] {
      let keys = Set(fields.split(separator: ",").map(String.init))
      guard keys.contains("id") else { throw SimulationError("fields without id") }
      out = out.map { Stored.project($0, keys) }
    }
    return out
  }
}

/// Wethod: `issue_date`/`payment_date` (dates), `updated_at` (instants), `project_id`; headers.
package struct WethodServer: SimulatedServer {
  package func answer(_ r: ParsedRequest, _ invoices: [JSONValue], _ u: Unknowns, settings: [String: String])
    throws -> [JSONValue]
  {
    guard r.method == "GET", r.segments == ["api", "invoices"] else { throw SimulationError("bad path") }
    guard r.headers["Wethod-Company"] == settings["company"],
      r.headers["Wethod-Version"] == settings["version"]
    else { throw SimulationError("missing Wethod headers") }
    let p = try r.uniqueParameters()
    guard let limit = p["limit"].flatMap({ Int($0) }), (1...100).contains(limit), p["offset"] == "0" else {
      throw SimulationError("bad wethod paging")
    }
    var out = invoices
    for (name, raw) in p where name != "limit" && name != "offset" {
      switch name {
      case "project_id":
        // The seed documents project ids >= 1; a strict server answers anything else with 400.
        guard let n = Int(raw), n >= 1, String(n) == raw, let w = ExactDecimal(json: raw) else {
          throw SimulationError("400: project_id '\(raw)' is not a documented value (>= 1)")
        }
        out = out.filter {
          guard case .decimal(let d)? = Stored.value($0, [name], .id(numeric: true)) else { return false }
          return Stored.numberOrder(d, w, u) == 0
        }
      case "issue_date", "payment_date", "updated_at":
        let isDate = name != "updated_at"
        var text = raw
        var op = "on"
        if raw.hasPrefix("gt:") || raw.hasPrefix("lt:") {
          op = String(raw.prefix(2))
          text = String(raw.dropFirst(3))
        }
        let bound: Value
        if !isDate && op != "on" && u.datesOnly {
          // "Updated after a date": the dates compared, the stored one in the least favourable zone.
          guard let dt = DateTimeText.dateTime(text) else { throw SimulationError("bad datetime \(raw)") }
          let zone = op == "gt" ? -12 * 3600 : 14 * 3600
          out = out.filter {
            guard case .instant(let i)? = Stored.value($0, [name], .dateTime) else { return false }
            let day = Value.date(Instant(seconds: i.seconds + zone, fraction: "").utc.date)
            return op == "gt"
              ? Stored.within(day, lower: .date(dt.date), upper: nil, u)
              : Stored.within(day, lower: nil, upper: .date(dt.date), u)
          }
          continue
        }
        if isDate {
          guard let d = DateTimeText.date(text) else { throw SimulationError("bad date \(raw)") }
          bound = .date(d)
        } else {
          guard let dt = DateTimeText.dateTime(text), dt.offsetSeconds != nil else {
            throw SimulationError("bad datetime \(raw)")
          }
          bound = .instant(Instant(dt))
        }
        out = out.filter {
          guard var v = Stored.value($0, [name], isDate ? .date : .dateTime) else { return false }
          if case .instant(let i) = v { v = .instant(Stored.truncated(i, digits: 0, u)) }
          switch op {
          case "gt": return Stored.within(v, lower: bound, upper: nil, u)
          case "lt": return Stored.within(v, lower: nil, upper: bound, u)
          default: return Stored.compare(v, bound) == 0
          }
        }
      default: throw SimulationError("unknown wethod parameter \(name)")
      }
    }
    return out
  }
}

/// RoadSync: typed filter objects in a JSON body; voided invoices (here: those with `deletedAt`) are
/// left out unless `includevoided` is true.
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
