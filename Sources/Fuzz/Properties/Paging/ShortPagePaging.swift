import InvoiceQL

/// elevate and wethod: a page number or an offset, and nothing in the body but the invoices; a
/// short page ends the listing. Each is one value of this model, in its own file.
struct ShortPagePaging: PagingModel {
  let provider: String
  let path: String
  /// Query parameters before the paging ones (a filter).
  let filter: [(name: String, value: String?)]
  /// The query parameter of the page size and of the position.
  let sizeName: String
  let positionName: String
  /// Whether the position counts pages (elevate) or invoices (an offset).
  let countsPages: Bool

  func page(itemCount: Int, kind: UInt8, value: UInt8) -> PagingPage {
    PagingPage(metadata: PageMetadata(values: [:], itemCount: itemCount))
  }

  func firstRequest(size: Int, start: Int) -> NativeRequest {
    NativeRequest(
      method: "GET", path: path, query: filter + [(sizeName, "\(size)"), (positionName, "\(start)")])
  }

  func position(_ request: NativeRequest) -> PagingPosition {
    PagingPosition(position: PagingModels.parameter(positionName, request).flatMap { Int($0) }, cursor: nil)
  }

  func pageSize(_ request: NativeRequest) -> Int? {
    PagingModels.parameter(sizeName, request).flatMap { Int($0) }
  }

  func checkNext(
    _ page: PagingPage, from request: NativeRequest, here: PagingPosition, to next: NativeRequest,
    there: PagingPosition, _ state: inout PagingState
  ) throws(PropertyViolation) {
    let step = countsPages ? 1 : page.metadata.itemCount
    guard there.position == here.position.map({ $0 + step }) else {
      throw PropertyViolation(
        countsPages
          ? "\(provider): page \(here.position ?? -1) is followed by \(there.position ?? -1)"
          : "\(provider): offset \(here.position ?? -1) + \(step) items is followed by \(there.position ?? -1)"
      )
    }
  }

  func checkEnd(_ page: PagingPage, here: PagingPosition, size: Int?, _ state: PagingState)
    throws(PropertyViolation)
  {
    let count = page.metadata.itemCount
    if let size, count >= size, count > 0 {
      throw PropertyViolation("\(provider): a full page of \(count) (size \(size)) ended the listing")
    }
  }
}
