import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

extension Provider {
  /// Rhythm Collect: no server-side filter but `includeAllInvoices`; everything is checked on the
  /// client. Pages by `LastEvaluatedKey` → `exclusiveStartKey`.
  public static let rhythm = Provider(
    name: "rhythm", catalog: RhythmCatalog.catalog, dialect: RhythmDialect(), envelope: .rhythm,
    importer: .queryString(
      form: "a query string: includeAllInvoices=true&fields=id,total",
      QueryStringImport.dialect(
        capabilities: RhythmDialect().capabilities,
        ignored: ["fields", "exclusiveStartKey", "includeAllInvoices"], sorts: false,
        allInvoicesFlag: ("includeAllInvoices", "balance rule"))),
    settings: [
      ProviderSetting("tenantId", "the tenant, the first path segment", example: "demo-tenant"),
      ProviderSetting(
        "portalContactId", "the portal contact whose invoices are listed", example: "contact 42"),
    ],
    sample: ProviderSample(
      body: RhythmSample.body,
      query: "status in (open, paid) and dueDate < 2025-08-01 and total > 200 sort by total desc",
      moreQueries: ["status = writtenOff and memo contains \"refund\" and total > 10"]),
    pager: { request in RhythmPager(firstRequest: request) })
}
