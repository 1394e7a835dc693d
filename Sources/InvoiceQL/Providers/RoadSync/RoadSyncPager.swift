import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// roadsync: `POST /invoice/search` pages through the body's `pagination{ItemsPerPage, PageNumber}`
/// (≤ 100 per page). A search that timed out answers with `continuation.search_start` (and maybe
/// `result_token`): the same page is asked again with `searchStart`/`resultToken`, and a short or
/// empty answer is not the end while a continuation is present. The items of every piece of a page
/// are counted together, so a page split by continuations is never mistaken for a short one.
package struct RoadSyncPager: Pager {
  /// The documented maximum `ItemsPerPage`: the dialect's, so planner and pager never disagree.
  package static var maxPageSize: Int { RoadSyncDialect().maxPageSize }
  package let firstRequest: NativeRequest
  /// The plan's body with `searchStart`/`resultToken` removed; members keep the planner's order.
  private let baseBody: JSONValue
  private let itemsPerPage: Int
  private var pageNumber: Int
  private var piecesItemCount = 0
  private var seenContinuations: Set<String> = []
  private var pages = 1

  package init(firstRequest request: NativeRequest) throws(PagingError) {
    var body = JSONValue.object([])
    if let text = request.body, !text.isEmpty {
      guard let parsed = try? JSONValue(parsing: text), case .object = parsed else {
        throw .invalidRequest("the request body is not a JSON object")
      }
      body = parsed
    }
    let pagination = body["pagination"]
    let asked = pagination?["ItemsPerPage"]?.integerValue ?? Self.maxPageSize
    itemsPerPage = Swift.min(Swift.max(asked, 1), Self.maxPageSize)
    pageNumber = Swift.max(pagination?["PageNumber"]?.integerValue ?? 1, 1)
    baseBody = body.removing("searchStart").removing("resultToken")
    var first = Self.request(request, body: baseBody, itemsPerPage: itemsPerPage, page: pageNumber)
    if first.method.isEmpty || first.method == "GET" { first.method = "POST" }
    firstRequest = first
  }

  package mutating func nextRequest(after page: PageMetadata) throws(PagingError) -> NativeRequest? {
    piecesItemCount += page.itemCount
    if let start = page.present("continuation", "search_start") {
      let token = page.present("result_token")
      let cursor =
        "page \(pageNumber), search_start \(start.compactText)"
        + (token.map { ", token \($0.compactText)" } ?? "")
      guard seenContinuations.insert(cursor).inserted else { throw .cursorRepeated(cursor) }
      guard seenContinuations.count <= PagerLimits.maxContinuationsPerPage else {
        throw .tooManyPages(PagerLimits.maxContinuationsPerPage)
      }
      var body = baseBody.setting("searchStart", to: start)
      if let token { body = body.setting("resultToken", to: token) }
      return Self.request(firstRequest, body: body, itemsPerPage: itemsPerPage, page: pageNumber)
    }
    let reported = page.present("pagination", "ItemsPerPage")?.integerValue
    let size = Swift.min(itemsPerPage, Swift.max(reported ?? itemsPerPage, 1))
    let count = piecesItemCount
    piecesItemCount = 0
    seenContinuations = []
    guard count > 0, count >= size else { return nil }
    guard pages < PagerLimits.maxPages else { throw .tooManyPages(PagerLimits.maxPages) }
    pageNumber += 1
    pages += 1
    return Self.request(firstRequest, body: baseBody, itemsPerPage: itemsPerPage, page: pageNumber)
  }

  /// `request` with `body`, its `pagination` set to this page (other pagination members, such as
  /// a sort column, are kept; the request-side totals are dropped).
  private static func request(_ request: NativeRequest, body: JSONValue, itemsPerPage: Int, page: Int)
    -> NativeRequest
  {
    var pagination = body["pagination"] ?? .object([])
    if case .object = pagination {} else { pagination = .object([]) }
    pagination = pagination.removing("TotalItems").removing("TotalPages")
      .setting("ItemsPerPage", to: .number(String(itemsPerPage)))
      .setting("PageNumber", to: .number(String(page)))
    var copy = request
    copy.body = body.setting("pagination", to: pagination).compactText
    return copy
  }
}

extension JSONValue {
  /// This object with member `key` set to `value` (in place of the first member of that name,
  /// later duplicates dropped; appended when absent). Not an object: returned unchanged.
  fileprivate func setting(_ key: String, to value: JSONValue) -> JSONValue {
    guard case .object(let members) = self else { return self }
    var out: [JSONMember] = []
    var replaced = false
    for member in members {
      if member.key == key {
        if !replaced { out.append(JSONMember(key, value)) }
        replaced = true
      } else {
        out.append(member)
      }
    }
    if !replaced { out.append(JSONMember(key, value)) }
    return .object(out)
  }

  fileprivate func removing(_ key: String) -> JSONValue {
    guard case .object(let members) = self else { return self }
    return .object(members.filter { $0.key != key })
  }
}
