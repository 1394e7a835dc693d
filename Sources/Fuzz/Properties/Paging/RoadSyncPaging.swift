import InvoiceQL

/// roadsync: `PageNumber` and `ItemsPerPage` in the body; a page may come in continuation pieces
/// (`continuation.search_start`, sent back as `searchStart` for the same page number), and may
/// report a smaller page size of its own.
struct RoadSyncPaging: PagingModel {
  func page(itemCount: Int, kind: UInt8, value: UInt8) -> PagingPage {
    let v = Int(value % 16)
    var values: [String: JSONValue] = [:]
    var cursor: JSONValue?
    if kind % 4 == 1 {
      let start = JSONValue.number("\(v % 4)")
      cursor = start
      values["continuation"] = .object([JSONMember("search_start", start)])
      if value >= 128 { values["result_token"] = .string("t\(v % 2)") }
    }
    if kind % 8 == 6 { values["pagination"] = .object([JSONMember("ItemsPerPage", .number("\(v)"))]) }
    return PagingPage(metadata: PageMetadata(values: values, itemCount: itemCount), cursor: cursor)
  }

  func firstRequest(size: Int, start: Int) -> NativeRequest {
    NativeRequest(
      method: "POST", path: "/invoice/search", query: [],
      body: #"{"filters":[],"pagination":{"ItemsPerPage":\#(size),"PageNumber":\#(start)}}"#)
  }

  func position(_ request: NativeRequest) -> PagingPosition {
    let body = request.body.flatMap { try? JSONValue(parsing: $0) }
    let page = body?["pagination"]?["PageNumber"].flatMap { v -> Int? in
      if case .number(let t) = v { return Int(t) }
      return nil
    }
    return PagingPosition(position: page, cursor: body?["searchStart"]?.compactText)
  }

  func pageSize(_ request: NativeRequest) -> Int? {
    guard
      case .number(let n)? = request.body.flatMap({ try? JSONValue(parsing: $0) })?["pagination"]?[
        "ItemsPerPage"]
    else { return nil }
    return Int(n)
  }

  func checkNext(
    _ page: PagingPage, from request: NativeRequest, here: PagingPosition, to next: NativeRequest,
    there: PagingPosition, _ state: inout PagingState
  ) throws(PropertyViolation) {
    if let continuation = page.cursor {
      guard there.position == here.position, there.cursor == continuation.compactText else {
        throw PropertyViolation("roadsync: continuation \(continuation) went back as \(there)")
      }
      state.piecesOfPage.insert(PagingModels.key(next))
      state.pieceItems += page.metadata.itemCount
    } else {
      guard there.position == here.position.map({ $0 + 1 }), there.cursor == nil else {
        throw PropertyViolation("roadsync: page \(here) is followed by \(there)")
      }
      state.piecesOfPage = []
      state.pieceItems = 0
    }
  }

  func checkEnd(_ page: PagingPage, here: PagingPosition, size: Int?, _ state: PagingState)
    throws(PropertyViolation)
  {
    if page.cursor != nil { throw PropertyViolation("roadsync: the listing ended with a continuation") }
    // A page is full at the requested size, or at the smaller size the page itself reports.
    var full = size ?? 100
    if case .number(let n)? = page.metadata.values["pagination"]?["ItemsPerPage"], let reported = Int(n) {
      full = min(full, max(reported, 1))
    }
    let items = state.pieceItems + page.metadata.itemCount
    if items > 0, items >= full {
      throw PropertyViolation("roadsync: a full page of \(items) (size \(full)) ended the listing")
    }
  }

  func justifies(_ error: PagingError, _ page: PagingPage, request: NativeRequest, _ state: PagingState)
    -> Bool
  {
    guard case .cursorRepeated = error else { return false }
    return page.cursor != nil && !state.piecesOfPage.isEmpty
  }
}
