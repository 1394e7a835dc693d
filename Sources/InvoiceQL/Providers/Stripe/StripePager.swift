import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// stripe: `limit` (1…100) and `starting_after` = the id of the last invoice of the page, until
/// `has_more` is false (list endpoints: `/v1/invoices`, `/v1/invoices/{id}/lines`). A page without
/// `has_more`, a page that says more follow but holds no invoice, or a cursor that repeats is an
/// error, never a short or endless listing.
public struct StripePager: Pager {
  /// The documented maximum `limit`: the dialect's, so planner and pager never disagree.
  public static var maxPageSize: Int { StripeDialect().maxPageSize }
  public let firstRequest: NativeRequest
  private var seen: Set<String> = []

  public init(firstRequest request: NativeRequest) {
    let asked = request.queryValue("limit").flatMap { Int($0) } ?? Self.maxPageSize
    firstRequest = request.settingQueryParameter(
      "limit", to: String(Swift.min(Swift.max(asked, 1), Self.maxPageSize))
    )
    .removingQueryParameter("starting_after").removingQueryParameter("ending_before")
  }

  public mutating func nextRequest(after page: PageMetadata) throws(PagingError) -> NativeRequest? {
    guard case .bool(let more)? = page.present("has_more") else { throw .missingMetadata("has_more") }
    guard more else { return nil }
    guard let last = page.lastItemId else { throw .missingMetadata("an invoice id to continue after") }
    guard seen.insert(last).inserted else { throw .cursorRepeated(last) }
    guard seen.count < PagerLimits.maxPages else { throw .tooManyPages(PagerLimits.maxPages) }
    return firstRequest.settingQueryParameter("starting_after", to: last)
  }
}
