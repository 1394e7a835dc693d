import Foundation
import TestSupport
import Testing

@testable import InvoiceQL
@testable import InvoiceQLClient
@testable import InvoiceQLJSON
@testable import InvoiceQLSemantics

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Stripe against the fake server (`Tests/Fixtures/fake_providers/stripe.py`): line items fetched
/// whole before a query over them is judged, `Stripe-Version` on every request, and Stripe's retry
/// advice and error bodies.
@Suite struct StripeClientTests {
  static func line(_ id: String, _ amount: Int) -> [String: Any] {
    ["id": id, "object": "line_item", "amount": amount, "currency": "usd", "quantity": 1]
  }

  /// An invoice whose `lines` hold `first` of `all` lines.
  static func invoice(_ id: String, all: [[String: Any]], first: Int) -> [String: Any] {
    [
      "id": id, "object": "invoice", "status": "open", "currency": "usd", "total": 1000,
      "created": 1_746_057_600,
      "lines": [
        "object": "list", "data": Array(all.prefix(first)), "has_more": first < all.count,
        "url": "/v1/invoices/\(id)/lines",
      ],
    ]
  }

  func client(_ sleeper: RecordingSleeper = RecordingSleeper()) -> InvoiceClient {
    InvoiceClient(
      transport: URLSessionTransport(timeout: 10),
      retryPolicy: RetryPolicy(maxAttempts: 5, baseDelay: 0.1, maxDelay: 1), sleeper: sleeper,
      jitter: FixedJitter(value: 0.5))
  }

  /// A query over line items fetches the rest of each incomplete invoice's lines (every page of
  /// them) before judging it; a query that does not read them never asks for them.
  @Test func aQueryOverLineItemsJudgesEachInvoiceWithAllItsLines() async throws {
    let many = (0..<205).map { Self.line("il_c\($0)", $0 == 204 ? 900 : 1) }
    let all: [String: [[String: Any]]] = [
      "in_a": [Self.line("il_a1", 100), Self.line("il_a2", 900)],
      "in_b": [Self.line("il_b1", 100), Self.line("il_b2", 200)],
      "in_c": many,
      "in_d": [Self.line("il_d1", 600)],
      "in_e": [Self.line("il_e1", 600), Self.line("il_e2", 1)],
    ]
    let invoices = [
      Self.invoice("in_a", all: all["in_a"]!, first: 1), Self.invoice("in_b", all: all["in_b"]!, first: 1),
      Self.invoice("in_c", all: many, first: 10), Self.invoice("in_d", all: all["in_d"]!, first: 1),
      Self.invoice("in_e", all: all["in_e"]!, first: 1),
    ]
    let server = try FakeBillingServer.get()
    let base = try await server.scenario(["provider": "stripe", "invoices": invoices, "lines": all])
    let endpoint = ProviderEndpoint(provider: .stripe, baseURL: base)
    let anyBig = try await client().invoices(matching: "any(lines.data, amount > 500)", from: endpoint)
      .collect()
    #expect(anyBig.compactMap(\.id) == ["in_a", "in_c", "in_d", "in_e"])
    let allSmall = try await client().invoices(
      matching: "all(lines.data, amount < 500) limit 1", from: endpoint
    )
    .collect()
    #expect(allSmall.compactMap(\.id) == ["in_b"])
    let sorted = try await client().invoices(
      matching: "not any(lines.data, amount > 500) or status = paid sort by total desc", from: endpoint
    ).collect()
    #expect(sorted.compactMap(\.id) == ["in_b"])
    let log = try await server.log(base)
    #expect(log.allSatisfy { $0.headers["stripe-version"] == StripeCatalog.defaultVersion })
    // in_c's 205 lines are three pages of 100, continued after the last id of each.
    let cLines = log.filter { $0.path == "/v1/invoices/in_c/lines" }
    // (Twice: the `limit 1` run stopped at in_b, before in_c.)
    let pages: [String?] = [nil, "il_c99", "il_c199"]
    #expect(cLines.map { $0.parameter("starting_after") } == pages + pages)
    let before = log.count
    _ = try await client().invoices(matching: "status = open", from: endpoint).collect()
    #expect(try await server.log(base).count == before + 1)
  }

  @Test func theListIsPagedByTheLastIdUntilHasMoreIsFalse() async throws {
    let invoices = (0..<7).map { Self.invoice("in_\($0)", all: [], first: 0) }
    let server = try FakeBillingServer.get()
    let base = try await server.scenario(["provider": "stripe", "invoices": invoices])
    let endpoint = ProviderEndpoint(provider: .stripe, baseURL: base, settings: ["version": "2024-06-20"])
    let got = try await client().invoices(matching: "status = open limit 7", from: endpoint).collect()
    #expect(got.compactMap(\.id) == (0..<7).map { "in_\($0)" })
    let log = try await server.log(base)
    #expect(log.map { $0.parameter("starting_after") } == [nil])
    #expect(log.allSatisfy { $0.headers["stripe-version"] == "2024-06-20" })
    let paged = try await server.scenario(["provider": "stripe", "invoices": invoices])
    let small = ProviderEndpoint(provider: .stripe, baseURL: paged)
    let stream = InvoiceStream(
      FetchSpec(
        endpoint: small,
        requests: [
          try Provider.stripe.plan(BoundQuery(filter: .constant(true), limit: 3), settings: [:]).requests[0]
        ]),
      fetcher: client().fetcher)
    #expect(try await stream.collect().compactMap(\.id) == (0..<7).map { "in_\($0)" })
    #expect(try await server.log(paged).map { $0.parameter("starting_after") } == [nil, "in_2", "in_5"])
  }

  /// `Stripe-Should-Retry: false` on a 429 ends the run at once, with Stripe's error object read;
  /// `true` (or none) is retried.
  @Test func shouldRetryFalseIsNotRetriedAndTheErrorObjectIsRead() async throws {
    let invoices = [Self.invoice("in_1", all: [], first: 0)]
    let server = try FakeBillingServer.get()
    let error: [String: Any] = [
      "error": [
        "type": "invalid_request_error", "code": "rate_limit", "message": "Too many requests",
        "param": "limit",
      ]
    ]
    let refused = try await server.scenario([
      "provider": "stripe", "invoices": invoices,
      "faults": [
        [
          "on": 1, "kind": "status", "status": 429, "headers": ["Stripe-Should-Retry": "false"],
          "body": error,
        ]
      ],
    ])
    await #expect {
      _ = try await client().invoices(
        matching: "status = open", from: ProviderEndpoint(provider: .stripe, baseURL: refused)
      ).collect()
    } throws: { thrown in
      guard case .httpStatus(429, let body, _) = (thrown as? ClientError)?.reason else { return false }
      return body.code == "rate_limit" && body.message == "Too many requests"
        && body.details.contains("param: limit")
    }
    #expect(try await server.log(refused).count == 1)
    let retried = try await server.scenario([
      "provider": "stripe", "invoices": invoices,
      "faults": [
        ["on": 1, "kind": "status", "status": 429, "headers": ["Stripe-Should-Retry": "true"], "body": error]
      ],
    ])
    let got = try await client().invoices(
      matching: "status = open", from: ProviderEndpoint(provider: .stripe, baseURL: retried)
    ).collect()
    #expect(got.compactMap(\.id) == ["in_1"])
    #expect(try await server.log(retried).count == 2)
  }
}
