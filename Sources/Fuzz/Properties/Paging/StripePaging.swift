import InvoiceQL

/// stripe: `limit` and `starting_after` = the last invoice's id (list), or `page` = `next_page`
/// (search), until `has_more` is false; `has_more` may be absent or not a boolean, and ids and
/// tokens may be missing, empty or repeat.
struct StripePaging: PagingModel {
  func page(itemCount: Int, kind: UInt8, value: UInt8) -> PagingPage {
    let v = Int(value % 16)
    var values: [String: JSONValue] = [:]
    // has_more: mostly true, sometimes false, absent or not a boolean; the last id (list) and
    // next_page (search) absent, empty, or one of a few values (so they repeat).
    let more: [JSONValue?] = [.bool(true), .bool(true), .bool(true), .bool(false), nil, .string("true")]
    if let m = more[Int(kind % 6)] { values["has_more"] = m }
    let token: [JSONValue?] = [.string("p\(v % 8)"), .string("p\(v % 8)"), nil, .string(""), .null]
    if let t = token[Int(kind / 6 % 5)] { values["next_page"] = t }
    let lastId = kind >= 240 ? nil : "in_\(v % 8)"
    return PagingPage(
      metadata: PageMetadata(values: values, itemCount: itemCount, lastItemId: itemCount > 0 ? lastId : nil))
  }

  var endPage: PagingPage {
    PagingPage(metadata: PageMetadata(values: ["has_more": .bool(false)], itemCount: 0))
  }

  /// The list endpoint, or (odd starts) the search endpoint.
  func firstRequest(size: Int, start: Int) -> NativeRequest {
    start % 2 == 0
      ? NativeRequest(method: "GET", path: "/v1/invoices", query: [("status", "open"), ("limit", "\(size)")])
      : NativeRequest(
        method: "GET", path: "/v1/invoices/search", query: [("query", "status:'open'"), ("limit", "\(size)")])
  }

  static func isSearch(_ request: NativeRequest) -> Bool { request.path.hasSuffix("/search") }

  /// What the pager must send back after `page`: the last id (list) or `next_page` (search).
  static func cursor(_ page: PagingPage, search: Bool) -> String? {
    guard search else { return page.metadata.lastItemId }
    if case .string(let token)? = page.metadata.values["next_page"], !token.isEmpty { return token }
    return nil
  }

  func position(_ request: NativeRequest) -> PagingPosition {
    PagingPosition(
      position: nil,
      cursor: PagingModels.parameter(Self.isSearch(request) ? "page" : "starting_after", request))
  }

  func checkNext(
    _ page: PagingPage, from request: NativeRequest, here: PagingPosition, to next: NativeRequest,
    there: PagingPosition, _ state: inout PagingState
  ) throws(PropertyViolation) {
    let sent = Self.cursor(page, search: Self.isSearch(request))
    guard page.metadata.values["has_more"] == .bool(true), let sent, there.cursor == sent,
      there.position == nil
    else {
      throw PropertyViolation("stripe: after \(page.metadata.values) the next request starts at \(there)")
    }
    state.seenCursors.insert(sent)
  }

  func checkEnd(_ page: PagingPage, here: PagingPosition, size: Int?, _ state: PagingState)
    throws(PropertyViolation)
  {
    guard page.metadata.values["has_more"] == .bool(false) else {
      throw PropertyViolation("stripe: the listing ended on a page with has_more \(page.metadata.values)")
    }
  }

  func justifies(_ error: PagingError, _ page: PagingPage, request: NativeRequest, _ state: PagingState)
    -> Bool
  {
    let search = Self.isSearch(request)
    switch error {
    case .cursorRepeated:
      guard let c = Self.cursor(page, search: search) else { return false }
      return state.seenCursors.contains(c)
    case .missingMetadata:
      guard case .bool(let more)? = page.metadata.values["has_more"] else { return true }
      return more && Self.cursor(page, search: search) == nil
    default: return false
    }
  }
}
