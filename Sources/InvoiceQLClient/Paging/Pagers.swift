import Foundation
import InvoiceQL

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The registry of paging state machines, one per provider.
public enum Pagers {
  /// The providers that can be paged.
  public static let providerNames = ["rhythm", "elevate", "roadsync", "softwareone", "wethod"]

  /// A pager for `provider` starting from the plan's request for it.
  public static func pager(for provider: String, firstRequest: URLRequest) throws(PagingError) -> any Pager {
    switch provider {
    case "rhythm": return RhythmPager(firstRequest: firstRequest)
    case "elevate": return ElevatePager(firstRequest: firstRequest)
    case "roadsync": return try RoadSyncPager(firstRequest: firstRequest)
    case "softwareone": return SoftwareOnePager(firstRequest: firstRequest)
    case "wethod": return WethodPager(firstRequest: firstRequest)
    default: throw .invalidRequest("no pager for provider '\(provider)'")
    }
  }
}

/// Paging by a page-size query parameter and a position parameter that counts pages or items, ending
/// on a short page (elevate `page`/`pageSize`, wethod `offset`/`limit`).
struct ShortPagePaging: Sendable {
  let sizeName: String
  let positionName: String
  let pageSize: Int
  /// Whether the position counts items (offset) rather than pages.
  let countsItems: Bool
  private(set) var position: Int
  private(set) var pages = 1

  init(
    request: URLRequest, sizeName: String, positionName: String, maxPageSize: Int, firstPosition: Int,
    countsItems: Bool
  ) {
    self.sizeName = sizeName
    self.positionName = positionName
    self.countsItems = countsItems
    let asked = request.queryParameter(sizeName).flatMap { Int($0) } ?? maxPageSize
    pageSize = Swift.min(Swift.max(asked, 1), maxPageSize)
    position = Swift.max(
      request.queryParameter(positionName).flatMap { Int($0) } ?? firstPosition, firstPosition)
  }

  func apply(to request: URLRequest) -> URLRequest {
    request.settingQueryParameter(sizeName, to: String(pageSize))
      .settingQueryParameter(positionName, to: String(position))
  }

  /// Advances past a page of `itemCount` items; false at the end.
  mutating func advance(itemCount: Int) throws(PagingError) -> Bool {
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
