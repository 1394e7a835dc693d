import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

extension Provider {
  /// RoadSync: `POST /invoice/search` with a JSON body of typed filter objects, paged by
  /// `pagination` and `continuation.search_start`.
  public static let roadsync = Provider(
    name: "roadsync", catalog: RoadSyncCatalog.catalog, dialect: RoadSyncDialect(), envelope: .roadsync,
    importer: NativeImporter(
      form:
        "a JSON body: {\"filters\": [{\"field\": \"invoiceids\", \"type\": \"list\", \"value\": \"a,b\"}]}",
      run: { ctx in (RoadSyncImport.run(&ctx), []) }),
    sample: ProviderSample(
      body: RoadSyncSample.body,
      query: "status in (sent, completed) and createdAt >= 2025-04-12 and total > 1000",
      moreQueries: ["id in (\"A\", \"B\") and createdAt >= 2025-05-01 and status = sent"]),
    pager: { request throws(PagingError) in try RoadSyncPager(firstRequest: request) })
}
