import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

extension PageMetadata {
  /// The value at `path` from the top of the body, with JSON `null` read as absent (a cursor that
  /// is null ends the listing like a missing one).
  package func present(_ path: String...) -> JSONValue? {
    guard let value = value(at: path), value != .null else { return nil }
    return value
  }
}

/// The paging state machine of one provider: given the page just read, the next request or the end.
///
/// Pure: it sees only the plan's `NativeRequest` and each page's metadata, no I/O and no URL types,
/// so every provider's paging is tested without a server, and a fault (a cursor that repeats, a total
/// that shrinks) is a typed error, never an endless loop or a short result. The client only drives it.
package protocol Pager: Sendable {
  /// The request for the first page: the plan's request with page size and start filled in.
  var firstRequest: NativeRequest { get }
  /// The request for the next page, or nil when `page` was the last.
  mutating func nextRequest(after page: PageMetadata) throws(PagingError) -> NativeRequest?
}

/// The pages do not add up; continuing could loop forever or lose invoices.
package enum PagingError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A cursor (rhythm `LastEvaluatedKey`, roadsync continuation) came back a second time.
  case cursorRepeated(String)
  /// softwareone's `$meta.pagination.total` went down between pages: invoices may have been skipped.
  case totalShrank(from: Int, to: Int)
  /// The server reported `total` invoices but stopped sending them after `received`.
  case shortResult(expected: Int, received: Int)
  /// A page required to page this provider was missing from its envelope.
  case missingMetadata(String)
  /// A page's body was byte-for-byte the previous page's: the server ignores the paging parameters.
  case pageRepeated(page: Int)
  /// More pages than any real listing has (`PagerLimits.maxPages`).
  case tooManyPages(Int)
  /// The plan's first request cannot be paged (e.g. a body that is not a JSON object).
  case invalidRequest(String)

  package var description: String {
    switch self {
    case .cursorRepeated(let cursor): "the paging cursor \(cursor) repeated"
    case .totalShrank(let from, let to): "the reported total shrank from \(from) to \(to) while paging"
    case .shortResult(let expected, let received):
      "the server reported \(expected) invoices but sent only \(received)"
    case .missingMetadata(let name): "the page has no \(name)"
    case .pageRepeated(let page): "page \(page) repeated the previous page: the server ignores paging"
    case .tooManyPages(let count): "more than \(count) pages"
    case .invalidRequest(let message): "cannot page this request: \(message)"
    }
  }
}

/// Limits shared by all pagers.
package enum PagerLimits {
  /// A listing with more pages than this is treated as a paging loop.
  package static let maxPages = 1_000_000
  /// Continuations (roadsync `search_start`) of one page before giving up.
  package static let maxContinuationsPerPage = 1_000
}

extension JSONValue {
  /// An integer from a JSON number or numeric string (`"20"`), when it is one exactly.
  public var integerValue: Int? {
    switch self {
    case .number(let text), .string(let text): Int(text)
    default: nil
    }
  }

  /// A cursor's text: a string as is, a number as written.
  public var cursorText: String? {
    switch self {
    case .string(let text): text
    case .number(let text): text
    case .bool(let flag): flag ? "true" : "false"
    default: nil
    }
  }
}

/// Rewrites of a planned request for paging: one query parameter at a time, leaving every other
/// parameter as the planner wrote it (an RQL expression or a filter value is never re-encoded; the
/// request's `url` percent-encodes each value so that no cursor can change the query's structure).
extension NativeRequest {
  /// Sets query parameter `name` to `value`: replaces the first parameter of that name in place and
  /// drops any later ones; appends it when absent.
  public func settingQueryParameter(_ name: String, to value: String) -> NativeRequest {
    var copy = self
    var replaced = false
    copy.query = query.compactMap { item in
      guard item.name == name else { return item }
      if replaced { return nil }
      replaced = true
      return (name, value)
    }
    if !replaced { copy.query.append((name, value)) }
    return copy
  }

  /// Removes every query parameter named `name`.
  public func removingQueryParameter(_ name: String) -> NativeRequest {
    var copy = self
    copy.query.removeAll { $0.name == name }
    return copy
  }
}
