import InvoiceQLSimulation
import Testing

@testable import InvoiceQL
@testable import InvoiceQLImport
@testable import InvoiceQLJSON
@testable import InvoiceQLProviders
@testable import InvoiceQLSemantics
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

  /// A search on money in minor units with an `AND`-joined currency imports as the decimal amount:
  /// on invoices of every scale (JPY none, USD and ISK two decimals, KWD three) with totals one
  /// minor unit either side of the bound, the import selects exactly what the simulated search
  /// endpoint selects comparing the native integers.
  @Test(arguments: ["jpy", "usd", "isk", "kwd", "USD"])
  func aSearchOnMinorUnitsImportsExactlyAtEachCurrencysBoundary(currency: String) throws {
    let bounds = [0, 1, 99, 100, 4999, 5124, 5125, 12000, 12500]
    var invoices: [JSONValue] = []
    for (k, n) in Set(bounds.flatMap { [$0 - 1, $0, $0 + 1] }).sorted().enumerated() {
      for (j, code) in ["jpy", "usd", "isk", "kwd", "bhd", "eur"].enumerated() {
        invoices.append(
          .object([
            JSONMember("id", .string("in_\(k)_\(j)")), JSONMember("currency", .string(code)),
            JSONMember("total", .number(String(n))),
          ]))
      }
    }
    let context = BindingContext.utc(now: Instant(seconds: 1_746_057_600, fraction: ""))
    var compared = 0
    for op in [">", ">=", "<", "<="] {
      for bound in bounds {
        let native = "currency:\"\(currency)\" AND total\(op)\(bound)"
        let result = Provider.stripe.importFilter(native)
        let query = try #require(result.query, "\(native): \(result.diagnostics.map(\.message))")
        #expect(result.diagnostics.isEmpty, "\(native)")
        let bound = try Binder.bind(query, catalog: Provider.stripe.catalog, context: context)
        let request = NativeRequest(
          method: "GET", path: "/v1/invoices/search", query: [("query", native), ("limit", "100")],
          headers: ["Stripe-Version": StripeCatalog.defaultVersion])
        let selected = try StripeServer().answer(ParsedRequest(request), invoices, .literal, settings: [:])
        let imported = invoices.filter { ReferenceEvaluator.matches(bound.filter, on: $0) }
        #expect(imported == selected, "\(native) → \(Formatter.format(query))")
        compared += selected.count
      }
    }
    #expect(compared > 100)
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

  /// A search query copied from a URL is form-encoded: Stripe reads a bare `+` as a space (its
  /// examples send the query with `curl --data-urlencode`, which writes spaces so) and `%2B` as a
  /// plus. Read as a plus, `+OR+` was glued into a clause left out "so the query matches more
  /// invoices", and the OR of two statuses imported as one of them: fewer invoices, not more.
  @Test func aBarePlusInTheQueryParameterIsASpace() {
    for native in [
      #"query=status:"open"+OR+status:"paid""#, "query=status%3A%22open%22+OR+status%3A%22paid%22",
      #"query=status:"open"%20OR%20status:"paid""#,
    ] {
      let r = Self.imported(native)
      #expect(r.query == "status = open or status = paid" && r.messages.isEmpty, "\(native): \(r)")
    }
    let money = Self.imported("query=total%3E%3D1000+AND+currency%3A%22usd%22")
    #expect(money.query == "total >= 10 and currency = usd" && money.messages.isEmpty, "\(money)")
    // `%2B` is a plus, inside a value as anywhere.
    let plus = Self.imported(#"query=metadata["k"]:"a%2Bb"+AND+status:"open""#)
    #expect(
      plus.query == #"metadata.k startswith "a+b" and metadata.k endswith "a+b" and status = open"#,
      "\(plus)")
  }

  /// Any white space separates clauses: a tab or a line break read as a letter glued `OR` into a
  /// clause that was left out as if AND-joined, so the OR of two statuses imported as one of them.
  @Test func tabsAndLineBreaksSeparateSearchClauses() {
    for native in [
      "status:\"open\"\tOR\tstatus:\"paid\"", #"query=status:"open"%0AOR%0Astatus:"paid""#,
      "status:\"open\"\r\nOR status:\"paid\"",
    ] {
      let r = Self.imported(native)
      #expect(r.query == "status = open or status = paid" && r.messages.isEmpty, "\(native): \(r)")
    }
  }
}
