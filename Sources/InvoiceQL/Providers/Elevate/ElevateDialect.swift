import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// Elevate Billing, `GET /invoices`: one query parameter per field (`v`, `in:a,b`, `lt:d`, `gt:d`),
/// `fields`, `sort`, `page`/`pageSize`.
///
/// Never sent: `gtn:` and `like:` (meaning undocumented), a repeated parameter (meaning undocumented),
/// range filters on the string-typed date parameters (`createdDate`, `paymentStatusUpdated*`).
package struct ElevateDialect: Dialect {
  package init() {}
  package let maxPageSize = 1000

  static let stringMatching = "string matching (collation, case) is undocumented"
  static let numericId = "numeric id equality"

  package let capabilities: [FieldCapability] = {
    let ids = ["id", "contractOwnerId", "billingCycleId", "billRunId", "customerId", "siteId"].map {
      FieldCapability(
        [$0], format: .integer, equal: NativeForm($0), exact: true, reason: numericId)
    }
    let dates = ["dueDate", "invoiceDate"].map {
      FieldCapability(
        [$0], format: .date, equal: NativeForm($0), lower: NativeForm($0, prefix: "gt:"),
        upper: NativeForm($0, prefix: "lt:"), oneBound: true,
        reason: "lt:/gt: inclusivity and date matching are undocumented")
    }
    let texts = [
      "billRunStatus", "paymentMethod", "mandateStatus", "paymentStatus", "thirdPartyPaymentStatus",
      "invoiceNumber", "thirdPartyRefundStatus",
    ].map {
      FieldCapability(
        [$0], format: .text, equal: NativeForm($0), list: NativeForm($0, prefix: "in:"), maxValues: 50,
        reason: stringMatching)
    }
    let billRunType = FieldCapability(
      ["billRunType"], format: .text, equal: NativeForm("billRunType"), reason: stringMatching)
    return ids + dates + texts + [billRunType]
  }()

  /// `:` could read as an operator prefix; `,` and `|` would split an `in:` list.
  static let rules = ValueRules(forbidden: [":"], forbiddenInList: [",", "|"], maxLength: 1024)

  package func pushdown(_ conjuncts: [NormalExpression], render: (BoundExpression) -> String)
    -> Pushdown
  {
    ConjunctivePushdown.run(conjuncts, table: capabilities, rules: Self.rules, render: render)
  }

  package func sortable(_ keys: [BoundSortKey]) -> Bool {
    SortSafety.safelySortable(keys, catalog: ElevateCatalog.catalog)
  }

  package func request(_ pushdown: Pushdown, _ shape: RequestShape, settings: [String: String])
    -> NativeRequest
  {
    var query: [(name: String, value: String?)] = pushdown.items.map { ($0.name, $0.value) }
    query.append(("fields", shape.projection.joined(separator: ",")))
    if let sort = shape.sort {
      query.append(
        (
          "sort",
          sort.map { $0.field.path.joined(separator: ".") + ($0.descending ? ":desc" : "") }
            .joined(separator: ",")
        ))
    }
    query.append(("page", "1"))
    query.append(("pageSize", String(shape.pageSize)))
    return NativeRequest(method: "GET", path: "/invoices", query: query)
  }
}
