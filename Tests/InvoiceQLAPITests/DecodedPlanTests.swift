import Foundation
import InvoiceQL
import Testing

/// A plan read back from JSON finishes a body exactly as the query it was made from, and a plan that
/// cannot mean anything is an error rather than a silently wrong answer.
@Suite struct DecodedPlanTests {
  static let now = Date(timeIntervalSince1970: 1_747_310_400)  // 2025-05-15T12:00:00Z

  /// A contradiction plans to no request and a null residual; finishing a body with that plan used to
  /// keep every invoice (8 of elevate's sample) where the query keeps none.
  @Test(arguments: ["total > 5 and total < 3", "status = open and status = paid"])
  func aPlanThatCannotMatchKeepsNoInvoiceOfAnyBody(query: String) throws {
    let plan = try InvoiceQuery(query).plan(for: .elevate, now: Self.now)
    #expect(plan.requests.isEmpty)
    let decoded = try JSONDecoder().decode(QueryPlan.self, from: Data(plan.json.utf8))
    let body = Data(Provider.elevate.sample.body.utf8)
    #expect(try InvoiceFilter(query, provider: .elevate, now: Self.now).matches(in: body).isEmpty)
    #expect(try InvoiceFilter(plan: plan).matches(in: body).isEmpty)
    #expect(try InvoiceFilter(plan: decoded).matches(in: body).isEmpty)
  }

  /// A negative limit cannot come from a query; in a decoded plan it used to give an empty answer.
  @Test func aNegativeLimitInADecodedPlanIsAnError() throws {
    let text = #"{"provider": "elevate", "requests": [], "pushed": [], "residual": null, "limit": -1}"#
    let plan = try JSONDecoder().decode(QueryPlan.self, from: Data(text.utf8))
    let error = try #require(throws: QueryError.self) { try InvoiceFilter(plan: plan) }
    #expect(error.kind == .planning)
    #expect(error.message.contains("limit"))
  }

  /// A plan's residual dates are read in its `timeZone`; a zone that does not exist used to be
  /// read as UTC without a word (a Stripe `issueDate` is the date of Unix seconds in that zone).
  @Test func anUnknownTimeZoneInADecodedPlanIsAnError() throws {
    let plan = try InvoiceQuery("issueDate != 2025-05-01").plan(
      for: .stripe, now: Self.now, timeZone: try #require(TimeZone(identifier: "Asia/Tokyo")))
    var text = plan.json
    #expect(text.contains("Asia/Tokyo"))
    text = text.replacingOccurrences(of: "Asia/Tokyo", with: "Asia/Nowhere")
    let decoded = try JSONDecoder().decode(QueryPlan.self, from: Data(text.utf8))
    let error = try #require(throws: QueryError.self) { try InvoiceFilter(plan: decoded) }
    #expect(error.message.contains("Asia/Nowhere"))
  }
}
