import Foundation
import Testing

@testable import InvoiceQL
@testable import InvoiceQLClient
@testable import InvoiceQLImport
@testable import InvoiceQLJSON
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSavedSearches
@testable import InvoiceQLSemantics
@testable import InvoiceQLStreaming
@testable import InvoiceQLSyntax

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

@Suite struct RequestRewritingTests {
  let rql = NativeRequest(
    testURL:
      "http://h/public/v1/billing/invoices?and(eq(status,Issued),lt(erpData.dueDate,%222025-05-01%22))&select=%2BerpData&limit=100&offset=0"
  )

  @Test func settingAParameterKeepsEveryOtherComponentByteForByte() throws {
    let next = rql.settingQueryParameter("offset", to: "200")
    #expect(next.url == rql.url.replacingOccurrences(of: "offset=0", with: "offset=200"))
    #expect(next.query.count == rql.query.count)
  }

  @Test func aCursorIsEncodedSoItCannotAddParameters() throws {
    let request = NativeRequest(testURL: "http://h/invoices/t/portal/contact/c?includeAllInvoices=true")
    let next = request.settingQueryParameter("exclusiveStartKey", to: "k+1&x=/ %1#é")
    #expect(next.queryText == "includeAllInvoices=true&exclusiveStartKey=k%2B1%26x%3D/%20%251%23%C3%A9")
    #expect(NativeRequest(testURL: "http://h" + next.url).queryValue("exclusiveStartKey") == "k+1&x=/ %1#é")
    #expect(next.queryValue("includeAllInvoices") == "true")
  }

  @Test func repeatedParametersCollapseToOneAndRemovalRemovesAll() {
    let request = NativeRequest(testURL: "http://h/x?page=1&a=b&page=2")
    #expect(request.settingQueryParameter("page", to: "3").queryText == "page=3&a=b")
    #expect(request.removingQueryParameter("page").queryText == "a=b")
    #expect(request.removingQueryParameter("a").removingQueryParameter("page").queryText == nil)
  }
}

@Suite struct PagerTests {
  func request(_ text: String) -> NativeRequest { NativeRequest(testURL: text) }

  @Test func elevatePagesUntilAShortPageAndClampsThePageSize() throws {
    var pager = try Provider.elevate.pager(
      startingAt: request("http://h/invoices?pageSize=5000&dueDate=lt:2025-05-01"))
    #expect(pager.firstRequest.queryValue("pageSize") == "1000")
    #expect(pager.firstRequest.queryValue("page") == "1")
    #expect(pager.firstRequest.queryValue("dueDate") == "lt:2025-05-01")
    let second = try pager.nextRequest(after: PageMetadata(itemCount: 1000))
    #expect(second?.queryValue("page") == "2")
    #expect(try pager.nextRequest(after: PageMetadata(itemCount: 999)) == nil)
  }

  @Test func wethodAdvancesItsOffsetByThePage() throws {
    var pager = try Provider.wethod.pager(startingAt: request("http://h/api/invoices?limit=2"))
    #expect(pager.firstRequest.queryText == "limit=2&offset=0")
    #expect(try pager.nextRequest(after: PageMetadata(itemCount: 2))?.queryValue("offset") == "2")
    #expect(try pager.nextRequest(after: PageMetadata(itemCount: 2))?.queryValue("offset") == "4")
    #expect(try pager.nextRequest(after: PageMetadata(itemCount: 0)) == nil)
  }

  func softwareOnePage(_ count: Int, total: Int?) -> PageMetadata {
    let pagination = total.map { JSONValue.object([JSONMember("total", .number(String($0)))]) }
    let meta = pagination.map { ["$meta": JSONValue.object([JSONMember("pagination", $0)])] } ?? [:]
    return PageMetadata(values: meta, itemCount: count)
  }

