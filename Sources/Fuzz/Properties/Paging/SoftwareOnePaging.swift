import InvoiceQL

/// softwareone: `limit` and `offset`, until the offset reaches `$meta.pagination.total`, which may
/// be absent, negative, a string, or shrink between pages (each a paging error).
struct SoftwareOnePaging: PagingModel {
  /// Offsets advance as wethod's do.
  let offsets = ShortPagePaging(
    provider: "softwareone", path: "/public/v1/billing/invoices", filter: [], sizeName: "limit",
    positionName: "offset", countsPages: false)

  func page(itemCount: Int, kind: UInt8, value: UInt8) -> PagingPage {
    let v = Int(value % 16)
    let totals: [JSONValue?] = [
      .number("\(v * 4)"), .number("\(v)"), nil, .string("\(v * 2)"), .number("-1"),
    ]
    guard let t = totals[Int(kind % 5)] else {
      return PagingPage(metadata: PageMetadata(values: [:], itemCount: itemCount))
    }
    var total: Int?
    if case .number(let text) = t {
      total = Int(text)
    } else if case .string(let text) = t {
      total = Int(text)
    }
    return PagingPage(metadata: Self.metadata(total: t, itemCount: itemCount), total: total)
  }

  static func metadata(total: JSONValue, itemCount: Int) -> PageMetadata {
    PageMetadata(
      values: ["$meta": .object([JSONMember("pagination", .object([JSONMember("total", total)]))])],
      itemCount: itemCount)
  }

  var endPage: PagingPage { PagingPage(metadata: Self.metadata(total: .number("0"), itemCount: 0), total: 0) }

  func firstRequest(size: Int, start: Int) -> NativeRequest {
    NativeRequest(
      method: "GET", path: "/public/v1/billing/invoices",
      query: [("eq(status,Issued)", nil), ("limit", "\(size)")])
  }

  func position(_ request: NativeRequest) -> PagingPosition { offsets.position(request) }

  func checkNext(
    _ page: PagingPage, from request: NativeRequest, here: PagingPosition, to next: NativeRequest,
    there: PagingPosition, _ state: inout PagingState
  ) throws(PropertyViolation) {
    try offsets.checkNext(page, from: request, here: here, to: next, there: there, &state)
  }

  func checkEnd(_ page: PagingPage, here: PagingPosition, size: Int?, _ state: PagingState)
    throws(PropertyViolation)
  {
    let count = page.metadata.itemCount
    guard let total = page.total, let offset = here.position, offset + count >= total else {
      throw PropertyViolation(
        "softwareone: the listing ended at \(here) + \(count) before the total \(page.total ?? -1)")
    }
  }

  func justifies(_ error: PagingError, _ page: PagingPage, request: NativeRequest, _ state: PagingState)
    -> Bool
  {
    switch error {
    case .totalShrank(let from, let to): from == state.lastTotal && to == page.total && to < from
    case .shortResult: page.metadata.itemCount == 0
    case .missingMetadata: page.total == nil || page.total! < 0
    default: false
    }
  }
}
