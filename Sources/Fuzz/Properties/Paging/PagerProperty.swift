import InvoiceQL

/// The paging state machines (`Sources/InvoiceQL/Providers/<P>/<P>Pager.swift`), fed random page
/// metadata: item counts, cursors, totals and continuations as a server might send them, three
/// bytes a page. What each API's pages look like and what its pager must do with them is that
/// provider's `PagingModel` (a file of its own here; `PagingModels.table` is the one list).
///
/// The property: no request is ever asked twice (so no loop); each next request starts exactly
/// where the page just read ends (the page number plus one, the offset plus the items received, the
/// cursor or continuation sent back verbatim), so no page is skipped; the listing ends only where
/// the page says so, and ends (or fails with a paging error) when the server's pages run out; a
/// paging error is only raised for a fault the pages really have.
package enum PagerProperty {
  package static func check(_ input: [UInt8]) throws(PropertyViolation) {
    var reader = FuzzReader(input)
    let provider = reader.pick(Provider.names)
    guard let model = PagingModels.table[provider] else {
      throw PropertyViolation("\(provider): no model of its paging (Sources/Fuzz/Properties/Paging)")
    }
    let size = Int(reader.pick([1, 2, 3, 5, 100, 1000, 5000, 0]))
    let start = Int(reader.byte() % 4)
    var pages: [PagingPage] = []
    // At most 40 pages: longer listings add no new paths, only time.
    while !reader.bytes.isEmpty && pages.count < 40 {
      let count = reader.byte()
      let itemCount = Int(count % 8 == 7 ? count : count % 8)
      pages.append(model.page(itemCount: itemCount, kind: reader.byte(), value: reader.byte()))
    }
    // The server has no more invoices: an empty page ends any listing, after at most one more page
    // (roadsync's page whose continuation pieces together filled it).
    pages += [model.endPage, model.endPage]
    try walk(provider, model, model.firstRequest(size: size, start: start), pages)
  }

  static func walk(
    _ provider: String, _ model: any PagingModel, _ first: NativeRequest, _ pages: [PagingPage]
  )
    throws(PropertyViolation)
  {
    var pager: any Pager
    do {
      guard let registered = Provider.named(provider) else {
        throw PropertyViolation("\(provider): not a registered provider")
      }
      pager = try registered.pager(startingAt: first)
    } catch {
      throw PropertyViolation("\(provider): the first request cannot be paged: \(error)")
    }
    var request = pager.firstRequest
    var asked: Set<String> = [PagingModels.key(request)]
    let size = model.pageSize(request)
    var state = PagingState()
    for (number, page) in pages.enumerated() {
      let here = model.position(request)
      let next: NativeRequest?
      do {
        next = try pager.nextRequest(after: page.metadata)
      } catch {
        guard model.justifies(error, page, request: request, state) else {
          throw PropertyViolation(
            "\(provider): \(error) at \(here) after \(state.received) items, on a page without that fault")
        }
        return
      }
      state.received += page.metadata.itemCount
      if let total = page.total { state.lastTotal = total }
      guard let next else {
        try model.checkEnd(page, here: here, size: size, state)
        return
      }
      guard asked.insert(PagingModels.key(next)).inserted else {
        throw PropertyViolation("\(provider): page \(number + 2) asks again for \(PagingModels.key(next))")
      }
      try model.checkNext(page, from: request, here: here, to: next, there: model.position(next), &state)
      request = next
    }
    throw PropertyViolation("\(provider): the listing did not end after the server's last, empty page")
  }
}

/// One page's metadata as the server sent it, and what the pager must send back after it.
struct PagingPage {
  var metadata: PageMetadata
  /// rhythm's cursor or roadsync's continuation, as the pager must send it back.
  var cursor: JSONValue?
  var total: Int?

  init(metadata: PageMetadata, cursor: JSONValue? = nil, total: Int? = nil) {
    self.metadata = metadata
    self.cursor = cursor
    self.total = total
  }

  /// An empty page without metadata: the end of most listings.
  static let empty = PagingPage(metadata: PageMetadata(values: [:], itemCount: 0))
}

/// Where a request starts: its position parameter (or body member) and its cursor.
struct PagingPosition: Equatable {
  var position: Int?
  var cursor: String?
}

/// What the walk has seen so far.
struct PagingState {
  var received = 0
  var lastTotal: Int?
  var seenCursors: Set<String> = []
  /// roadsync: the requests for continuation pieces of the current page, and their items.
  var piecesOfPage: Set<String> = []
  var pieceItems = 0
}

/// One API's pages and what its pager must do with them.
protocol PagingModel: Sendable {
  /// A page of `itemCount` invoices whose metadata two fuzz bytes choose.
  func page(itemCount: Int, kind: UInt8, value: UInt8) -> PagingPage
  /// The page a server sends when it has no more invoices (default: empty, no metadata).
  var endPage: PagingPage { get }
  /// A first request asking for pages of `size`, starting at `start` where the API has positions.
  func firstRequest(size: Int, start: Int) -> NativeRequest
  func position(_ request: NativeRequest) -> PagingPosition
  /// The page size the request asks for (default: its `limit`).
  func pageSize(_ request: NativeRequest) -> Int?
  /// Throws unless `next` (at `there`) starts where `page` (read from `request`, at `here`) ends.
  func checkNext(
    _ page: PagingPage, from request: NativeRequest, here: PagingPosition, to next: NativeRequest,
    there: PagingPosition, _ state: inout PagingState
  ) throws(PropertyViolation)
  /// Throws unless the listing may end after `page`.
  func checkEnd(_ page: PagingPage, here: PagingPosition, size: Int?, _ state: PagingState)
    throws(PropertyViolation)
  /// Whether `page` really has the fault `error` names.
  func justifies(_ error: PagingError, _ page: PagingPage, request: NativeRequest, _ state: PagingState)
    -> Bool
}

extension PagingModel {
  var endPage: PagingPage { .empty }
  func pageSize(_ request: NativeRequest) -> Int? {
    PagingModels.parameter("limit", request).flatMap { Int($0) }
  }
  func justifies(_ error: PagingError, _ page: PagingPage, request: NativeRequest, _ state: PagingState)
    -> Bool
  {
    false
  }
}

/// The paging models by provider name: the only list of them.
enum PagingModels {
  static let table: [String: any PagingModel] = [
    "rhythm": RhythmPaging(), "elevate": ShortPagePaging.elevate, "roadsync": RoadSyncPaging(),
    "softwareone": SoftwareOnePaging(), "wethod": ShortPagePaging.wethod, "stripe": StripePaging(),
  ]

  /// The last value of query parameter `name`.
  static func parameter(_ name: String, _ request: NativeRequest) -> String? {
    request.query.last { $0.name == name }.map { $0.value ?? "" }
  }

  static func key(_ r: NativeRequest) -> String { r.method + " " + r.url + " " + (r.body ?? "") }
}

extension JSONValue {
  /// A cursor as rhythm sends it back: a string as is, a number or boolean as written, anything
  /// else as its compact JSON.
  var cursorTextForTest: String {
    switch self {
    case .string(let s): s
    case .number(let n): n
    case .bool(let b): b ? "true" : "false"
    default: compactText
    }
  }
}
