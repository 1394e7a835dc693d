import InvoiceQL

/// Stripe, `GET /v1/invoices`: single-valued filters compared as sent, `created`/`due_date` ranges
/// in Unix seconds (`gt`/`lt` exclusive, `gte`/`lte` inclusive, as documented). Undocumented, so
/// simulated both ways: whether a `due_date` range keeps invoices without a due date (under
/// `negationKeepsAbsent`), and whether `subscription` also matches the field older API versions
/// had at the top level (under `caseInsensitive`). A repeated parameter, `gt` with `gte`, a negative
/// or non-integer bound, an unknown parameter or a missing `Stripe-Version` is a failure (400).
/// The answer keeps the invoices' order (tie order within a second is tested on its own).
public struct StripeServer: SimulatedServer {
  public init() {}

  public func answer(_ r: ParsedRequest, _ invoices: [JSONValue], _ u: Unknowns, settings: [String: String])
    throws -> [JSONValue]
  {
    guard r.method == "GET", r.segments == ["v1", "invoices"], r.body == nil else {
      throw SimulationError("bad stripe request \(r.segments)")
    }
    guard let version = r.headers["Stripe-Version"], !version.isEmpty,
      version == (settings["version"] ?? version)
    else { throw SimulationError("no Stripe-Version header") }
    let p = try r.uniqueParameters()
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

  static func text(_ invoice: JSONValue, _ path: [String]) -> String? {
    guard case .string(let s)? = Stored.value(invoice, path, .string) else { return nil }
    return s
  }
}
