import Foundation
import InvoiceQLSimulation
import TestSupport
import Testing

@testable import InvoiceQL
@testable import InvoiceQLClient
@testable import InvoiceQLJSON
@testable import InvoiceQLSemantics
@testable import InvoiceQLSyntax

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Stripe through the whole client, where its features meet issue 21's: several listings for a
/// `status in (…)` list, line items completed before judging, the list's own order with early
/// stop, limits, projections (`fields`) and pages in flight (Stripe's cursor stays sequential).
///
/// The property: `run` returns the reference's answer — the true matches judged on whole invoices
/// (every line item), sorted as the language reference says and cut to the limit, ties at the cut
/// in any order — each invoice once, holding just the fields asked for.
@Suite struct StripeRunPropertyTests {
  static let context = BindingContext.utc(now: Instant(seconds: 1_750_000_000, fraction: ""))
  static let rounds = 400

  @Test func runReturnsTheReferenceAnswerWithVariantsLinesSortLimitAndFields() async throws {
    var random = SplitMix64(seed: 0x57A1_9E22)
    let filters = [
      "any(lines.data, amount > 500)", "all(lines.data, quantity < 3)", "status in (open, paid)",
      "status in (open, paid) and any(lines.data, amount > 500)", "total > 50", "status = open",
      "status in (open, void, draft) and not any(lines.data, quantity > 2)",
      "issueDate >= 2025-05-01 and any(lines.data, amount > 200)", "issueDate != 2025-05-01",
      "status in (open, paid) and issueDate < 2025-05-02",
    ]
    let sorts = ["", " sort by createdAt desc", " sort by total desc", " sort by issueDate desc"]
    let fieldLists: [[String]?] = [nil, ["id"], ["id", "status"], ["number"], ["total"]]
    let zones = ["UTC", "America/New_York", "Asia/Tokyo"].compactMap { TimeZone(identifier: $0) }
    for round in 0..<Self.rounds {
      let zone = zones[Int.random(in: 0..<zones.count, using: &random)]
      let context = BindingContext(now: Self.context.now, timeZone: zone)
      let server = StripeLinesServer.random(
        &random, count: Int.random(in: 0...30, using: &random), tiesReversed: Bool.random(using: &random))
      let limit = Bool.random(using: &random) ? " limit \(Int.random(in: 0...6, using: &random))" : ""
      let text =
        filters[Int.random(in: 0..<filters.count, using: &random)]
        + sorts[Int.random(in: 0..<sorts.count, using: &random)] + limit
      let fields = fieldLists[Int.random(in: 0..<fieldLists.count, using: &random)]
      let bound = try Binder.bind(
        try Parser.parse(text), catalog: Provider.stripe.catalog, context: context, source: text)
      let client = InvoiceClient(
        transport: server.transport, sleeper: RecordingSleeper(),
        concurrency: Int.random(in: 1...4, using: &random))
      let endpoint = ProviderEndpoint(provider: .stripe, baseURL: URL(string: "http://sim.invalid")!)
      // Half the runs go through the public plan, read back from its JSON.
      let viaPlan = Bool.random(using: &random)
      let got: [InvoiceMatch]
      if viaPlan {
        let selection = try fields.map { try FieldSelection.resolve($0, catalog: Provider.stripe.catalog) }
        let plan = QueryPlan(
          try Provider.stripe.plan(bound, settings: [:], fields: selection), timeZone: zone)
        let decoded = try JSONDecoder().decode(QueryPlan.self, from: JSONEncoder().encode(plan))
        got = try await client.invoices(for: decoded, from: endpoint).collect()
      } else {
        got = try await client.invoices(matching: text, from: endpoint, context: context, fields: fields)
          .collect()
      }
      let problem = Self.check(got, server: server, bound, fields: fields)
      #expect(
        problem == nil,
        "round \(round) [\(zone.identifier), plan: \(viaPlan)]: \(text) fields \(fields ?? [])\n\(problem ?? "")"
      )
      if problem != nil { return }
    }
  }

  /// `limit 0` needs no request, also when the residual reads line items (judged after completing
  /// them) and the matches are sorted: that run used to read every page of the listing.
  @Test(arguments: ["", " sort by total desc", " sort by createdAt desc"])
  func limitZeroOverLineItemsSendsNoRequest(sort: String) async throws {
    var random = SplitMix64(seed: 7)
    let server = StripeLinesServer.random(&random, count: 10, tiesReversed: false)
    let counter = RequestCounter()
    let inner = server.transport
    let transport = InMemoryTransport { request in
      counter.count()
      let response = try await inner.send(request)
      var chunks: [Data] = []
      for try await chunk in response.body { chunks.append(chunk) }
      return InMemoryTransport.Reply(chunks: chunks)
    }
    let client = InvoiceClient(transport: transport, sleeper: RecordingSleeper())
    let endpoint = ProviderEndpoint(provider: .stripe, baseURL: URL(string: "http://sim.invalid")!)
    let got = try await client.invoices(
      matching: "any(lines.data, amount > 1)" + sort + " limit 0", from: endpoint, context: Self.context
    ).collect()
    #expect(got.isEmpty)
    #expect(counter.value == 0)
  }

  /// Nil when `got` answers `query` over the server's whole invoices, else why not.
  static func check(
    _ got: [InvoiceMatch], server: StripeLinesServer, _ query: BoundQuery, fields: [String]?
  ) -> String? {
    let whole = server.wholeInvoices
    let reference = ServerSortPropertyTests.reference(query, whole)
    let ids = got.map { $0.id ?? "?" }
    guard Set(ids).count == ids.count else { return "an invoice twice: \(ids)" }
    guard got.count == reference.count else {
      return "\(got.count) invoices \(ids), expected \(reference.count): "
        + "\(reference.map { $0["id"]?.compactText ?? "?" })"
    }
    var answers: [JSONValue] = []
    for match in got {
      guard let invoice = whole.first(where: { $0["id"]?.cursorText == match.id }) else {
        return "unknown invoice \(match.json)"
      }
      guard ReferenceEvaluator.matches(query.filter, on: invoice) else {
        return "not a match: \(match.id ?? "")"
      }
      if let fields, case .object(let members) = match.value() {
        let allowed = Set(fields)
        if let extra = members.first(where: { !allowed.contains($0.key) }) {
          return "\(match.json) holds '\(extra.key)', not asked for"
        }
      }
      answers.append(invoice)
    }
    for (k, (a, b)) in zip(answers, reference).enumerated()
    where InvoiceSorter.compare(
      InvoiceSorter.sortValues(a, query.sort), InvoiceSorter.sortValues(b, query.sort), query.sort) != 0
    {
      return "row \(k): got \(ids), want \(reference.map { $0["id"]?.compactText ?? "?" })"
    }
    return nil
  }
}

