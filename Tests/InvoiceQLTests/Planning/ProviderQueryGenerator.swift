import InvoiceQL

/// Random bound queries and invoice sets per provider, over the fields each API can filter on plus a
/// few it cannot, with values chosen to sit on every boundary the dialects widen or quote.
struct ProviderQueryGenerator {
  let provider: String
  let fields: [BoundField]

  static let fieldPaths: [String: [String]] = [
    "rhythm": ["status", "total", "date_due", "number", "memo", "sys_last_modified_at", "balance_due"],
    "elevate": [
      "id", "customerId", "paymentStatus", "invoiceNumber", "dueDate", "invoiceDate",
      "invoiceTotalAmount", "billRunType",
    ],
    "roadsync": ["id", "status", "createdAt", "sentAt", "updatedAt", "amount", "description", "deletedAt"],
    "softwareone": [
      "id", "status", "erpData.documentNo", "buyer.id", "price.currency", "erpData.invoiceTotal",
      "erpData.balanceDue", "erpData.dueDate", "erpData.documentDate", "audit.created.at", "name",
    ],
    "wethod": [
      "issue_date", "payment_date", "updated_at", "project_id", "status", "value", "invoice_number",
    ],
  ]

  static let settings: [String: [String: String]] = [
    "rhythm": ["tenantId": "t/../1 &x", "portalContactId": "c#1?"],
    "wethod": ["company": "acme co", "version": "2024-06-15"],
  ]

  init(provider: String) {
    self.provider = provider
    let catalog = Catalogs.named(provider)
    fields = (Self.fieldPaths[provider] ?? []).compactMap { name in
      let path = name.split(separator: ".").map(String.init)
      guard let type = catalog?.field(at: path)?.type else { return nil }
      return BoundField(path: path, type: type, name: name)
    }
  }

  static let texts = ["INV-1", "inv-1", "x&y=z", "a,b", "it's", "say \"hi\"", "é", "lt:5", "A1", "(a/b)"]
  static let numbers = ["-1", "0", "5", "5.00", "10.5", "100"]
  static let days = (0..<5).map { CivilDate(daysSinceEpoch: 20_207 + $0) }  // 2025-04-29 …
  static let base = 1_746_057_600  // 2025-05-01T00:00:00Z
  static let instants: [Instant] = [
    Instant(seconds: base, fraction: ""), Instant(seconds: base, fraction: "5"),
    Instant(seconds: base + 1, fraction: ""), Instant(seconds: base - 1, fraction: "9995"),
    Instant(seconds: base + 3600, fraction: "0004"),
  ]

  func queryValue(_ f: BoundField, _ r: inout PlanningRandom) -> Value {
    switch f.type {
    case .id(numeric: true): return .decimal(ExactDecimal(json: r.pick(["1", "2", "3", "4"])) ?? .zero)
    case .id(numeric: false): return .string(r.pick(["A1", "a1", "B,2", "C\"3", "D'4", "E/(5)"]))
    case .enumeration(let values): return .string(r.pick(Array(values.prefix(4))))
    case .decimal, .integer:
      return .decimal(
        ExactDecimal(json: r.pick(f.type == .integer ? ["1", "2", "1001"] : Self.numbers)) ?? .zero)
    case .date: return .date(r.pick(Self.days))
    case .dateTime: return .instant(r.pick(Self.instants))
    case .boolean: return .boolean(r.chance(50))
    default: return .string(r.pick(Self.texts))
    }
  }