  @Test func softwareOneStopsAtTheTotalAndRejectsAShrinkingTotal() throws {
    var pager = try Provider.softwareone.pager(
      startingAt: request("http://h/i?eq(status,Paid)&limit=100&offset=0"))
    #expect(try pager.nextRequest(after: softwareOnePage(100, total: 250))?.queryValue("offset") == "100")
    #expect(throws: PagingError.totalShrank(from: 250, to: 249)) {
      try pager.nextRequest(after: softwareOnePage(100, total: 249))
    }
    var again = try Provider.softwareone.pager(startingAt: request("http://h/i?limit=100&offset=0"))
    _ = try again.nextRequest(after: softwareOnePage(100, total: 200))
    #expect(try again.nextRequest(after: softwareOnePage(100, total: 200)) == nil)
  }

  @Test func softwareOneEmptyPageBeforeTheTotalIsAShortResult() throws {
    var pager = try Provider.softwareone.pager(startingAt: request("http://h/i?limit=100"))
    _ = try pager.nextRequest(after: softwareOnePage(100, total: 300))
    #expect(throws: PagingError.shortResult(expected: 300, received: 100)) {
      try pager.nextRequest(after: softwareOnePage(0, total: 300))
    }
    var missing = try Provider.softwareone.pager(startingAt: request("http://h/i?limit=100"))
    #expect(throws: PagingError.missingMetadata("$meta.pagination.total")) {
      try missing.nextRequest(after: softwareOnePage(100, total: nil))
    }
  }

  @Test func rhythmFollowsItsKeyAndRejectsARepeat() throws {
    var pager = try Provider.rhythm.pager(
      startingAt: request("http://h/invoices/t/portal/contact/c?includeAllInvoices=true"))
    let key: [String: JSONValue] = ["LastEvaluatedKey": .string("a&b")]
    #expect(
      try pager.nextRequest(after: PageMetadata(values: key, itemCount: 3))?.queryValue(
        "exclusiveStartKey") == "a&b")
    #expect(throws: PagingError.cursorRepeated("a&b")) {
      try pager.nextRequest(after: PageMetadata(values: key, itemCount: 3))
    }
    for end: JSONValue? in [nil, .null, .string("")] {
      var fresh = try Provider.rhythm.pager(startingAt: request("http://h/x"))
      #expect(
        try fresh.nextRequest(
          after: PageMetadata(values: end.map { ["LastEvaluatedKey": $0] } ?? [:], itemCount: 3)) == nil)
    }
  }

  @Test func aRhythmKeyThatIsAnObjectGoesBackAsItsCompactJSON() throws {
    var pager = try Provider.rhythm.pager(startingAt: request("http://h/x?exclusiveStartKey=stale"))
    #expect(pager.firstRequest.queryValue("exclusiveStartKey") == nil)
    let key = JSONValue.object([JSONMember("id", .string("inv 9")), JSONMember("n", .number("1.50"))])
    let next = try pager.nextRequest(after: PageMetadata(values: ["LastEvaluatedKey": key], itemCount: 3))
    #expect(next?.queryValue("exclusiveStartKey") == #"{"id":"inv 9","n":1.50}"#)
  }

  func body(_ request: NativeRequest?) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data((request?.body ?? "").utf8)) as? [String: Any] ?? [:]
  }

  @Test func roadsyncContinuesTheSamePageAndCountsItsPiecesTogether() throws {
    var first = request("http://h/invoice/search")
    first.method = "POST"
    first.body =
      #"{"filters":[{"type":"boolean","field":"includevoided","value":"true"}],"pagination":{"ItemsPerPage":500}}"#
    var pager = try Provider.roadsync.pager(startingAt: first)
    let firstBody = try body(pager.firstRequest)
    #expect((firstBody["pagination"] as? [String: Any])?["ItemsPerPage"] as? Int == 100)
    #expect((firstBody["pagination"] as? [String: Any])?["PageNumber"] as? Int == 1)
    #expect((firstBody["filters"] as? [Any])?.count == 1)
    let continued = try pager.nextRequest(
      after: PageMetadata(
        values: [
          "continuation": .object([JSONMember("search_start", .number("1040"))]),
          "result_token": .string("t"),
        ], itemCount: 40))
    let continuedBody = try body(continued)
    #expect(continuedBody["searchStart"] as? Int == 1040)
    #expect(continuedBody["resultToken"] as? String == "t")
    #expect((continuedBody["pagination"] as? [String: Any])?["PageNumber"] as? Int == 1)
    let next = try pager.nextRequest(after: PageMetadata(itemCount: 60))
    let nextBody = try body(next)
    #expect((nextBody["pagination"] as? [String: Any])?["PageNumber"] as? Int == 2)
    #expect(nextBody["searchStart"] == nil)
    #expect(try pager.nextRequest(after: PageMetadata(itemCount: 99)) == nil)
  }

  @Test func roadsyncEmptyPageWithAContinuationIsNotTheEndButARepeatedOneIsAnError() throws {
    var first = request("http://h/invoice/search")
    first.method = "POST"
    var pager = try Provider.roadsync.pager(startingAt: first)
    let continuation: [String: JSONValue] = [
      "continuation": .object([JSONMember("search_start", .number("7"))])
    ]
    #expect(try pager.nextRequest(after: PageMetadata(values: continuation, itemCount: 0)) != nil)
    #expect(throws: PagingError.cursorRepeated("page 1, search_start 7")) {
      try pager.nextRequest(after: PageMetadata(values: continuation, itemCount: 0))
    }
  }

  @Test func roadsyncRejectsABodyThatIsNotAnObject() {
    var first = request("http://h/invoice/search")
    first.body = "[1]"
    #expect(throws: PagingError.invalidRequest("the request body is not a JSON object")) {
      try Provider.roadsync.pager(startingAt: first)
    }
  }
}

