import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// Wethod, `GET /api/invoices` (the seed page's API version): `issue_date`, `payment_date`,
/// `updated_at` as a bare value (on that date), `gt:` or `lt:`; `project_id`; `limit`/`offset`;
/// headers `Wethod-Company` and `Wethod-Version` from the settings `company` and `version`.
///
/// A parameter is never repeated (a PHP backend keeps only the last), so a range pushes one bound.
/// The newer operators (`gte:`, `in:`, `bt:` …) are not targeted.
package struct WethodDialect: Dialect {
  package init() {}
  package let maxPageSize = 100

  package let capabilities: [FieldCapability] = {
    let dates = ["issue_date", "payment_date"].map {
      FieldCapability(
        [$0], format: .date, equal: NativeForm($0), lower: NativeForm($0, prefix: "gt:"),
        upper: NativeForm($0, prefix: "lt:"), oneBound: true,
        reason: "gt:/lt: inclusivity and date matching are undocumented")
    }
    let updated = FieldCapability(
      ["updated_at"], format: .dateTimeOrDate(separator: "T"),
      lower: NativeForm("updated_at", prefix: "gt:"), upper: NativeForm("updated_at", prefix: "lt:"),
      oneBound: true,
      reason:
        "gt:/lt: inclusivity and precision are undocumented (\"updated after a date\" may compare dates)")
    let project = FieldCapability(
      ["project_id"], format: .integer, equal: NativeForm("project_id"), exact: true,
      minimum: ExactDecimal(1), reason: "numeric id equality (the seed documents values >= 1)")
    return dates + [updated, project]
  }()

  static let rules = ValueRules(forbidden: [":"], forbiddenInList: [","], maxLength: 1024)

  package func pushdown(_ conjuncts: [NormalExpression], render: (BoundExpression) -> String)
    -> Pushdown
  {
    ConjunctivePushdown.run(conjuncts, table: capabilities, rules: Self.rules, render: render)
  }

  package func sortable(_ keys: [BoundSortKey]) -> Bool { false }

  package func request(_ pushdown: Pushdown, _ shape: RequestShape, settings: [String: String])
    -> NativeRequest
  {
    var query: [(name: String, value: String?)] = pushdown.items.map { ($0.name, $0.value) }
    query.append(("limit", String(shape.pageSize)))
    query.append(("offset", "0"))
    return NativeRequest(
      method: "GET", path: "/api/invoices", query: query,
      headers: [
        "Wethod-Company": settings["company"] ?? "", "Wethod-Version": settings["version"] ?? "",
      ])
  }
}
