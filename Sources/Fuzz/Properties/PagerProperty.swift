import InvoiceQL

/// The paging state machines (`Sources/InvoiceQL/Providers/<P>/<P>Pager.swift`), fed random page metadata: item
/// counts, cursors, totals and continuations as a server might send them, three bytes a page.
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
    let size = Int(reader.pick([1, 2, 3, 5, 100, 1000, 5000, 0]))
    let start = Int(reader.byte() % 4)
    var pages: [Page] = []
    // At most 40 pages: longer listings add no new paths, only time.
    while !reader.bytes.isEmpty && pages.count < 40 {
      pages.append(Page(provider, reader.byte(), reader.byte(), reader.byte()))
    }
    // The server has no more invoices: an empty page ends any listing, after at most one more page
    // (roadsync's page whose continuation pieces together filled it).
    pages += [Page.end(provider), Page.end(provider)]
    try walk(provider, firstRequest(provider, size: size, start: start), pages)
  }

  /// One page's metadata as the server sent it.
  struct Page {
    var metadata: PageMetadata
    /// rhythm's cursor or roadsync's continuation, as the pager must send it back.
    var cursor: JSONValue?
    var total: Int?
    /// stripe's last invoice id on the page (what `starting_after` must send back).
    var lastId: String?

    init(_ provider: String, _ count: UInt8, _ kind: UInt8, _ value: UInt8) {
      var values: [String: JSONValue] = [:]
      let itemCount = Int(count % 8 == 7 ? count : count % 8)
      let v = Int(value % 16)
      switch provider {
      case "rhythm":
        let keys: [JSONValue?] = [
          nil, .null, .string(""), .string("k\(v)"), .number("\(v)"),
          .object([JSONMember("id", .string("k\(v)"))]),
          .string("k\(v)&x=1 /é"), .bool(v % 2 == 0),
        ]
        cursor = keys[Int(kind % 8)]
        if let key = cursor { values["LastEvaluatedKey"] = key }
      case "softwareone":
        let totals: [JSONValue?] = [
          .number("\(v * 4)"), .number("\(v)"), nil, .string("\(v * 2)"), .number("-1"),
        ]
        if let t = totals[Int(kind % 5)] {
          values["$meta"] = .object([JSONMember("pagination", .object([JSONMember("total", t)]))])
          if case .number(let text) = t {
            total = Int(text)
          } else if case .string(let text) = t {
            total = Int(text)
          }
        }
      case "roadsync":
        if kind % 4 == 1 {
          cursor = .number("\(v % 4)")
          values["continuation"] = .object([JSONMember("search_start", cursor!)])
          if value >= 128 { values["result_token"] = .string("t\(v % 2)") }
        }
        if kind % 8 == 6 { values["pagination"] = .object([JSONMember("ItemsPerPage", .number("\(v)"))]) }
      case "stripe":
        // has_more: mostly true, sometimes false, absent or not a boolean; the last id (list) and
        // next_page (search) absent, empty, or one of a few values (so they repeat).
        let more: [JSONValue?] = [.bool(true), .bool(true), .bool(true), .bool(false), nil, .string("true")]
        if let m = more[Int(kind % 6)] { values["has_more"] = m }
        let token: [JSONValue?] = [.string("p\(v % 8)"), .string("p\(v % 8)"), nil, .string(""), .null]
        if let t = token[Int(kind / 6 % 5)] { values["next_page"] = t }
        lastId = kind >= 240 ? nil : "in_\(v % 8)"
      default: break
      }
      metadata = PageMetadata(values: values, itemCount: itemCount, lastItemId: itemCount > 0 ? lastId : nil)
    }

    init(metadata: PageMetadata) { self.metadata = metadata }

    /// The page a server sends when it has no more invoices.
    static func end(_ provider: String) -> Page {
      if provider == "stripe" {
        return Page(metadata: PageMetadata(values: ["has_more": .bool(false)], itemCount: 0))
      }
      guard provider == "softwareone" else { return Page(metadata: PageMetadata(values: [:], itemCount: 0)) }
      var page = Page(
        metadata: PageMetadata(
          values: [
            "$meta": .object([JSONMember("pagination", .object([JSONMember("total", .number("0"))]))])
          ],
          itemCount: 0))
      page.total = 0
      return page
    }
  }

  static func firstRequest(_ provider: String, size: Int, start: Int) -> NativeRequest {
    switch provider {
    case "rhythm":
      return NativeRequest(
        method: "GET", path: "/invoices/t/portal/contact/c", query: [("includeAllInvoices", "true")])
    case "elevate":
      return NativeRequest(
        method: "GET", path: "/invoices",
        query: [("dueDate", "lt:2025-05-01"), ("pageSize", "\(size)"), ("page", "\(start)")])
    case "wethod":
      return NativeRequest(
        method: "GET", path: "/api/invoices", query: [("limit", "\(size)"), ("offset", "\(start)")])
    case "softwareone":
      return NativeRequest(
        method: "GET", path: "/public/v1/billing/invoices",
        query: [("eq(status,Issued)", nil), ("limit", "\(size)")])
    case "stripe":
      // The list endpoint, or (odd starts) the search endpoint.
      return start % 2 == 0
        ? NativeRequest(
          method: "GET", path: "/v1/invoices", query: [("status", "open"), ("limit", "\(size)")])
        : NativeRequest(
          method: "GET", path: "/v1/invoices/search",
          query: [("query", "status:'open'"), ("limit", "\(size)")])
    default:
      return NativeRequest(
        method: "POST", path: "/invoice/search", query: [],
        body: #"{"filters":[],"pagination":{"ItemsPerPage":\#(size),"PageNumber":\#(start)}}"#)
    }
  }

  /// Where a request starts: its position parameter (or body member) and its cursor.
  struct Position: Equatable {
    var position: Int?
    var cursor: String?
  }

  /// The last value of query parameter `name`.
  static func parameter(_ name: String, _ request: NativeRequest) -> String? {
    request.query.last { $0.name == name }.map { $0.value ?? "" }
  }

  static func position(_ provider: String, _ request: NativeRequest) -> Position {
    func parameter(_ name: String) -> String? { Self.parameter(name, request) }
    switch provider {
    case "rhythm": return Position(position: nil, cursor: parameter("exclusiveStartKey"))
    case "elevate": return Position(position: parameter("page").flatMap { Int($0) }, cursor: nil)
    case "wethod", "softwareone":
      return Position(position: parameter("offset").flatMap { Int($0) }, cursor: nil)
    case "stripe":
      return Position(position: nil, cursor: parameter(isStripeSearch(request) ? "page" : "starting_after"))
    default:
      let body = request.body.flatMap { try? JSONValue(parsing: $0) }
      let page = body?["pagination"]?["PageNumber"].flatMap { v -> Int? in
        if case .number(let t) = v { return Int(t) }
        return nil
      }
      return Position(position: page, cursor: body?["searchStart"]?.compactText)
    }
  }

  static func isStripeSearch(_ request: NativeRequest) -> Bool { request.path.hasSuffix("/search") }

  /// What stripe must send back after `page`: the last id (list) or `next_page` (search).
  static func stripeCursor(_ page: Page, search: Bool) -> String? {
    guard search else { return page.metadata.lastItemId }
    if case .string(let token)? = page.metadata.values["next_page"], !token.isEmpty { return token }
    return nil
  }

  static func pageSize(_ provider: String, _ request: NativeRequest) -> Int? {
    if provider == "roadsync" {
      guard
        case .number(let n)? = request.body.flatMap({ try? JSONValue(parsing: $0) })?["pagination"]?[
          "ItemsPerPage"]
      else { return nil }
      return Int(n)
    }
    return parameter(provider == "elevate" ? "pageSize" : "limit", request).flatMap { Int($0) }
  }

  static func walk(_ provider: String, _ first: NativeRequest, _ pages: [Page]) throws(PropertyViolation) {
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
    var asked: Set<String> = [key(request)]
    let size = pageSize(provider, request)
    var seenCursors: Set<String> = []
    var piecesOfPage: Set<String> = []
    var pieceItems = 0
    var received = 0
    var lastTotal: Int?
    for (number, page) in pages.enumerated() {
      let here = position(provider, request)
      let next: NativeRequest?
      do {
        next = try pager.nextRequest(after: page.metadata)
      } catch {
        try justify(
          error, provider, page, here, received: received, lastTotal: lastTotal, seenCursors, piecesOfPage,
          search: isStripeSearch(request))
        return
      }
      received += page.metadata.itemCount
      if let total = page.total { lastTotal = total }
      guard let next else {
        try justifyEnd(provider, page, here, size: size, pieceItems: pieceItems)
        return
      }
      guard asked.insert(key(next)).inserted else {
        throw PropertyViolation("\(provider): page \(number + 2) asks again for \(key(next))")
      }
      let there = position(provider, next)
      switch provider {
      case "rhythm":
        let sent = page.cursor.map { $0.cursorTextForTest }
        guard there.cursor == sent else {
          throw PropertyViolation("rhythm: cursor \(sent ?? "nil") went back as \(there.cursor ?? "nil")")
        }
        seenCursors.insert(sent ?? "")
      case "elevate":
        guard there.position == here.position.map({ $0 + 1 }) else {
          throw PropertyViolation(
            "elevate: page \(here.position ?? -1) is followed by \(there.position ?? -1)")
        }
      case "wethod", "softwareone":
        guard there.position == here.position.map({ $0 + page.metadata.itemCount }) else {
          throw PropertyViolation(
            "\(provider): offset \(here.position ?? -1) + \(page.metadata.itemCount) items is followed by \(there.position ?? -1)"
          )
        }
      case "roadsync":
        if let continuation = page.cursor {
          guard there.position == here.position, there.cursor == continuation.compactText else {
            throw PropertyViolation("roadsync: continuation \(continuation) went back as \(there)")
          }
          piecesOfPage.insert(key(next))
          pieceItems += page.metadata.itemCount
        } else {
          guard there.position == here.position.map({ $0 + 1 }), there.cursor == nil else {
            throw PropertyViolation("roadsync: page \(here) is followed by \(there)")
          }
          piecesOfPage = []
          pieceItems = 0
        }
      case "stripe":
        let sent = stripeCursor(page, search: isStripeSearch(request))
        guard page.metadata.values["has_more"] == .bool(true), let sent, there.cursor == sent,
          there.position == nil
        else {
          throw PropertyViolation("stripe: after \(page.metadata.values) the next request starts at \(there)")
        }
        seenCursors.insert(sent)
      default:
        throw PropertyViolation("\(provider): no model of its paging here")
      }
      request = next
    }
    throw PropertyViolation("\(provider): the listing did not end after the server's last, empty page")
  }

  /// A listing may end only where the page says so.
  static func justifyEnd(_ provider: String, _ page: Page, _ here: Position, size: Int?, pieceItems: Int)
    throws(PropertyViolation)
  {
    let count = page.metadata.itemCount
    switch provider {
    case "rhythm":
      if let cursor = page.cursor, cursor != .null, cursor != .string("") {
        throw PropertyViolation("rhythm: the listing ended with a cursor \(cursor.compactText)")
      }
    case "elevate", "wethod":
      if let size, count >= size, count > 0 {
        throw PropertyViolation("\(provider): a full page of \(count) (size \(size)) ended the listing")
      }
    case "softwareone":
      guard let total = page.total, let offset = here.position, offset + count >= total else {
        throw PropertyViolation(
          "softwareone: the listing ended at \(here) + \(count) before the total \(page.total ?? -1)")
      }
    case "stripe":
      guard page.metadata.values["has_more"] == .bool(false) else {
        throw PropertyViolation("stripe: the listing ended on a page with has_more \(page.metadata.values)")
      }
    case "roadsync":
      if page.cursor != nil { throw PropertyViolation("roadsync: the listing ended with a continuation") }
      // A page is full at the requested size, or at the smaller size the page itself reports.
      var full = size ?? 100
      if case .number(let n)? = page.metadata.values["pagination"]?["ItemsPerPage"], let reported = Int(n) {
        full = min(full, max(reported, 1))
      }
      let items = pieceItems + count
      if items > 0, items >= full {
        throw PropertyViolation("roadsync: a full page of \(items) (size \(full)) ended the listing")
      }
    default:
      throw PropertyViolation("\(provider): no model of its paging here")
    }
  }

  /// A paging error must name a fault the pages have.
  static func justify(
    _ error: PagingError, _ provider: String, _ page: Page, _ here: Position, received: Int, lastTotal: Int?,
    _ seenCursors: Set<String>, _ pieces: Set<String>, search: Bool
  ) throws(PropertyViolation) {
    switch error {
    case .cursorRepeated:
      if provider == "rhythm", let c = page.cursor, seenCursors.contains(c.cursorTextForTest) { return }
      if provider == "roadsync", page.cursor != nil, !pieces.isEmpty { return }
      if provider == "stripe", let c = stripeCursor(page, search: search), seenCursors.contains(c) {
        return
      }
    case .totalShrank(let from, let to):
      if provider == "softwareone", from == lastTotal, to == page.total, to < from { return }
    case .shortResult:
      if provider == "softwareone", page.metadata.itemCount == 0 { return }
    case .missingMetadata:
      if provider == "softwareone", page.total == nil || page.total! < 0 { return }
      if provider == "stripe" {
        guard case .bool(let more)? = page.metadata.values["has_more"] else { return }
        if more, stripeCursor(page, search: search) == nil { return }
      }
    default: break
    }
    throw PropertyViolation(
      "\(provider): \(error) at \(here) after \(received) items, on a page without that fault")
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
