import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// wethod: `limit` (≤ 100) and `offset` over a bare array with no total; a short page is the last.
package struct WethodPager: Pager {
  /// The documented maximum `limit`: the dialect's, so planner and pager never disagree.
  package static var maxPageSize: Int { WethodDialect().maxPageSize }
  package let firstRequest: NativeRequest
  private var paging: ShortPagePaging

  package init(firstRequest request: NativeRequest) {
    paging = ShortPagePaging(
      request: request, sizeName: "limit", positionName: "offset", maxPageSize: Self.maxPageSize,
      firstPosition: 0, countsItems: true)
    firstRequest = paging.apply(to: request)
  }

  package mutating func nextRequest(after page: PageMetadata) throws(PagingError) -> NativeRequest? {
    try paging.advance(itemCount: page.itemCount) ? paging.apply(to: firstRequest) : nil
  }
}
