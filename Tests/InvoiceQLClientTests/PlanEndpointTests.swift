import Foundation
import Testing

@testable import InvoiceQL
@testable import InvoiceQLClient

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A plan runs with its own provider's pager and envelope: the endpoint only says where the API is.
@Suite struct PlanEndpointTests {
  /// A wethod server: `limit`/`offset` over a bare array of `count` invoices (other parameters
  /// ignored, as a real server ignores parameters it does not know).
  static func wethodServer(count: Int) -> InMemoryTransport {
    InMemoryTransport { request in
      let items = URLComponents(url: request.url!, resolvingAgainstBaseURL: false)?.queryItems ?? []
      func value(_ name: String) -> Int? { items.first { $0.name == name }?.value.flatMap { Int($0) } }
      let limit = value("limit") ?? 100
      let offset = value("offset") ?? 0
      let ids = offset < count ? Array(offset..<min(offset + limit, count)) : []
      return .init(body: "[" + ids.map { #"{"id":\#($0 + 1)}"# }.joined(separator: ",") + "]")
    }
  }

  static func wethodPlan() throws -> Plan {
    try Provider.wethod.plan(
      BoundQuery(filter: .constant(true)), settings: ["company": "acme", "version": "2.0"])
  }

  @Test func aPlanRunAgainstItsOwnProvidersEndpointReadsEveryPage() async throws {
    let endpoint = ProviderEndpoint(provider: .wethod, baseURL: URL(string: "http://x.invalid")!)
    let matches = try await InvoiceClient(transport: Self.wethodServer(count: 250))
      .invoices(for: try Self.wethodPlan(), from: endpoint).collect()
    #expect(matches.count == 250)
  }

  /// Paged with another provider's pager, wethod's 100-invoice first page looked like elevate's
  /// last (short of its 1000): 100 of 250 invoices came back, silently.
  @Test func aPlanForAnotherProviderThanTheEndpointsIsAnErrorNotAShortAnswer() async throws {
    let endpoint = ProviderEndpoint(provider: .elevate, baseURL: URL(string: "http://x.invalid")!)
    await #expect {
      _ = try await InvoiceClient(transport: Self.wethodServer(count: 250))
        .invoices(for: try Self.wethodPlan(), from: endpoint).collect()
    } throws: { error in
      guard case .invalidRequest(let text) = (error as? ClientError)?.reason else { return false }
      return text.contains("wethod") && text.contains("elevate")
    }
    #expect(throws: ClientError.self) {
      try InvoiceClient.fetchSpec(for: try Self.wethodPlan(), from: endpoint)
    }
  }
}

/// The pagers rewrite `NativeRequest`s; the client turns each into a `URLRequest` at the edge. What
/// reaches the server must be what the planner wrote, with only the paging parameters changed.
@Suite struct EdgeRequestTests {
  static let base = URL(string: "http://h.invalid/v1")!

  static func plan(_ provider: Provider, _ text: String, settings: [String: String] = [:]) throws -> Plan {
    let bound = try Binder.bind(
      try Parser.parse(text), catalog: provider.catalog,
      context: .utc(now: Instant(seconds: 0, fraction: "")), source: text)
    return try provider.plan(bound, settings: settings)
  }

