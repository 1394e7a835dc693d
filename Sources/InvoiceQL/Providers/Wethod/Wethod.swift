import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

extension Provider {
  /// Wethod: `gt:`/`lt:` on three date fields and `project_id`, `limit`/`offset`, headers
  /// `Wethod-Company` and `Wethod-Version`.
  public static let wethod = Provider(
    name: "wethod", catalog: WethodCatalog.catalog, dialect: WethodDialect(), envelope: .wethod,
    importer: .queryString(
      form: "a query string: issue_date=gt:2024-01-01&project_id=7",
      // `updated_at`: "updated after a date" may compare dates, in a zone the docs do not name.
      temporal: TemporalPolicy(dateTimes: .instantsOrDates),
      QueryStringImport.dialect(
        capabilities: WethodDialect().capabilities, ignored: ["limit", "offset"], sorts: false,
        extendedOperators: true)),
    settings: [
      ProviderSetting("company", "the company slug (header Wethod-Company)", example: "acme"),
      // The docs give no default; the public SDKs send 2024-06-15.
      ProviderSetting(
        "version", "the API version (header Wethod-Version)", default: "2024-06-15", example: "2024-06-15"),
    ],
    sample: ProviderSample(
      body: WethodSample.body, query: "status != draft and issueDate >= today-40d limit 3",
      moreQueries: [
        "issueDate between 2025-01-01 and 2025-01-31 and status = paid", "updatedAt > 2025-04-01T10:00:00Z",
      ]),
    pager: { request in WethodPager(firstRequest: request) })
}
