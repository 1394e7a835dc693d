import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// SoftwareOne Marketplace, `GET /public/v1/billing/invoices`: an RQL expression as a bare query
/// component, `select=` (the API filters only on selected fields), `order=`, `limit` ≤ 100, `offset`.
package struct SoftwareOneDialect: Dialect {
  package init() {}
  package let maxPageSize = 100

  package let capabilities: [FieldCapability] = {
    // How RQL compares text is the server's collation, which may ignore case and trailing spaces:
    // eq/in return a superset, and ne/out could drop true matches, so they are never sent.
    let collation = "RQL eq/in compare by the server's collation (case, trailing spaces undocumented)"
    let texts = ["id", "status", "erpData.documentNo", "buyer.id", "price.currency"].map {
      FieldCapability(
        $0.split(separator: ".").map(String.init), format: $0.hasSuffix("id") ? .identifier : .text,
        equal: NativeForm("eq"), list: NativeForm("in"), maxValues: 100, reason: collation)
    }
    let numbers = ["erpData.invoiceTotal", "erpData.balanceDue"].map {
      FieldCapability(
        $0.split(separator: ".").map(String.init), format: .decimal, equal: NativeForm("eq"),
        list: NativeForm("in"), maxValues: 100, lower: NativeForm("ge"), upper: NativeForm("le"),
        oneBound: false, notIn: NativeForm("out"), exact: true, exactBounds: true,
        reason: "RQL compares numbers exactly (pushed only with at most 15 significant digits)")
    }
    let days = ["erpData.documentDate", "erpData.dueDate", "erpData.postingDate"].map {
      FieldCapability(
        $0.split(separator: ".").map(String.init), format: .dayAsInstant, lower: NativeForm("ge"),
        upper: NativeForm("lt"), oneBound: false,
        reason: "stored as datetimes with offsets: bounds widened by a day")
    }
    let instants = ["audit.created.at", "audit.updated.at"].map {
      FieldCapability(
        $0.split(separator: ".").map(String.init), format: .instantMillis, lower: NativeForm("ge"),
        upper: NativeForm("le"), oneBound: false,
        reason: "compared at millisecond precision: bounds widened")
    }
    return texts + numbers + days + instants
  }()

  package func pushdown(_ conjuncts: [NormalExpression], render: (BoundExpression) -> String)
    -> Pushdown
  {
    RQLPushdown.run(conjuncts, table: capabilities, render: render)
  }

  package func sortable(_ keys: [BoundSortKey]) -> Bool {
    SortSafety.safelySortable(keys, catalog: SoftwareOneCatalog.catalog)
  }

  package func request(_ pushdown: Pushdown, _ shape: RequestShape, settings: [String: String])
    -> NativeRequest
  {
    var query: [(name: String, value: String?)] = []
    if let rql = pushdown.expression { query.append((rql, nil)) }
    var selected = Set(shape.projection)
    for f in pushdown.fieldsFiltered { if let first = f.path.first { selected.insert(first) } }
    selected.remove("id")
    if !selected.isEmpty {
      query.append(("select", selected.sorted().map { "+" + $0 }.joined(separator: ",")))
    }
    if let sort = shape.sort {
      query.append(
        (
          "order",
          sort.map { ($0.descending ? "-" : "") + $0.field.path.joined(separator: ".") }
            .joined(separator: ",")
        ))
    }
    query.append(("limit", String(shape.pageSize)))
    query.append(("offset", "0"))
    return NativeRequest(method: "GET", path: "/public/v1/billing/invoices", query: query)
  }
}
