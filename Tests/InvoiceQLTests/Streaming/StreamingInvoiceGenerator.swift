@testable import InvoiceQL
@testable import InvoiceQLImport
@testable import InvoiceQLJSON
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSavedSearches
@testable import InvoiceQLSemantics
@testable import InvoiceQLStreaming
@testable import InvoiceQLSyntax

/// Random rhythm-shaped invoices and random bound filters over their fields, for differential tests.
struct StreamingInvoiceGenerator {
  var random: StreamingRandom

  static let status = BoundField(
    path: ["status"], type: .enumeration(["cancelled", "open", "paid", "void", "written off"]), name: "status"
  )
  static let total = BoundField(path: ["total"], type: .decimal, name: "total")
  static let balance = BoundField(path: ["balance_due"], type: .decimal, name: "balance")
  static let dueDate = BoundField(path: ["date_due"], type: .date, name: "dueDate")
  static let number = BoundField(path: ["number"], type: .integer, name: "number")
  static let memo = BoundField(path: ["memo"], type: .string, name: "memo")
  static let id = BoundField(path: ["id"], type: .id(numeric: false), name: "id")
  static let country = BoundField(path: ["billing_address", "country"], type: .string, name: "country")
  static let created = BoundField(path: ["sys_created_at"], type: .dateTime, name: "createdAt")
  static let lineItems = BoundField(path: ["line_items"], type: .array(element: .object), name: "line_items")
  static let productType = BoundField(path: ["product_type"], type: .string, name: "product_type")
  static let quantity = BoundField(path: ["quantity"], type: .decimal, name: "quantity")

  mutating func decimalText() -> String {
    random.pick(["100", "100.10", "100.1", "99.99", "1e2", "-0", "0", "1E-400", "250.005", "843.39", "12"])
  }

  mutating func dateText() -> String {
    random.pick([
      "2025-04-30", "2025-05-01", "2025-05-01T23:30:00-05:00", "2025-03-05", "2024-12-31", "n/a",
    ])
  }

  mutating func maybe(_ key: String, _ value: String) -> String? {
    switch random.below(10) {
    case 0: nil
    case 1: "\"\(key)\":null"
    default: "\"\(key)\":\(value)"
    }
  }

