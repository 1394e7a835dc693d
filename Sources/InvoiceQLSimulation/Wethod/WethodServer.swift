import InvoiceQL

/// Wethod: `issue_date`/`payment_date` (dates), `updated_at` (instants), `project_id`; headers.
/// `limit` (1…100) and `offset` page a bare array.
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

extension WethodServer {
  package func firstPage(_ request: NativeRequest) -> NativeRequest { request.replacingQuery("offset", "0") }

  package func page(
    _ items: [JSONValue], for request: NativeRequest, _ params: [String: String], serverPageSize: Int
  ) throws -> JSONValue {
    let limit = params["limit"].flatMap { Int($0) } ?? 100
    let offset = params["offset"].flatMap { Int($0) } ?? 0
    guard (1...100).contains(limit), offset >= 0 else { throw SimulationError("bad wethod paging") }
    return .array(items.slice(offset, limit))
  }
}

extension WethodServer {
  package func request(forNative native: String, settings: [String: String]) -> NativeRequest? {
    guard let pairs = Self.queryPairs(native) else { return nil }
    return NativeRequest(
      method: "GET", path: "/api/invoices",
      query: Self.withoutPaging(pairs) + [("limit", "100"), ("offset", "0")],
      headers: ["Wethod-Company": settings["company"] ?? "", "Wethod-Version": settings["version"] ?? ""])
  }
}
