import InvoiceQL

/// wethod: `limit` and `offset`; a short page ends the listing.
struct WethodPaging: PagingModel {
  let model = ShortPageModel(
    provider: "wethod", sizeName: "limit", positionName: "offset", countsPages: false)

  func page(itemCount: Int, kind: UInt8, value: UInt8) -> PagingPage { model.page(itemCount: itemCount) }

  func firstRequest(size: Int, start: Int) -> NativeRequest {
    NativeRequest(
      method: "GET", path: "/api/invoices", query: [("limit", "\(size)"), ("offset", "\(start)")])
  }

  func position(_ request: NativeRequest) -> PagingPosition { model.position(request) }
  func pageSize(_ request: NativeRequest) -> Int? { model.pageSize(request) }

  func checkNext(
    _ page: PagingPage, from request: NativeRequest, here: PagingPosition, to next: NativeRequest,
    there: PagingPosition, _ state: inout PagingState
  ) throws(PropertyViolation) {
    try model.checkNext(page, here: here, there: there)
  }

  func checkEnd(_ page: PagingPage, here: PagingPosition, size: Int?, _ state: PagingState)
    throws(PropertyViolation)
  {
    try model.checkEnd(page, size: size)
  }
}
