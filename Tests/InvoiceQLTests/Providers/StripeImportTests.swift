import Testing

@testable import InvoiceQL
@testable import InvoiceQLImport
@testable import InvoiceQLProviders
@testable import InvoiceQLSyntax

/// `invoiceql import --provider stripe`: list query strings and search queries back to queries.
@Suite struct StripeImportTests {
  static func imported(_ native: String) -> (query: String?, messages: [String]) {
    let result = Provider.stripe.importFilter(native)
    return (result.query.map(Formatter.format), result.diagnostics.map(\.message))
  }

  @Test(arguments: [
    ("status=open&customer=cus_1", "status = open and customerId = cus_1"),
    (
      "created[gte]=1746057600&created[lt]=1746144000",
      "createdAt >= 2025-05-01T00:00:00Z and createdAt < 2025-05-02T00:00:00Z"
    ),
    (
      "due_date[gt]=1746057600&collection_method=send_invoice",
      "due_date > 2025-05-01T00:00:00Z and collection_method = send_invoice"
    ),
    (
      "subscription=sub_9&limit=100&expand[]=data.customer",
      "parent.subscription_details.subscription = sub_9"
    ),
    // Bounds beyond the years a Unix time reads in bound nothing, or everything.
    (
      "status=paid&created[lt]=253402300800&created[gte]=0",
      "status = paid and createdAt >= 1970-01-01T00:00:00Z"
    ),
    (
      "status:\"open\" AND total>1000 AND currency:\"usd\"", "status = open and total > 10 and currency = usd"
    ),
    ("query=currency:'kwd' total<=5124", "currency = kwd and total <= 5.124"),
    ("created>1746057600 OR status:\"void\"", "createdAt > 2025-05-01T00:00:00Z or status = void"),
  ])
  func listAndSearchFiltersImportExactly(native: String, query: String) {
    #expect(Self.imported(native).query == query, "\(Self.imported(native).messages)")
  }

  @Test func whatNoQueryStatesIsLeftOutWithAWarningOrIsAnError() {
    // An undocumented bare timestamp, word matching, negation and money without a currency widen.
    let bare = Self.imported("status=open&created=1746057600")
    #expect(
      bare.query == "status = open" && bare.messages.contains { $0.contains("documented only for another") })
    let words = Self.imported("status:\"open\" AND number:\"A 1\" AND -customer:\"cus_1\" AND total>5")
    #expect(words.query == "status = open" && words.messages.count == 3)
    // Under OR, leaving out one alternative would narrow: the whole OR goes, and what is left is
    // the empty filter (every invoice), with a warning.
    let alternatives = Self.imported("status:\"open\" OR number:\"A\"")
    #expect(alternatives.query == "" && !alternatives.messages.isEmpty)
    // Errors: a repeated parameter, an unknown one, a mix of AND and OR, more than 10 clauses.
    #expect(Self.imported("status=open&status=paid").query == nil)
    #expect(Self.imported("amount_due=5").query == nil)
    #expect(Self.imported("status:\"open\" AND created>1 OR created<5").query == nil)
    let eleven = (0...10).map { "created>\($0)" }.joined(separator: " AND ")
    #expect(Self.imported(eleven).messages.contains("Stripe search takes at most 10 clauses"))
  }
}
