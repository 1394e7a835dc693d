import Testing

@testable import InvoiceQL
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSemantics
@testable import InvoiceQLSyntax

/// Which sorts go to the server, what the request says, and how the plan explains it.
@Suite struct SortPushdownTests {
  static let context = BindingContext.utc(now: Instant(seconds: 1_750_000_000, fraction: ""))

  static func plan(_ provider: Provider, _ text: String) throws -> Plan {
    let bound = try Binder.bind(
      try Parser.parse(text), catalog: provider.catalog, context: context, source: text)
    return try provider.plan(bound, settings: ["tenantId": "t", "portalContactId": "c", "company": "a"])
  }

  @Test func withNothingLeftOnTheClientTheSortIsTheServersAndTheLimitThePageSize() throws {
    let plan = try Self.plan(.elevate, "customerId = 7 sort by dueDate desc limit 3")
    #expect(plan.sortPushed && plan.limitPushed)
    #expect(plan.requests.first?.url == "/invoices?customerId=7&sort=dueDate:desc,id&page=1&pageSize=3")
    #expect(plan.explanation.contains("  sort: by the server\n      why: the server sorts by dueDate"))
    #expect(plan.explanation.contains("  limit 3: page size cut on the server\n      why: nothing is left"))
  }

  /// The issue's example: a residual no longer keeps the sort on the client; pages stay full-size.
  @Test func aResidualKeepsTheSortPushedButTheLimitOnTheClient() throws {
    let elevate = try Self.plan(.elevate, "total > 100 sort by issueDate desc limit 3")
    #expect(elevate.sortPushed && !elevate.limitPushed)
    #expect(elevate.requests.first?.url == "/invoices?sort=invoiceDate:desc,id&page=1&pageSize=1000")
    #expect(elevate.explanation.contains("limit 3: on the client\n      why: the residual is checked"))
    let softwareone = try Self.plan(
      .softwareone, "total > 100 and status = paid sort by createdAt desc limit 3")
    #expect(softwareone.sortPushed && !softwareone.limitPushed)
    #expect(softwareone.requests.first?.queryValue("order") == "-audit.created.at,id")
    #expect(softwareone.requests.first?.queryValue("select")?.contains("+audit") == true)
  }

  @Test func anAmbiguousOrderStaysOnTheClientAndSaysWhy() throws {
    let cases: [(Provider, String, String)] = [
      (.elevate, "customerId = 7 sort by number limit 3", "how the server collates text"),
      (.softwareone, "total > 1 sort by dueDate limit 3", "may differ from the query's"),
      (.elevate, "customerId = 7 sort by createdDate limit 3", "may differ from the query's"),
      (.elevate, "customerId = 7 sort by total", "no limit: every match is read anyway"),
      (.rhythm, "total > 1 sort by total limit 3", "the API does not sort its listing"),
      (.wethod, "value > 1 sort by value limit 3", "the API does not sort its listing"),
    ]
    for (provider, text, why) in cases {
      let plan = try Self.plan(provider, text)
      #expect(!plan.sortPushed && !plan.limitPushed, "\(text)")
      #expect(plan.sortReason.contains(why), "\(text): \(plan.sortReason)")
      #expect(plan.explanation.contains("sort: on the client"))
      #expect(
        plan.requests.first.map { $0.queryValue("sort") == nil && $0.queryValue("order") == nil } == true)
    }
  }

  /// A dialect whose API lists in one order only (Stripe: newest first) pushes exactly that order,
  /// writing nothing.
  @Test func aNaturalOrderIsPushedOnlyForThatOrder() throws {
    let catalog = Provider.elevate.catalog
    let sorting = SortCapability(fields: [], naturalOrder: [.init(["dueDate"], descending: true)])
    let field = BoundField(path: ["dueDate"], type: .date, name: "dueDate")
    let newestFirst = SortDecision.decide(
      [BoundSortKey(field: field, descending: true)], limit: 5, sorting: sorting, catalog: catalog)
    #expect(newestFirst.pushed && newestFirst.keys == nil)
    let oldestFirst = SortDecision.decide(
      [BoundSortKey(field: field, descending: false)], limit: 5, sorting: sorting, catalog: catalog)
    #expect(!oldestFirst.pushed)
    #expect(oldestFirst.reason == "the API lists only by dueDate desc, not by dueDate")
  }

  @Test func fieldsAskedForBecomeTheProjectionWithWhatTheClientReads() throws {
    let bound = try Binder.bind(
      try Parser.parse("status = paid sort by dueDate limit 2"), catalog: Provider.rhythm.catalog,
      context: Self.context, source: "")
    let fields = try FieldSelection.parse("total, line_items.product_id", catalog: Provider.rhythm.catalog)
    let plan = try Provider.rhythm.plan(
      bound, settings: ["tenantId": "t", "portalContactId": "c"], fields: fields)
    #expect(plan.requests.first?.queryValue("fields") == "id,date_due,line_items,status,total")
    #expect(plan.json().contains(#""fields": ["total", "line_items.product_id"]"#))
    #expect(throws: FieldSelectionError.self) {
      try FieldSelection.parse("total,", catalog: Provider.rhythm.catalog)
    }
  }
}
