import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

extension Provider {
  /// Elevate Billing: one query parameter per field (`v`, `in:a,b`, `lt:d`, `gt:d`), `sort`, `fields`,
  /// `page`/`pageSize`.
  public static let elevate = Provider(
    name: "elevate", catalog: ElevateCatalog.catalog, dialect: ElevateDialect(), envelope: .elevate,
    importer: .queryString(
      form: "a query string: dueDate=lt:2025-05-01&paymentStatus=in:PAID,UNPAID",
      QueryStringImport.dialect(
        capabilities: ElevateDialect().capabilities,
        // String-typed filters the planner never sends (their matching is undocumented).
        alsoDocumented: [
          "createdDate": .list, "thirdPartyPaymentStatusUpdatedTime": .list,
          "paymentStatusUpdatedDate": .list,
          "refundStatusUpdatedDate": .list, "paymentStatusUpdatedTime": .list,
        ],
        ignored: ["page", "pageSize", "fields"], sorts: true)),
    sample: ProviderSample(
      body: ElevateSample.body,
      query: "status = open and dueDate >= 2025-05-14 or paymentStatus = WRITTEN_OFF",
      moreQueries: [
        "status in (open, paid) and dueDate < 2025-05-01",
        "customerId = 7 and dueDate >= 2025-01-01 and dueDate <= 2025-01-31",
        "(status = paid and total < 3) or (status = open and total < 5) or number contains \"x\"",
        "not (total > 5 or invoiceDate is null) and id = 3 sort by dueDate desc limit 10",
      ]),
    pager: { request in ElevatePager(firstRequest: request) })
}
