import Foundation
import InvoiceQL

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// elevate: `page` (from 1) and `pageSize` (1…1000) are required; the body is a bare array with no
/// total, so a short page is the last.
public struct ElevatePager: Pager {
  /// The documented maximum `pageSize`: the dialect's, so planner and pager never disagree.
  public static var maxPageSize: Int { ElevateDialect().maxPageSize }
  public let firstRequest: URLRequest
  private var paging: ShortPagePaging

  public init(firstRequest request: URLRequest) {
    paging = ShortPagePaging(
      request: request, sizeName: "pageSize", positionName: "page", maxPageSize: Self.maxPageSize,
      firstPosition: 1, countsItems: false)
    firstRequest = paging.apply(to: request)
  }

  public mutating func nextRequest(after page: PageMetadata) throws(PagingError) -> URLRequest? {
    try paging.advance(itemCount: page.itemCount) ? paging.apply(to: firstRequest) : nil
  }
}