  @Test func aLaterRQLPageKeepsThePlannersComponentsByteForByte() throws {
    let plan = try Self.plan(.softwareone, #"number = "a+b c" and status = open"#)
    let endpoint = ProviderEndpoint(
      provider: .softwareone, baseURL: Self.base, headers: ["Authorization": "Bearer t"])
    var pager = try endpoint.provider.pager(startingAt: plan.requests[0])
    let meta = PageMetadata(
      values: ["$meta": .object([JSONMember("pagination", .object([JSONMember("total", .number("250"))]))])],
      itemCount: 100)
    let second = try #require(try pager.nextRequest(after: meta))
    let first = endpoint.urlRequest(pager.firstRequest)
    let request = endpoint.urlRequest(second)
    let firstURL = try #require(first.url?.absoluteString)
    #expect(firstURL.hasPrefix("http://h.invalid/v1/public/v1/billing/invoices?and(eq("))
    #expect(firstURL.contains("%22a%2Bb%20c%22") && firstURL.contains("select=%2BerpData"))
    #expect(request.url?.absoluteString == firstURL.replacingOccurrences(of: "offset=0", with: "offset=100"))
    #expect(request.httpMethod == "GET" && request.httpBody == nil)
    #expect(request.value(forHTTPHeaderField: "Authorization") == "Bearer t")
  }

  @Test func aRhythmCursorCannotChangeTheQueryAndComesBackDecodedAsSent() throws {
    let plan = try Self.plan(
      .rhythm, "status = open", settings: ["tenantId": "t/1", "portalContactId": "c 1"])
    let endpoint = ProviderEndpoint(provider: .rhythm, baseURL: Self.base, settings: [:])
    var pager = try endpoint.provider.pager(startingAt: plan.requests[0])
    let cursor = "k+1&x=/ %1#é=?"
    let next = try #require(
      try pager.nextRequest(after: PageMetadata(values: ["LastEvaluatedKey": .string(cursor)], itemCount: 3)))
    let url = try #require(endpoint.urlRequest(next).url)
    #expect(url.absoluteString.hasPrefix("http://h.invalid/v1/invoices/t%2F1/portal/contact/c%201?"))
    let items = try #require(URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems)
    // No `fields=`: a match is the whole invoice unless the caller asks for fields.
    #expect(items.map(\.name) == ["includeAllInvoices", "exclusiveStartKey"])
    #expect(items.last?.value == cursor)
  }

  @Test func aLaterRoadSyncPageIsAPostWithItsPageInTheBodyAndTheEndpointsHeaders() throws {
    let plan = try Self.plan(.roadsync, "status = sent")
    let endpoint = ProviderEndpoint(
      provider: .roadsync, baseURL: Self.base,
      headers: ["x-api-key": "k", "Content-Type": "application/json; charset=utf-8"])
    var pager = try endpoint.provider.pager(startingAt: plan.requests[0])
    let next = try #require(try pager.nextRequest(after: PageMetadata(itemCount: 100)))
    let request = endpoint.urlRequest(next)
    #expect(request.httpMethod == "POST")
    #expect(request.url?.absoluteString == "http://h.invalid/v1/invoice/search")
    #expect(request.value(forHTTPHeaderField: "Content-Type") == "application/json; charset=utf-8")
    #expect(request.value(forHTTPHeaderField: "x-api-key") == "k")
    let body = try JSONValue(parsing: try #require(request.httpBody))
    #expect(body["pagination"]?["PageNumber"] == .number("2"))
    #expect(body["filters"] == (try JSONValue(parsing: try #require(plan.requests[0].body)))["filters"])
  }
}

/// A decoded plan's request paths are data: none may move a request, with the endpoint's
/// credentials, off the endpoint's host.
@Suite struct DecodedPlanTargetTests {
  /// Before the check, `@evil.invalid/invoices` made `https://api.invalid@evil.invalid/invoices`:
  /// the `Authorization` header went to evil.invalid.
  @Test(arguments: ["@evil.invalid/invoices", ".evil.invalid/invoices", "evil.invalid/invoices"])
  func aRequestPathThatLeavesTheEndpointsHostIsRefusedBeforeAnythingIsSent(path: String) async throws {
    let hosts = Hosts()
    let transport = InMemoryTransport { request in
      await hosts.add(request.url?.host ?? "?")
      return .init(body: "[]")
    }
    var plan = try InvoiceQuery("total > 5").plan(for: .elevate, now: Date(timeIntervalSince1970: 0))
    plan.requests[0].path = path
    let decoded = try JSONDecoder().decode(QueryPlan.self, from: Data(plan.json.utf8))
    let endpoint = ProviderEndpoint(
      provider: .elevate, baseURL: URL(string: "https://api.invalid")!,
      headers: ["Authorization": "Bearer secret"])
    await #expect {
      _ = try await InvoiceClient(transport: transport).invoices(for: decoded, from: endpoint).collect()
    } throws: { error in
      (error as? ClientError)?.kind == .invalidRequest
    }
    #expect(await hosts.all.isEmpty)
  }

  actor Hosts {
    var all: [String] = []
    func add(_ host: String) { all.append(host) }
  }
}
