import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

extension Provider {
  /// Stripe, `GET /v1/invoices`: single-valued query parameters (`status`, `customer`,
  /// `created[gte]`…), cursor paging (`starting_after`), money in minor units per currency, times in
  /// Unix seconds, and line items that are themselves paged.
  public static let stripe = Provider(
    name: "stripe", catalog: StripeCatalog.catalog, dialect: StripeDialect(), envelope: .stripe,
    importer: NativeImporter(
      form: "a list query string (status=open&created[gte]=1746057600) or a search query "
        + "(status:\"open\" AND total>1000)",
      run: { ctx in StripeImport.run(&ctx) }),
    settings: [
      ProviderSetting(
        "version", "the Stripe-Version header sent with every request (the object's shape depends on it)",
        default: StripeCatalog.defaultVersion, example: StripeCatalog.defaultVersion),
      ProviderSetting(
        "endpoint",
        "list (exact, the default) or search (opt-in: eventually consistent, so it may miss recent invoices)",
        default: "list", example: "list"),
    ],
    sample: ProviderSample(
      body: StripeSample.body,
      query: "status in (open, writtenOff) and total >= 5 and issueDate >= 2025-04-25",
      moreQueries: [
        "status = open and customerId = \"cus_Pbrook\" and dueDate < 2025-06-01",
        "currency = USD and balance > 20 sort by createdAt desc limit 10",
        "any(lines.data, quantity > 1) and created >= 2025-04-30",
        "collection_method = send_invoice and not (status = paid) sort by issueDate desc",
        "metadata.plan = gold and total > 10",
      ]),
    itemCompletion: StripeLines.completion,
    pager: { request in StripePager(firstRequest: request) })
}