  func dataValue(_ f: BoundField, _ r: inout PlanningRandom) -> JSONValue {
    switch f.type {
    case .id(numeric: true): return r.chance(80) ? .number(r.pick(["1", "2", "3", "4"])) : .string("2")
    case .id(numeric: false): return .string(r.pick(["A1", "a1", "B,2", "C\"3", "D'4", "B", "E/(5)"]))
    case .enumeration(let values):
      let v = r.pick(Array(values.prefix(4)))
      return .string(r.chance(20) ? v.lowercased() : v)
    case .decimal, .integer:
      return r.chance(85)
        ? .number(r.pick(Self.numbers + ["1e2", "1001"])) : .string(r.pick(["5.0", "n/a"]))
    case .date:
      let d = r.pick(Self.days)
      switch r.next() % 4 {
      case 0: return .string(d.description)
      case 1: return .string("\(d)T23:30:00.0000000-05:00")
      case 2: return .string("\(d)T00:30:00+02:00")
      default: return .string(r.chance(50) ? "\(d)T12:00:00Z" : "n/a")
      }
    case .dateTime:
      let i = r.pick(Self.instants)
      switch r.next() % 3 {
      case 0: return .string(i.description)
      case 1:
        let (d, h, m, s) = i.utc
        let frac = i.fraction.isEmpty ? "" : "." + String(decoding: i.fraction, as: UTF8.self)
        return .string(
          "\(d) \(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m):\(s < 10 ? "0" : "")\(s)\(frac)Z")
      default:
        // The same instant written at -05:00.
        let (d, h, m, s) = Instant(seconds: i.seconds - 5 * 3600, fraction: "").utc
        let frac = i.fraction.isEmpty ? "" : "." + String(decoding: i.fraction, as: UTF8.self)
        return .string(
          "\(d)T\(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m):\(s < 10 ? "0" : "")\(s)\(frac)-05:00")
      }
    case .boolean: return .bool(r.chance(50))
    default: return .string(r.pick(Self.texts))
    }
  }

  func atom(_ r: inout PlanningRandom) -> BoundExpression {
    let f = r.pick(fields)
    let unordered: Bool
    switch f.type {
    case .id, .enumeration, .boolean: unordered = true
    default: unordered = false
    }
    switch r.next() % 10 {
    case 0: return .predicate(.isNull(f, negated: r.chance(50)))
    case 1, 2:
      let n = 1 + Int(r.next() % 3)
      return .predicate(.member(f, (0..<n).map { _ in queryValue(f, &r) }, negated: r.chance(25)))
    case 3 where f.type == .string:
      return .predicate(.text(f, r.pick(TextOperator.allCases), r.pick(["in", "X", "é"])))
    default:
      let ops: [ComparisonOperator] = unordered ? [.equal, .equal, .notEqual] : ComparisonOperator.allCases
      return .predicate(.compare(f, r.pick(ops), queryValue(f, &r)))
    }
  }

  func expression(_ r: inout PlanningRandom, depth: Int) -> BoundExpression {
    if depth == 0 || r.chance(35) { return atom(&r) }
    switch r.next() % 7 {
    case 0, 1, 2: return .and((0..<(2 + Int(r.next() % 2))).map { _ in expression(&r, depth: depth - 1) })
    case 3, 4: return .or((0..<2).map { _ in expression(&r, depth: depth - 1) })
    default: return .not(expression(&r, depth: depth - 1))
    }
  }

  /// Invoices with unique ids (so answers can be compared by id) and random other fields.
  func invoices(_ r: inout PlanningRandom, count: Int) -> [JSONValue] {
    (0..<count).map { k in
      var members: [String: [JSONMember]] = [:]
      var top: [JSONMember] = []
      for f in fields where f.path != ["id"] {
        let roll = r.next() % 8
        if roll == 0 { continue }
        let value: JSONValue = roll == 1 ? .null : dataValue(f, &r)
        if f.path.count == 1 {
          top.append(JSONMember(f.path[0], value))
        } else {
          members[f.path[0], default: []].append(JSONMember(f.path.dropFirst().joined(separator: "."), value))
        }
      }
      for (key, inner) in members.sorted(by: { $0.key < $1.key }) {
        top.append(JSONMember(key, Self.nest(inner)))
      }
      let idType = Catalogs.named(provider)?.field(at: ["id"])?.type
      let id: JSONValue =
        idType == .id(numeric: true)
        ? .number(String(k + 1))
        : .string(["A1", "a1", "B,2", "C\"3", "D'4", "B"][k % 6] + (k >= 6 ? "-\(k)" : ""))
      return .object([JSONMember("id", id)] + top)
    }
  }

  /// `{"a.b": v}` members into nested objects.
  static func nest(_ members: [JSONMember]) -> JSONValue {
    var out: [JSONMember] = []
    var groups: [String: [JSONMember]] = [:]
    var order: [String] = []
    for m in members {
      let parts = m.key.split(separator: ".", maxSplits: 1).map(String.init)
      if parts.count == 1 {
        out.append(m)
      } else {
        if groups[parts[0]] == nil { order.append(parts[0]) }
        groups[parts[0], default: []].append(JSONMember(parts[1], m.value))
      }
    }
    for k in order { out.append(JSONMember(k, nest(groups[k] ?? []))) }
    return .object(out)
  }
}