/// The requests a pager names ahead are exactly those it hands out after full pages, and none where
/// a cursor or a known end decides.
@Suite struct UpcomingRequestTests {
  /// The `page`-th full page of `size` invoices, with softwareone's total, a `has_more` and the
  /// last invoice's id (for a cursor that is the last id).
  static func fullPage(_ size: Int, total: Int, page: Int) -> PageMetadata {
    let pagination = JSONValue.object([JSONMember("total", .number(String(total)))])
    return PageMetadata(
      values: ["$meta": .object([JSONMember("pagination", pagination)]), "has_more": .bool(true)],
      itemCount: size, lastItemId: "inv_\(page)")
  }

  static func key(_ r: NativeRequest) -> String { r.method + " " + r.url + " " + (r.body ?? "") }

  @Test(arguments: Provider.all)
  func theRequestsNamedAheadAreTheOnesHandedOutAfterFullPages(provider: Provider) throws {
    let first = try FirstRequests.make(provider, pageSize: 5)
    var pager = try provider.pager(startingAt: first)
    var predicted: [String] = []
    var handedOut: [String] = []
    for page in 0..<6 {
      if predicted.isEmpty { predicted = pager.upcomingRequests(3).map(Self.key) }
      guard let next = try pager.nextRequest(after: Self.fullPage(5, total: 28, page: page)) else { break }
      handedOut.append(Self.key(next))
      if !predicted.isEmpty { #expect(predicted.removeFirst() == Self.key(next), "\(provider)") }
    }
    switch provider.name {
    case "rhythm":
      // A cursor: nothing is known ahead (these pages carry none, so the listing ends).
      #expect(pager.upcomingRequests(3).isEmpty)
    case "stripe":
      // A cursor that is the last id: each page names the next, never two ahead.
      #expect(handedOut.count == 6)
      #expect(pager.upcomingRequests(2).isEmpty)
    case "softwareone":
      // 28 invoices in pages of 5: six pages, and nothing named past offset 25.
      #expect(handedOut.count == 5)
      #expect(pager.upcomingRequests(3).isEmpty)
    default:
      #expect(handedOut.count == 6)
      #expect(pager.upcomingRequests(2).count == 2)
    }
  }

  @Test func softwareOneNamesNothingBeforeItsTotalIsKnown() throws {
    let pager = try Provider.softwareone.pager(startingAt: try FirstRequests.make(.softwareone, pageSize: 5))
    #expect(pager.upcomingRequests(3).isEmpty)
  }
}
