import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// Paging by a page-size query parameter and a position parameter that counts pages or items, ending
/// on a short page (elevate `page`/`pageSize`, wethod `offset`/`limit`).
package struct ShortPagePaging: Sendable {
  let sizeName: String
  let positionName: String
  let pageSize: Int
  /// Whether the position counts items (offset) rather than pages.
  let countsItems: Bool
  private(set) var position: Int
  private(set) var pages = 1

  package init(
    request: NativeRequest, sizeName: String, positionName: String, maxPageSize: Int, firstPosition: Int,
    countsItems: Bool
  ) {
    self.sizeName = sizeName
    self.positionName = positionName
    self.countsItems = countsItems
    let asked = request.queryValue(sizeName).flatMap { Int($0) } ?? maxPageSize
    pageSize = Swift.min(Swift.max(asked, 1), maxPageSize)
    position = Swift.max(request.queryValue(positionName).flatMap { Int($0) } ?? firstPosition, firstPosition)
  }

  package func apply(to request: NativeRequest) -> NativeRequest {
    request.settingQueryParameter(sizeName, to: String(pageSize))
      .settingQueryParameter(positionName, to: String(position))
  }

  /// `request` at each of the `count` positions after the current one, assuming full pages.
  package func upcoming(_ request: NativeRequest, _ count: Int) -> [NativeRequest] {
    let step = countsItems ? pageSize : 1
    var out: [NativeRequest] = []
    var next = position
    for _ in 0..<Swift.max(count, 0) {
      let (value, overflow) = next.addingReportingOverflow(step)
      guard !overflow, pages + out.count < PagerLimits.maxPages else { break }
      next = value
      out.append(
        request.settingQueryParameter(sizeName, to: String(pageSize))
          .settingQueryParameter(positionName, to: String(next)))
    }
    return out
  }

  /// Advances past a page of `itemCount` items; false at the end.
  package mutating func advance(itemCount: Int) throws(PagingError) -> Bool {
    guard itemCount > 0, itemCount >= pageSize else { return false }
    guard pages < PagerLimits.maxPages else { throw .tooManyPages(PagerLimits.maxPages) }
    let step = countsItems ? itemCount : 1
    let (next, overflow) = position.addingReportingOverflow(step)
    guard !overflow else { throw .tooManyPages(pages) }
    position = next
    pages += 1
    return true
  }
}
