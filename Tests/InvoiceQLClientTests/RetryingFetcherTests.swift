import Foundation
import TestSupport
import Testing

@testable import InvoiceQL
@testable import InvoiceQLClient
@testable import InvoiceQLImport
@testable import InvoiceQLJSON
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSavedSearches
@testable import InvoiceQLSemantics
@testable import InvoiceQLStreaming
@testable import InvoiceQLSyntax

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Replies scripted in order, one per request; records the requests.
final class ScriptedReplies: @unchecked Sendable {
  private let lock = NSLock()
  private var replies: [InMemoryTransport.Reply]
  private(set) var count = 0
  init(_ replies: [InMemoryTransport.Reply]) { self.replies = replies }
  var transport: InMemoryTransport {
    InMemoryTransport { _ in
      try self.lock.withLock {
        self.count += 1
        guard !self.replies.isEmpty else { throw TransportError(.connectionFailed, "script ran out") }
        return self.replies.removeFirst()
      }
    }
  }
}

@Suite struct RetryingFetcherTests {
  let request = URLRequest(url: URL(string: "http://example.invalid/invoices")!)

  func fetcher(_ transport: any HTTPTransport, _ sleeper: RecordingSleeper, attempts: Int = 5)
    -> RetryingFetcher
  {
    RetryingFetcher(
      transport: transport, policy: RetryPolicy(maxAttempts: attempts, baseDelay: 1, maxDelay: 8),
      sleeper: sleeper, jitter: FixedJitter(value: 0.5), clock: { Date(timeIntervalSince1970: 0) })
  }

  static func text(_ body: HTTPBody) async throws -> String {
    var data = Data()
    for try await chunk in body { data.append(chunk) }
    return String(decoding: data, as: UTF8.self)
  }

  @Test func tooManyRequestsWaitsRetryAfterThenBackoffForServerErrors() async throws {
    let script = ScriptedReplies([
      .init(statusCode: 429, headers: ["Retry-After": "1"], body: "{}"),
      .init(statusCode: 503, body: "down"),
      .init(statusCode: 500, headers: ["retry-after": "Thu, 01 Jan 1970 00:00:02 GMT"], body: ""),
      .init(body: "[1,2]"),
    ])
    let sleeper = RecordingSleeper()
    let text = try await fetcher(script.transport, sleeper).fetch(request) { _, body in
      try await Self.text(body)
    }
    #expect(text == "[1,2]")
    #expect(sleeper.delays == [1, 1.5, 2])
    #expect(script.count == 4)
  }

  @Test func clientErrorsAreNotRetriedAndCarryTheParsedBody() async throws {
    let script = ScriptedReplies([
      .init(
        statusCode: 400,
        body: #"{"key":"invalid_data","message":"bad","failures":[{"field":"limit","message":"big"}]}"#)
    ])
    let sleeper = RecordingSleeper()
    await #expect(throws: ClientError.self) {
      try await fetcher(script.transport, sleeper).fetch(request) { _, body in try await Self.text(body) }
    }
    do {
      _ = try await fetcher(
        ScriptedReplies([.init(statusCode: 404, body: #"{"error":"nf","message":"gone"}"#)]).transport,
        sleeper
      )
      .fetch(request) { _, body in try await Self.text(body) }
      Issue.record("expected an error")
    } catch let error as ClientError where error.kind == .httpStatus {
      let (status, body) = (error.status, error.providerError!)
      #expect(status == 404)
      #expect(body.code == "nf")
      #expect(body.message == "gone")
    }
    #expect(script.count == 1)
    #expect(sleeper.delays.isEmpty)
  }

  @Test func exhaustedAttemptsSurfaceTheLastStatus() async throws {
    let script = ScriptedReplies(Array(repeating: .init(statusCode: 502, body: "bad gateway"), count: 3))
    let sleeper = RecordingSleeper()
    do {
      _ = try await fetcher(script.transport, sleeper, attempts: 3).fetch(request) { _, b in
        try await Self.text(b)
      }
      Issue.record("expected an error")
    } catch let error as ClientError where error.kind == .httpStatus {
      let (status, body) = (error.status, error.providerError!)
      #expect(status == 502)
      #expect(body.text == "bad gateway")
    }
    #expect(sleeper.delays == [0.75, 1.5])
  }

  @Test func retryAfterBeyondTheCapFailsInsteadOfWaiting() async throws {
    let script = ScriptedReplies([.init(statusCode: 429, headers: ["Retry-After": "3600"], body: "")])
    let sleeper = RecordingSleeper()
    await #expect(
      throws: ClientError.retryAfterTooLong(
        seconds: 3600, status: 429, body: ProviderErrorBody(parsing: Data()),
        url: "GET http://example.invalid/invoices")
    ) {
      try await fetcher(script.transport, sleeper).fetch(request) { _, b in try await Self.text(b) }
    }
    #expect(sleeper.delays.isEmpty)
  }

  /// The provider's body says why it asks to wait (a quota): it used to be dropped, unlike every
  /// other HTTP error's.
  @Test func retryAfterBeyondTheCapKeepsTheProvidersErrorBody() async throws {
    let body = #"{"error": "rate_limited", "message": "daily quota used up"}"#
    let script = ScriptedReplies([.init(statusCode: 429, headers: ["Retry-After": "3600"], body: body)])
    let error = try await #require(throws: ClientError.self) {
      try await fetcher(script.transport, RecordingSleeper()).fetch(request) { _, b in try await Self.text(b)
      }
    }
    #expect(error.kind == .retryAfterTooLong)
    #expect(error.status == 429)
    #expect(error.providerError?.message == "daily quota used up")
    #expect(error.description.contains("daily quota used up"))
  }

  @Test func aBodyCutMidwayIsFetchedAgainFromTheStart() async throws {
    let cut = TransportError(.connectionLost, "reset")
    let script = ScriptedReplies([
      .init(chunks: [Data("[1,".utf8)], failure: cut),
      .init(chunks: [Data("[1,".utf8), Data("2]".utf8)]),
    ])
    let sleeper = RecordingSleeper()
    let seen = Counter()
    let text = try await fetcher(script.transport, sleeper).fetch(request) { _, body in
      seen.increment()
      return try await Self.text(body)
    }
    #expect(text == "[1,2]")
    #expect(seen.value == 2)
    #expect(sleeper.delays == [0.75])
  }

  @Test func connectionFailuresOnEveryAttemptAreATransportError() async throws {
    let sleeper = RecordingSleeper()
    let transport = InMemoryTransport { _ in throw TransportError(.connectionFailed, "refused") }
    await #expect(
      throws: ClientError.transport(
        TransportError(.connectionFailed, "refused"), url: "GET http://example.invalid/invoices", attempts: 2)
    ) {
      try await fetcher(transport, sleeper, attempts: 2).fetch(request) { _, b in try await Self.text(b) }
    }
  }