/// Requests sent, counted.
final class RequestCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var sent = 0
  var value: Int { lock.withLock { sent } }
  func count() { lock.withLock { sent += 1 } }
}

/// An in-process Stripe: `GET /v1/invoices` filtered by the simulated Stripe server, newest
/// `created` first, pages of at most 3 continued after the last id; `GET /v1/invoices/{id}/lines`
/// pages of at most 2. Each listed invoice holds only the first few of its lines.
struct StripeLinesServer: Sendable {
  /// The invoices as listed (their first lines only), newest first.
  let listed: [JSONValue]
  /// Every invoice's lines, by id.
  let lines: [String: [JSONValue]]

  /// The invoices with all their lines: what the reference judges.
  var wholeInvoices: [JSONValue] {
    listed.map { invoice in
      let id = invoice["id"]?.cursorText ?? ""
      return Provider.stripe.itemCompletion!.completed(invoice, with: lines[id] ?? [])
    }
  }

  /// `tiesReversed`: invoices created in the same second listed in the reverse of their stored
  /// order (the order within a second is undocumented).
  static func random(_ random: inout SplitMix64, count: Int, tiesReversed: Bool) -> StripeLinesServer {
    var listed: [JSONValue] = []
    var lines: [String: [JSONValue]] = [:]
    for k in 0..<count {
      let id = "in_\(k)"
      let all = (0..<Int.random(in: 0...5, using: &random)).map { n -> JSONValue in
        .object([
          JSONMember("id", .string("il_\(k)_\(n)")), JSONMember("object", .string("line_item")),
          JSONMember("amount", .number(String(Int.random(in: 0...1000, using: &random)))),
          JSONMember("currency", .string("usd")),
          JSONMember("quantity", .number(String(Int.random(in: 1...4, using: &random)))),
        ])
      }
      lines[id] = all
      let first = Int.random(in: 0...all.count, using: &random)
      let currency = ["usd", "jpy", "kwd"][Int.random(in: 0..<3, using: &random)]
      listed.append(
        .object([
          JSONMember("id", .string(id)), JSONMember("object", .string("invoice")),
          JSONMember("number", .string("N-\(k)")),
          JSONMember(
            "status", .string(["open", "paid", "void", "draft"][Int.random(in: 0..<4, using: &random)])),
          JSONMember("currency", .string(currency)),
          JSONMember("total", .number(String(Int.random(in: 0...20_000, using: &random)))),
          JSONMember(
            "created", .number(String(1_746_057_600 + 43_200 * Int.random(in: 0...4, using: &random)))),
          JSONMember(
            "lines",
            .object([
              JSONMember("object", .string("list")), JSONMember("data", .array(Array(all.prefix(first)))),
              JSONMember("has_more", .bool(first < all.count)),
              JSONMember("url", .string("/v1/invoices/\(id)/lines")),
            ])),
        ]))
    }
    // Newest first; ties within a second as stored or reversed.
    let order = listed.indices.sorted { a, b in
      let (x, y) = (Self.created(listed[a]), Self.created(listed[b]))
      return x != y ? x > y : (tiesReversed ? a > b : a < b)
    }
    return StripeLinesServer(listed: order.map { listed[$0] }, lines: lines)
  }

