import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// elevate: `page` (from 1) and `pageSize` (1…1000) are required; the body is a bare array with no
/// total, so a short page is the last.
package struct ElevatePager: Pager {
  /// The documented maximum `pageSize`: the dialect's, so planner and pager never disagree.
  package static var maxPageSize: Int { ElevateDialect().maxPageSize }
  package let firstRequest: NativeRequest
  private var paging: ShortPagePaging

  package init(firstRequest request: NativeRequest) {
    paging = ShortPagePaging(
      request: request, sizeName: "pageSize", positionName: "page", maxPageSize: Self.maxPageSize,
      firstPosition: 1, countsItems: false)
    firstRequest = paging.apply(to: request)
  }

  package mutating func nextRequest(after page: PageMetadata) throws(PagingError) -> NativeRequest? {
    try paging.advance(itemCount: page.itemCount) ? paging.apply(to: firstRequest) : nil
  }
}
