import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// roadsync: `POST /invoice/search` pages through the body's `pagination{ItemsPerPage, PageNumber}`
/// (≤ 100 per page). A search that timed out answers with `continuation.search_start` (and maybe
/// `result_token`): the same page is asked again with `searchStart`/`resultToken`, and a short or
/// empty answer is not the end while a continuation is present. The items of every piece of a page
/// are counted together, so a page split by continuations is never mistaken for a short one.
public struct RoadSyncPager: Pager {
  /// The documented maximum `ItemsPerPage`.
  public static let maxPageSize = 100
  public let firstRequest: URLRequest
  private let baseBody: [String: AnySendableJSON]
  private let itemsPerPage: Int
  private var pageNumber: Int
  private var piecesItemCount = 0
  private var seenContinuations: Set<String> = []
  private var pages = 1

  public init(firstRequest request: URLRequest) throws(PagingError) {
    var body = try request.jsonObjectBody()
    let pagination = body["pagination"] as? [String: Any] ?? [:]
    let asked = (pagination["ItemsPerPage"] as? NSNumber)?.intValue ?? Self.maxPageSize
    itemsPerPage = Swift.min(Swift.max(asked, 1), Self.maxPageSize)
    pageNumber = Swift.max((pagination["PageNumber"] as? NSNumber)?.intValue ?? 1, 1)
    body["searchStart"] = nil
    body["resultToken"] = nil
    var base: [String: AnySendableJSON] = [:]
    for (key, value) in body { base[key] = AnySendableJSON(value) }
    var pages: [String: AnySendableJSON] = [:]
    for (key, value) in pagination where key != "TotalItems" && key != "TotalPages" {
      pages[key] = AnySendableJSON(value)
    }
    base["pagination"] = AnySendableJSON(pages.mapValues(\.value))
    baseBody = base
    var first = try Self.request(request, body: base, itemsPerPage: itemsPerPage, page: pageNumber)
    if first.httpMethod == nil || first.httpMethod == "GET" { first.httpMethod = "POST" }
    firstRequest = first
  }

  public mutating func nextRequest(after page: PageSummary) throws(PagingError) -> URLRequest? {
    piecesItemCount += page.itemCount
    if let start = page.value("continuation", "search_start") {
      let token = page.value("result_token")?.cursorText
      let cursor =
        "page \(pageNumber), search_start \(start.cursorText ?? "?")" + (token.map { ", token \($0)" } ?? "")
      guard seenContinuations.insert(cursor).inserted else { throw .cursorRepeated(cursor) }
      guard seenContinuations.count <= PagerLimits.maxContinuationsPerPage else {
        throw .tooManyPages(PagerLimits.maxContinuationsPerPage)
      }
      var body = baseBody
      body["searchStart"] = AnySendableJSON(
        start.integerValue.map { NSNumber(value: $0) } ?? (start.cursorText ?? ""))
      if let token { body["resultToken"] = AnySendableJSON(token) }
      return try Self.request(firstRequest, body: body, itemsPerPage: itemsPerPage, page: pageNumber)
    }
    let reported = page.value("pagination", "ItemsPerPage")?.integerValue
    let size = Swift.min(itemsPerPage, Swift.max(reported ?? itemsPerPage, 1))
    let count = piecesItemCount
    piecesItemCount = 0
    seenContinuations = []
    guard count > 0, count >= size else { return nil }
    guard pages < PagerLimits.maxPages else { throw .tooManyPages(PagerLimits.maxPages) }
    pageNumber += 1
    pages += 1
    return try Self.request(firstRequest, body: baseBody, itemsPerPage: itemsPerPage, page: pageNumber)
  }

  private static func request(
    _ request: URLRequest, body: [String: AnySendableJSON], itemsPerPage: Int, page: Int
  ) throws(PagingError) -> URLRequest {
    var object = body.mapValues(\.value)
    var pagination = object["pagination"] as? [String: Any] ?? [:]
    pagination["ItemsPerPage"] = itemsPerPage
    pagination["PageNumber"] = page
    object["pagination"] = pagination
    return try request.settingJSONBody(object)
  }
}

/// A JSONSerialization value held in a Sendable struct (it is only ever read, never mutated).
struct AnySendableJSON: @unchecked Sendable {
  let value: Any
  init(_ value: Any) { self.value = value }
}