  static func created(_ invoice: JSONValue) -> Int {
    if case .number(let n)? = invoice["created"] { return Int(n) ?? 0 }
    return 0
  }

  var transport: InMemoryTransport {
    let server = self
    return InMemoryTransport { request in
      var native = NativeRequest(testURL: request.url?.absoluteString ?? "/")
      native.headers = request.allHTTPHeaderFields ?? [:]
      let body = try server.respond(native)
      return InMemoryTransport.Reply(body: body.compactText)
    }
  }

  func respond(_ request: NativeRequest) throws -> JSONValue {
    let segments = request.path.split(separator: "/").map(String.init)
    let items: [JSONValue]
    let pageCap: Int
    if segments.count == 4, segments[3] == "lines" {
      items = lines[segments[2]] ?? []
      pageCap = 2
    } else {
      var first = request
      first.query.removeAll { $0.name == "starting_after" }
      items = try StripeServer().answer(ParsedRequest(first), listed, .literal, settings: [:])
      pageCap = 3
    }
    let limit = Int(request.queryValue("limit") ?? "") ?? 10
    var start = 0
    if let after = request.queryValue("starting_after") {
      guard let k = items.firstIndex(where: { $0["id"]?.cursorText == after }) else {
        throw SimulationError("starting_after an unknown id \(after)")
      }
      start = k + 1
    }
    let page = Array(items.dropFirst(start).prefix(min(limit, pageCap)))
    return .object([
      JSONMember("object", .string("list")), JSONMember("data", .array(page)),
      JSONMember("has_more", .bool(start + page.count < items.count)),
    ])
  }
}
