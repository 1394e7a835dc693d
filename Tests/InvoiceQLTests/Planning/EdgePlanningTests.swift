import Foundation
import Testing

@testable import InvoiceQL
@testable import InvoiceQLImport
@testable import InvoiceQLJSON
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSavedSearches
@testable import InvoiceQLSemantics
@testable import InvoiceQLStreaming
@testable import InvoiceQLSyntax

/// Plans at the edges random differential testing found wrong: constants inside quantifiers, bounds
/// widened past the calendar, values the API documents as impossible.
@Suite struct EdgePlanningTests {
  static let settings: [String: [String: String]] = [
    "rhythm": ["tenantId": "t", "portalContactId": "c"],
    "wethod": ["company": "acme", "version": "2024-06-15"],
  ]

  static func plan(_ text: String, _ provider: String, zone: String = "UTC") throws -> Plan {
    let catalog = BinderFixture.catalog(provider)
    let tz = try #require(TimeZone(identifier: zone))
    let context = BindingContext(now: BinderFixture.now, timeZone: tz)
    let bound = try Binder.bind(try Parser.parse(text), catalog: catalog, context: context, source: text)
    return try Planner.plan(bound, provider: provider, settings: settings[provider] ?? [:])
  }

  /// The residual's text bound again on the provider (UTC: a residual holds no relative dates).
  static func rebound(_ plan: Plan) throws -> BoundExpression {
    let text = try #require(plan.residualText)
    return try Binder.bind(
      try Parser.parse(text), catalog: BinderFixture.catalog(plan.provider), context: BinderFixture.utc,
      source: text
    ).filter
  }

  static func invoice(_ json: String) throws -> JSONValue { try JSONValue(parsing: json) }

  @Test func aContradictionInsideAllReadsNoElementsAndBindsOnTheElement() throws {
    let plan = try Self.plan("all(line_items, quantity > 5 and quantity < 3)", "rhythm")
    #expect(plan.residualText == "all(line_items, amount_paid is null and amount_paid is not null)")
    let residual = try Self.rebound(plan)
    let cases: [(String, Truth)] = [
      (#"{"id": "a"}"#, .true), (#"{"id": "a", "line_items": []}"#, .true),
      (#"{"id": "a", "line_items": null}"#, .true), (#"{"id": "a", "line_items": [{}]}"#, .false),
      (#"{"id": "a", "line_items": [5]}"#, .false), (#"{"id": "a", "line_items": "x"}"#, .unknown),
    ]
    for (json, truth) in cases {
      let inv = try Self.invoice(json)
      #expect(ReferenceEvaluator.evaluate(residual, on: inv) == truth, "\(json)")
      #expect(ReferenceEvaluator.evaluate(try #require(plan.residual), on: inv) == truth, "\(json)")
    }
  }

  @Test func aTautologyInsideAnyReadsSomeElementAndBindsOnTheElement() throws {
    let plan = try Self.plan(
      "any(custom_field_values, file_url_value is null or file_url_value is not null)", "rhythm")
    #expect(
      plan.residualText == "any(custom_field_values, boolean_value is null or boolean_value is not null)")
    let residual = try Self.rebound(plan)
    for (json, truth) in [
      (#"{"id": "a"}"#, Truth.false), (#"{"id": "a", "custom_field_values": []}"#, .false),
      (#"{"id": "a", "custom_field_values": [{"x": 1}]}"#, .true),
      (#"{"id": "a", "custom_field_values": 1}"#, .unknown),
    ] {
      #expect(ReferenceEvaluator.evaluate(residual, on: try Self.invoice(json)) == truth, "\(json)")
    }
    // Nested: the inner scope's field is the nested element's.
    let nested = try Self.plan(
      "any(line_items, all(related_transactions, amount > 1 and amount < 0))", "rhythm")
    #expect(
      nested.residualText
        == "any(line_items, all(related_transactions, amount is null and amount is not null))")
    _ = try Self.rebound(nested)
  }

  @Test func boundsPastTheCalendarAreNotSent() throws {
    let cases: [(String, String, String)] = [
      ("elevate", "dueDate <= 9999-12-31", "/invoices?page=1&pageSize=1000"),
      (
        "elevate", "issueDate in (2025-01-01, 0001-01-01)",
        "/invoices?invoiceDate=lt:2025-01-02&page=1&pageSize=1000"
      ),
      ("wethod", "issueDate >= 0001-01-01", "/api/invoices?limit=100&offset=0"),
      (
        "wethod", "issueDate in (0001-01-01, 2025-01-01)",
        "/api/invoices?issue_date=lt:2025-01-02&limit=100&offset=0"
      ),
      ("wethod", "updatedAt >= 0001-01-02", "/api/invoices?limit=100&offset=0"),
      ("wethod", "updatedAt <= 9999-12-29", "/api/invoices?limit=100&offset=0"),
      (
        "softwareone", "dueDate <= 9999-12-31",
        "/public/v1/billing/invoices?select=%2BerpData&limit=100&offset=0"
      ),
      (
        "softwareone", "dueDate >= 0001-01-01 and dueDate < 2025-01-01",
        "/public/v1/billing/invoices?lt(erpData.dueDate,%222025-01-02T00:00:00.000Z%22)&select=%2BerpData&limit=100&offset=0"
      ),
      (
        "softwareone", "createdAt <= 9999-12-31T23:59:59.9995Z",
        "/public/v1/billing/invoices?select=%2Baudit&limit=100&offset=0"
      ),
    ]
    for (provider, query, url) in cases {
      let plan = try Self.plan(query, provider)
      #expect(plan.requests.first?.url == url, "\(provider): \(query)")
      #expect(plan.residualText != nil, "\(provider): \(query)")
    }
    let roadsync = try Self.plan("createdAt >= 0001-01-01 and createdAt <= 9999-12-31", "roadsync")
    #expect(
      roadsync.requests.first?.body
        == #"{"filters": [{"type": "boolean", "field": "includevoided", "value": "true"}], "pagination": {"ItemsPerPage": 100, "PageNumber": 1}}"#
    )
  }

  /// The whole-day rule in a zone far from UTC puts a day at the calendar's edge outside it in
  /// UTC: the residual writes that instant at an offset, so it still reads back.
  @Test func instantsBeyondTheCalendarInUTCArePrintedAtAnOffset() throws {
    let west = try Self.plan("createdAt <= 9999-12-31", "roadsync", zone: "Etc/GMT+12")
    #expect(west.residualText == "createdAt < 9999-12-31T23:00:00-13:00")
    let east = try Self.plan("createdAt >= 0001-01-01T00:00:00+14:00", "roadsync")
    #expect(east.residualText == "createdAt >= 0001-01-01T00:00:00+14:00")
    for plan in [west, east] {
      let residual = try #require(plan.residual)
      #expect(try Self.rebound(plan) == residual)
    }
  }

  @Test func valuesTheAPIDocumentsAsImpossibleAreNotSent() throws {
    for value in ["0", "-7", "0 or project_id = 5"] {
      let plan = try Self.plan("project_id = \(value)", "wethod")
      #expect(plan.requests.first?.url == "/api/invoices?limit=100&offset=0", "\(value)")
      #expect(plan.residualText != nil)
      #expect(plan.decisions.first?.reason.contains("never sent") == true, "\(value)")
    }
    let valid = try Self.plan("project_id = 1", "wethod")
    #expect(valid.requests.first?.url == "/api/invoices?project_id=1&limit=100&offset=0")
    #expect(valid.residualText == nil)
  }
}
