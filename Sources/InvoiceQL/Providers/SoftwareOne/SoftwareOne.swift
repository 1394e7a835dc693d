import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

extension Provider {
  /// SoftwareOne Marketplace: an RQL expression in the query string, `select=`, `order=`,
  /// `limit`/`offset` against `$meta.pagination.total`.
  public static let softwareone = Provider(
    name: "softwareone", catalog: SoftwareOneCatalog.catalog, dialect: SoftwareOneDialect(),
    envelope: .softwareone,
    importer: NativeImporter(
      form: "an RQL expression: and(eq(status,Issued),lt(erpData.invoiceTotal,100))",
      // Dates are stored as datetimes with an offset and compared as instants in UTC.
      temporal: TemporalPolicy(dates: .datesStoredAsInstants, dateTimes: .utcInstants),
      run: { ctx in RQLImport.run(&ctx) }),
    sample: ProviderSample(
      body: SoftwareOneSample.body, query: "status = open and dueDate between 2025-05-05 and 2025-05-20",
      moreQueries: [
        "total >= 100 and not (currency = \"EUR\" or currency = \"GBP\")",
        "status in (open, paid) and dueDate < 2025-05-01 and updatedAt >= 2025-04-01T00:00:00Z",
        "(status = paid and total < 3) or (status = open and total < 5)",
      ]),
    pager: { request in SoftwareOnePager(firstRequest: request) })
}
