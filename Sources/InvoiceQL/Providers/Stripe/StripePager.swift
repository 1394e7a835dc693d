import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// stripe: `limit` (1…100) and `starting_after` = the id of the last invoice of the page, until
/// `has_more` is false (list endpoints: `/v1/invoices`, `/v1/invoices/{id}/lines`); the search
/// endpoint (`…/search`) passes each page's `next_page` back as `page` instead. A page without
/// `has_more`, a page that says more follow but gives no cursor, or a cursor that repeats is an
/// error, never a short or endless listing.
package struct StripePager: Pager {
  /// The documented maximum `limit`: the dialect's, so planner and pager never disagree.
  package static var maxPageSize: Int { StripeDialect().maxPageSize }
  package let firstRequest: NativeRequest
  private let isSearch: Bool
  private var seen: Set<String> = []

  package init(firstRequest request: NativeRequest) {
    let asked = request.queryValue("limit").flatMap { Int($0) } ?? Self.maxPageSize
    firstRequest = request.settingQueryParameter(
      "limit", to: String(Swift.min(Swift.max(asked, 1), Self.maxPageSize))
    )
    .removingQueryParameter("starting_after").removingQueryParameter("ending_before")
    .removingQueryParameter("page")
    isSearch = request.path.hasSuffix("/search")
  }

  package mutating func nextRequest(after page: PageMetadata) throws(PagingError) -> NativeRequest? {
    guard case .bool(let more)? = page.present("has_more") else { throw .missingMetadata("has_more") }
    guard more else { return nil }
    let cursor: String
    if isSearch {
      guard let token = page.present("next_page")?.cursorText, !token.isEmpty else {
        throw .missingMetadata("next_page")
      }
      cursor = token
    } else {
      guard let last = page.lastItemId else { throw .missingMetadata("an invoice id to continue after") }
      cursor = last
    }
    guard seen.insert(cursor).inserted else { throw .cursorRepeated(cursor) }
    guard seen.count < PagerLimits.maxPages else { throw .tooManyPages(PagerLimits.maxPages) }
    return firstRequest.settingQueryParameter(isSearch ? "page" : "starting_after", to: cursor)
  }
}
