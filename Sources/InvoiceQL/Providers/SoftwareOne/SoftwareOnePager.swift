import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// softwareone: `limit` (≤ 100) and `offset` against `$meta.pagination.total`. The listing ends when
/// the offset reaches the total; a total that shrinks, or an empty page before the total is reached,
/// is an error (invoices could have been skipped).
package struct SoftwareOnePager: Pager {
  /// The documented maximum `limit`: the dialect's, so planner and pager never disagree.
  package static var maxPageSize: Int { SoftwareOneDialect().maxPageSize }
  package let firstRequest: NativeRequest
  private let pageSize: Int
  package var offset: Int
  private var lastTotal: Int?
  private var pages = 1

  package init(firstRequest request: NativeRequest) {
    let asked = request.queryValue("limit").flatMap { Int($0) } ?? Self.maxPageSize
    pageSize = Swift.min(Swift.max(asked, 1), Self.maxPageSize)
    offset = Swift.max(request.queryValue("offset").flatMap { Int($0) } ?? 0, 0)
    firstRequest = request.settingQueryParameter("limit", to: String(pageSize))
      .settingQueryParameter("offset", to: String(offset))
  }

  package mutating func nextRequest(after page: PageMetadata) throws(PagingError) -> NativeRequest? {
    guard let total = page.present("$meta", "pagination", "total")?.integerValue, total >= 0 else {
      throw .missingMetadata("$meta.pagination.total")
    }
    if let lastTotal, total < lastTotal { throw .totalShrank(from: lastTotal, to: total) }
    lastTotal = total
    let (next, overflow) = offset.addingReportingOverflow(page.itemCount)
    guard !overflow else { throw .tooManyPages(pages) }
    if next >= total { return nil }
    if page.itemCount == 0 { throw .shortResult(expected: total, received: offset) }
    guard pages < PagerLimits.maxPages else { throw .tooManyPages(PagerLimits.maxPages) }
    offset = next
    pages += 1
    return firstRequest.settingQueryParameter("offset", to: String(offset))
  }
}