  @Test func aMalformedBodyOnEveryAttemptIsAMalformedResponse() async throws {
    let script = ScriptedReplies(Array(repeating: .init(body: "[1,"), count: 2))
    await #expect(
      throws: ClientError.malformedResponse(
        message: "truncated", url: "GET http://example.invalid/invoices", attempts: 2)
    ) {
      try await fetcher(script.transport, RecordingSleeper(), attempts: 2).fetch(request) { _, b in
        _ = try await Self.text(b)
        throw MalformedPageError("truncated")
      }
    }
  }
}

final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0
  func increment() { lock.withLock { count += 1 } }
  var value: Int { lock.withLock { count } }
}

@Suite struct HTTPTransportTests {
  func fetcher(_ sleeper: RecordingSleeper) -> RetryingFetcher {
    RetryingFetcher(
      transport: URLSessionTransport(timeout: 10),
      policy: RetryPolicy(maxAttempts: 6, baseDelay: 0.25, maxDelay: 1),
      sleeper: sleeper, jitter: FixedJitter(value: 0))
  }

  @Test func realHTTPWithRateLimitServerErrorTruncationAndClosedConnectionStillGetsTheWholePage() async throws
  {
    let server = try FakeBillingServer.get()
    let invoices = makeInvoices(40)
    let base = try await server.scenario([
      "provider": "elevate", "invoices": invoices,
      "faults": [
        ["on": 1, "kind": "status", "status": 429, "headers": ["Retry-After": "1"], "body": "{}"],
        ["on": 2, "kind": "status", "status": 500, "body": #"{"error":"oops","message":"internal"}"#],
        ["on": 3, "kind": "truncate", "bytes": 200],
        ["on": 4, "kind": "close"],
        ["on": 5, "kind": "slow", "chunk": 300, "delay": 0.001],
      ],
    ])
    let sleeper = RecordingSleeper()
    var components = URLComponents(
      url: base.appendingPathComponent("invoices"), resolvingAgainstBaseURL: false)!
    components.percentEncodedQuery = "page=1&pageSize=1000"
    let data = try await fetcher(sleeper).fetch(URLRequest(url: components.url!)) { _, body in
      var data = Data()
      for try await chunk in body { data.append(chunk) }
      return data
    }
    let decoded = try JSONSerialization.jsonObject(with: data) as? [[String: Any]]
    #expect(decoded?.compactMap { $0["id"] as? String } == invoices.compactMap { $0["id"] as? String })
    // 1 s is the Retry-After; backoffs here are at most 0.5 s. libcurl may absorb the unanswered
    // close by re-sending at once, and a loaded machine may add a failure.
    #expect(sleeper.delays.filter { $0 == 1 } == [1])
    #expect(sleeper.delays.count >= 3)
    #expect(try await server.log(base).count >= 5)
  }

  @Test func aClientErrorOverHTTPCarriesTheProviderMessage() async throws {
    let server = try FakeBillingServer.get()
    let base = try await server.scenario(["provider": "wethod", "invoices": makeInvoices(3)])
    var components = URLComponents(
      url: base.appendingPathComponent("api/invoices"), resolvingAgainstBaseURL: false)!
    components.percentEncodedQuery = "limit=500"
    do {
      _ = try await fetcher(RecordingSleeper()).fetch(URLRequest(url: components.url!)) { _, _ in 0 }
      Issue.record("expected an error")
    } catch let error as ClientError where error.kind == .httpStatus {
      let (status, body) = (error.status, error.providerError!)
      #expect(status == 400)
      #expect(body.description == "invalid_data: You provided invalid data. (limit: must be <= 100)")
    }
  }

  @Test func aRefusedConnectionIsRetriedThenATransportError() async throws {
    let sleeper = RecordingSleeper()
    let fetcher = RetryingFetcher(
      transport: URLSessionTransport(timeout: 10),
      policy: RetryPolicy(maxAttempts: 3, baseDelay: 1, maxDelay: 8),
      sleeper: sleeper, jitter: FixedJitter(value: 0))
    await #expect {
      _ = try await fetcher.fetch(URLRequest(url: URL(string: "http://127.0.0.1:9/invoices")!)) { _, _ in 0 }
    } throws: { error in
      guard case .transport(let transport, _, 3) = (error as? ClientError)?.reason else { return false }
      return transport.kind == .connectionFailed
    }
    #expect(sleeper.delays == [0.5, 1])
  }
}