  /// One invoice as JSON text with random whitespace, missing, null and mistyped fields.
  mutating func invoice(_ n: Int) -> String {
    var members: [String?] = []
    members.append("\"id\":\"inv-\(n)\\u002d\(random.pick(["a", "é", "😀", "\\\""]))\"")
    members.append(maybe("status", "\"\(random.pick(["open", "paid", "void", "written off", "OPEN"]))\""))
    let total = decimalText()
    members.append(maybe("total", random.chance(20) ? "\"\(total)\"" : total))
    members.append(maybe("balance_due", random.chance(10) ? "\"n/a\"" : decimalText()))
    members.append(maybe("date_due", "\"\(dateText())\""))
    members.append(maybe("number", random.pick(["1001", "1001.0", "1001.5", "\"1001\"", "7"])))
    members.append(maybe("memo", "\"\(random.pick(["Annual REFUND", "refund", "Straße", "ÉTÉ", "x\\ny"]))\""))
    members.append(
      maybe("billing_address", "{\"city\":\"Boston\",\"country\":\"\(random.pick(["US", "DE", "us"]))\"}"))
    members.append(
      maybe(
        "sys_created_at",
        "\"\(random.pick(["2025-03-05T09:10:00.000Z", "2025-05-01", "2025-05-01T10:00:00.1234567+02:00"]))\"")
    )
    members.append(
      maybe("custom_metadata", "{\"deep\":[[{\"x\":[1,2,{\"y\":\"}]\"}]}]],\"status\":\"open\"}"))
    if random.chance(80) {
      let lines = (0..<random.below(4)).map { _ in
        "{\"product_type\":\"\(random.pick(["membership", "event", "Membership"]))\",\"quantity\":\(random.pick(["1", "3", "2.5", "\"4\"", "null"]))}"
      }
      members.append("\"line_items\":[" + lines.joined(separator: ",") + "]")
    } else if random.chance(50) {
      members.append("\"line_items\":{\"product_type\":\"membership\"}")
    }
    if random.chance(10) { members.append("\"status\":\"paid\"") }
    var parts = members.compactMap { $0 }
    for k in stride(from: parts.count - 1, to: 0, by: -1) { parts.swapAt(k, random.below(k + 1)) }
    return "{"
      + parts.map { (random.chance(30) ? "\n  " : "") + $0 }.joined(separator: random.chance(50) ? ", " : ",")
      + "}"
  }

  /// A rhythm response holding `count` invoices, metadata before or after them.
  mutating func rhythmBody(count: Int) -> String {
    let items = "\"Items\" : [" + (0..<count).map { invoice($0) }.joined(separator: ",\n") + "]"
    let key = random.pick([
      "\"LastEvaluatedKey\":\"k-\\u00e9\"", "\"LastEvaluatedKey\":null",
      "\"LastEvaluatedKey\":{\"id\":\"x\",\"n\":1.50}",
    ])
    let meta = ["\"Count\":\(count)", key, "\"Other\":{\"a\":[1,2,3]}"]
    return random.chance(50)
      ? "{" + meta.joined(separator: ",") + "," + items + "}"
      : "{ " + items + ", " + meta.joined(separator: ", ") + " }\n"
  }

  mutating func predicate() -> BoundExpression {
    func dec(_ s: String) -> Value { .decimal(ExactDecimal(json: s) ?? .zero) }
    let ops = ComparisonOperator.allCases
    switch random.below(11) {
    case 0:
      return .predicate(.member(Self.status, [.string("open"), .string("paid")], negated: random.chance(30)))
    case 1:
      return .predicate(
        .compare(
          Self.status, random.pick([.equal, .notEqual]),
          .string(random.pick(["open", "void", "written off"]))))
    case 2:
      return .predicate(
        .compare(Self.total, random.pick(ops), dec(random.pick(["100", "100.1", "0", "1e2", "500"]))))
    case 3: return .predicate(.compare(Self.balance, random.pick(ops), dec(random.pick(["100", "0", "-1"]))))
    case 4:
      let date = CivilDate(year: 2025, month: random.pick([4, 5]), day: 1) ?? CivilDate(daysSinceEpoch: 0)
      return .predicate(.compare(Self.dueDate, random.pick(ops), .date(date)))
    case 5: return .predicate(.compare(Self.number, random.pick(ops), dec("1001")))
    case 6:
      return .predicate(
        .text(Self.memo, random.pick(TextOperator.allCases), random.pick(["refund", "STRASSE", "été", "y"])))
    case 7:
      return .predicate(
        .isNull(random.pick([Self.memo, Self.total, Self.country, Self.dueDate]), negated: random.chance(50)))
    case 8: return .predicate(.compare(Self.country, random.pick([.equal, .notEqual, .less]), .string("US")))
    case 9:
      return .predicate(
        .compare(Self.created, random.pick(ops), .instant(Instant(seconds: 1_746_093_600, fraction: ""))))
    default:
      let body: BoundExpression =
        random.chance(50)
        ? .predicate(.compare(Self.productType, .equal, .string("membership")))
        : .and([.predicate(.compare(Self.quantity, .greater, dec("2"))), .constant(random.chance(80))])
      return .quantified(random.pick(Quantifier.allCases), Self.lineItems, body)
    }
  }

  mutating func expression(depth: Int = 0) -> BoundExpression {
    switch depth > 2 ? 0 : random.below(6) {
    case 0, 1, 2: return predicate()
    case 3: return .and((0..<(2 + random.below(2))).map { _ in expression(depth: depth + 1) })
    case 4: return .or((0..<(2 + random.below(2))).map { _ in expression(depth: depth + 1) })
    default: return .not(expression(depth: depth + 1))
    }
  }
}
