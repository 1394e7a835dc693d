import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// RoadSync, `POST /invoice/search`: a JSON body of typed filter objects `{type, field, value}` (values
/// always strings, lists comma-joined) and a `pagination` object.
///
/// `includevoided=true` is always sent (which invoices count as voided is undocumented). `from*`/`to*`
/// pairs are widened by a second on each side (inclusivity undocumented).
package struct RoadSyncDialect: Dialect {
  package init() {}
  package let maxPageSize = 100

  package let capabilities: [FieldCapability] = {
    let ids = FieldCapability(
      ["id"], format: .text, equal: NativeForm("invoiceids", type: "list"),
      list: NativeForm("invoiceids", type: "list"), maxValues: 20,
      reason: "how invoiceids matches (case, whitespace) is undocumented")
    let statuses = FieldCapability(
      ["status"], format: .text, equal: NativeForm("invoicestatuses", type: "list"),
      list: NativeForm("invoicestatuses", type: "list"), maxValues: 16,
      reason: "how invoicestatuses matches is undocumented")
    let ranges = [
      ("createdAt", "created"), ("sentAt", "sentdate"), ("authorizedAt", "auth"), ("deletedAt", "del"),
    ].map { field, suffix in
      FieldCapability(
        [field], format: .dateTime(separator: " "), lower: NativeForm("from" + suffix, type: "datetime"),
        upper: NativeForm("to" + suffix, type: "datetime"), oneBound: false,
        reason: "from/to inclusivity and precision are undocumented")
    }
    return [ids, statuses] + ranges
  }()

  static let rules = ValueRules(forbidden: [], forbiddenInList: [","], maxLength: 1024)

  package func pushdown(_ conjuncts: [NormalExpression], render: (BoundExpression) -> String)
    -> Pushdown
  {
    ConjunctivePushdown.run(conjuncts, table: capabilities, rules: Self.rules, render: render)
  }

  package func sortable(_ keys: [BoundSortKey]) -> Bool { false }

  package func request(_ pushdown: Pushdown, _ shape: RequestShape, settings: [String: String])
    -> NativeRequest
  {
    let items = [NativeItem(name: "includevoided", value: "true", type: "boolean")] + pushdown.items
    let filters = items.map {
      JSONValue.object([
        JSONMember("type", .string($0.type ?? "string")), JSONMember("field", .string($0.name)),
        JSONMember("value", .string($0.value)),
      ])
    }
    let body = JSONValue.object([
      JSONMember("filters", .array(filters)),
      JSONMember(
        "pagination",
        .object([
          JSONMember("ItemsPerPage", .number(String(shape.pageSize))), JSONMember("PageNumber", .number("1")),
        ])),
    ]).text(spaced: true)
    return NativeRequest(
      method: "POST", path: "/invoice/search", query: [],
      headers: ["Content-Type": "application/json"], body: body)
  }
}
