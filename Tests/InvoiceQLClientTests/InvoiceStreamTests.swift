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

@Suite struct InvoiceStreamTests {

  func run(
    _ provider: Provider, invoices: [[String: Any]], scenario extra: [String: Any] = [:], limit: Int? = nil,
    sleeper: RecordingSleeper = RecordingSleeper(), residual: BoundExpression = statusIsOpen,
    timeout: Double = 10, concurrency: Int = 1
  ) async throws -> (ids: [String], base: URL) {
    let server = try FakeBillingServer.get()
    var spec: [String: Any] = ["provider": provider.name, "invoices": invoices, "pageSize": 4]
    spec.merge(extra) { $1 }
    let base = try await server.scenario(spec)
    let stream = InvoiceStream(
      FetchSpec(
        endpoint: FirstRequests.endpoint(provider, base: base), requests: [try FirstRequests.make(provider)],
        residual: residual,
        limit: limit, concurrency: concurrency),
      fetcher: testFetcher(sleeper, timeout: timeout))
    return (try await stream.collect().map { $0.id ?? "?" }, base)
  }

  @Test(arguments: Provider.all)
  func everyPageIsReadAndExactlyTheMatchesComeBackInOrder(provider: Provider) async throws {
    let invoices = makeInvoices(18, prefix: provider.name, numericIds: FirstRequests.numericIds(provider))
    let (ids, base) = try await run(provider, invoices: invoices)
    #expect(ids == (try expectedIds(invoices, statusIsOpen)))
    let log = try await FakeBillingServer.get().log(base)
    #expect(log.count == 5)
  }

  /// With four pages in flight: the same matches in the same order, no page asked for twice, and
  /// past the end at most the three pages sent ahead (none where a total or a cursor says where
  /// the listing ends).
  @Test(arguments: Provider.all)
  func withPagesInFlightEveryPageIsReadOnceAndTheMatchesComeBackInOrder(provider: Provider) async throws {
    let invoices = makeInvoices(18, prefix: provider.name, numericIds: FirstRequests.numericIds(provider))
    let (ids, base) = try await run(provider, invoices: invoices, concurrency: 4)
    #expect(ids == (try expectedIds(invoices, statusIsOpen)))
    let log = try await FakeBillingServer.get().log(base)
    let requests = log.map { $0.rawQuery + ($0.body ?? "") }
    #expect(Set(requests).count == requests.count, "\(requests)")
    #expect((5...8).contains(log.count))
    if provider == .softwareone || provider == .rhythm { #expect(log.count == 5) }
  }

  @Test(arguments: Provider.all)
  func rateLimitsServerErrorsCutsAndSlowBodiesLoseAndDuplicateNothing(provider: Provider) async throws {
    let invoices = makeInvoices(18, prefix: provider.name, numericIds: FirstRequests.numericIds(provider))
    let sleeper = RecordingSleeper()
    let faults: [[String: Any]] = [
      ["on": 2, "kind": "status", "status": 429, "headers": ["Retry-After": "1"], "body": "{}"],
      ["on": 3, "kind": "status", "status": 503, "body": "unavailable"],
      ["on": 4, "kind": "truncate", "bytes": 150],
      ["on": 6, "kind": "slow", "chunk": 40, "delay": 0.001],
      ["on": 7, "kind": "close"],
    ]
    // Not "close" for roadsync's POST: Linux's URLSession re-sends a POST whose connection closed
    // unanswered without its body, and that exchange only ends at the transport's timeout.
    let (ids, base) = try await run(
      provider, invoices: invoices,
      scenario: ["faults": try FirstRequests.isPost(provider) ? Array(faults.dropLast()) : faults],
      sleeper: sleeper)
    #expect(ids == (try expectedIds(invoices, statusIsOpen)))
    #expect(Set(ids).count == ids.count)
    let log = try await FakeBillingServer.get().log(base)
    // Retry-After first; then a backoff per failed attempt. libcurl itself silently re-sends a
    // request whose reused connection closed before any byte of answer, so "close" may cost no
    // attempt of ours.
    // (On a loaded machine an extra connection failure may add a backoff, never a 1 s one.)
    #expect(sleeper.delays.filter { $0 == 1 } == [1])
    #expect(sleeper.delays.count >= 3)
    #expect(log.count >= (try FirstRequests.isPost(provider) ? 8 : 9))
  }

  @Test func aRepeatingRhythmCursorIsAnErrorNotALoop() async throws {
    await #expect {
      _ = try await run(.rhythm, invoices: makeInvoices(20), scenario: ["repeatCursorAtPage": 3])
    } throws: { error in
      guard case .paging(.cursorRepeated, _) = (error as? ClientError)?.reason else { return false }
      return true
    }
  }

  @Test func aShrinkingSoftwareOneTotalIsAnError() async throws {
    await #expect {
      _ = try await run(.softwareone, invoices: makeInvoices(20), scenario: ["shrinkTotalAtPage": 2])
    } throws: { error in
      (error as? ClientError) == .paging(.totalShrank(from: 20, to: 19), url: "")
        || {
          if case .paging(.totalShrank(20, 19), _) = (error as? ClientError)?.reason {
            return true
          } else {
            return false
          }
        }()
    }
  }

  @Test(arguments: Provider.all)
  func aServerIgnoringPagingIsDetectedInsteadOfLoopingForever(provider: Provider) async throws {
    await #expect {
      _ = try await run(
        provider, invoices: makeInvoices(20, numericIds: FirstRequests.numericIds(provider)),
        scenario: ["ignorePaging": true])
    } throws: { error in
      guard case .paging(let paging, _) = (error as? ClientError)?.reason else { return false }
      if case .cursorRepeated = paging { return true }
      return paging == .pageRepeated(page: 2) || paging == .shortResult(expected: 20, received: 4)
    }
  }

  @Test func roadsyncContinuationsAreFollowedWithoutLossOrDuplicates() async throws {
    let invoices = makeInvoices(18, prefix: "rs")
    let (ids, base) = try await run(
      .roadsync, invoices: invoices, scenario: ["continuationPages": [1, 3, 5]])
    #expect(ids == (try expectedIds(invoices, statusIsOpen)))
    let log = try await FakeBillingServer.get().log(base)
    #expect(log.count == 8)
    // With pages in flight, a continued page is asked again while the later pages wait.
    let (inFlight, inFlightBase) = try await run(
      .roadsync, invoices: invoices, scenario: ["continuationPages": [1, 3, 5]], concurrency: 4)
    #expect(inFlight == ids)
    let inFlightLog = try await FakeBillingServer.get().log(inFlightBase)
    #expect((8...11).contains(inFlightLog.count))
    let continued = try log.compactMap { entry -> [String: Any]? in
      try JSONSerialization.jsonObject(with: Data((entry.body ?? "{}").utf8)) as? [String: Any]
    }.filter { $0["searchStart"] != nil }
    #expect(continued.map { $0["searchStart"] as? Int } == [1001, 1003, 1005])
    #expect(continued.map { $0["resultToken"] as? String } == ["tok-1", "tok-3", "tok-5"])
  }

  @Test func aRoadsyncContinuationThatRepeatsIsAnError() async throws {
    await #expect {
      _ = try await run(
        .roadsync, invoices: makeInvoices(18),
        scenario: ["continuationPages": [2], "repeatContinuation": true])
    } throws: { error in
      guard case .paging(.cursorRepeated, _) = (error as? ClientError)?.reason else { return false }
      return true
    }
  }

  @Test func aLimitStopsFetchingAsSoonAsItIsMet() async throws {
    let invoices = makeInvoices(40, numericIds: true)
    let (ids, base) = try await run(.elevate, invoices: invoices, limit: 3)
    #expect(ids == Array(try expectedIds(invoices, statusIsOpen).prefix(3)))
    // ids 1 and 4 are on page 1, id 7 on page 2: eight more pages are never asked for.
    #expect(try await FakeBillingServer.get().log(base).count == 2)
  }

  @Test func matchesArriveBeforeTheNextPageIsRequested() async throws {
    let server = try FakeBillingServer.get()
    let base = try await server.scenario([
      "provider": "wethod", "invoices": makeInvoices(40, numericIds: true),
    ])
    let stream = InvoiceStream(
      FetchSpec(
        endpoint: FirstRequests.endpoint(.wethod, base: base), requests: [try FirstRequests.make(.wethod)],
        residual: .constant(true), concurrency: 1),
      fetcher: testFetcher(RecordingSleeper()))
    var iterator = stream.makeAsyncIterator()
    for expected in 1...4 {
      #expect(try await iterator.next()?.id == String(expected))
      #expect(try await server.log(base).count == 1)
    }
    #expect(try await iterator.next()?.id == "5")
    #expect(try await server.log(base).count == 2)
  }

  @Test func aClientErrorSurfacesTheProvidersMessage() async throws {
    let faults: [[String: Any]] = [
      [
        "on": 2, "kind": "status", "status": 412,
        "body": #"{"key":"precondition_failure","message":"Wethod-Company is missing"}"#,
      ]
    ]
    await #expect {
      _ = try await run(.wethod, invoices: makeInvoices(10, numericIds: true), scenario: ["faults": faults])
    } throws: { error in
      guard case .httpStatus(412, let body, _) = (error as? ClientError)?.reason else { return false }
      return body.description == "precondition_failure: Wethod-Company is missing"
    }
  }

  @Test func limitZeroSendsNothingEvenWithAClientSort() async throws {
    let transport = InMemoryTransport { _ in throw TransportError(.connectionFailed, "must not be called") }
    let key = BoundSortKey(
      field: BoundField(path: ["total"], type: .decimal, name: "total"), descending: false)
    let stream = InvoiceStream(
      FetchSpec(
        endpoint: FirstRequests.endpoint(.elevate, base: URL(string: "http://x.invalid")!),
        requests: [NativeRequest(testURL: "http://x.invalid/invoices")],
        sort: [key],
        limit: 0),
      fetcher: RetryingFetcher(transport: transport, policy: .none))
    #expect(try await stream.collect().isEmpty)
  }

  @Test func aPlanWithNoRequestsYieldsNothingAndSendsNothing() async throws {
    let transport = InMemoryTransport { _ in throw TransportError(.connectionFailed, "must not be called") }
    let stream = InvoiceStream(
      FetchSpec(
        endpoint: FirstRequests.endpoint(.elevate, base: URL(string: "http://x.invalid")!), requests: []),
      fetcher: RetryingFetcher(transport: transport))
    #expect(try await stream.collect().isEmpty)
  }

  @Test func aMalformedBodyOnEveryAttemptIsATypedErrorWithItsOffset() async throws {
    let transport = InMemoryTransport { _ in .init(body: #"[{"id":1},{"id":2"#) }
    let stream = InvoiceStream(
      FetchSpec(
        endpoint: FirstRequests.endpoint(.elevate, base: URL(string: "http://x.invalid")!),
        requests: [NativeRequest(testURL: "http://x.invalid/invoices")]),
      fetcher: RetryingFetcher(
        transport: transport, policy: RetryPolicy(maxAttempts: 2), sleeper: RecordingSleeper()))
    await #expect {
      _ = try await stream.collect()
    } throws: { error in
      guard case .malformedResponse(let message, _, 2) = (error as? ClientError)?.reason else { return false }
      return message.contains("byte 17")
    }
  }

  /// The body sends its first chunk (two whole invoices of fifty) and then nothing, never ending:
  /// only cancellation can end the consumer. Counted, not timed: the consumer gets what arrived and
  /// no more, the stream throws `CancellationError`, the body is let go (the transfer stops), and
  /// nothing is sent again. Were cancellation lost, the test would hang until its time limit.
  @Test(.timeLimit(.minutes(1)))
  func cancellingTheConsumerStopsTheTransfer() async throws {
    let page = "[" + (1...50).map { #"{"id":\#($0),"status":"open"}"# }.joined(separator: ",") + "]"
    let secondEnds = try #require(page.range(of: #""id":3,"#)).lowerBound
    let transport = StalledBodyTransport(first: Data(page[..<secondEnds].utf8))
    let stream = InvoiceStream(
      FetchSpec(
        endpoint: FirstRequests.endpoint(.elevate, base: URL(string: "http://x.invalid")!),
        requests: [NativeRequest(testURL: "http://x.invalid/invoices?pageSize=100")],
        residual: statusIsOpen, concurrency: 1),
      fetcher: RetryingFetcher(transport: transport, sleeper: RecordingSleeper()))
    let received = Counter()
    let (firstMatch, signal) = AsyncStream<Void>.makeStream()
    let task = Task {
      for try await _ in stream {
        received.increment()
        signal.yield()
      }
    }
    var arrivals = firstMatch.makeAsyncIterator()
    _ = await arrivals.next()
    task.cancel()
    let result = await task.result
    #expect(throws: CancellationError.self) { try result.get() }
    #expect((1...2).contains(received.value), "only the two invoices that arrived can match")
    #expect(transport.bodiesReleased == 1, "the body was not let go")
    #expect(transport.sends == 1)
  }

  @Test func matchesDeliveredBeforeACutAreNotDeliveredAgainWhenThePageIsRefetched() async throws {
    let page =
      #"[{"id":1,"status":"open"},{"id":2,"status":"open"},{"id":3,"status":"paid"},{"id":4,"status":"open"}]"#
    let cutAt = page.utf8.count / 2
    let replies = ScriptedReplies([
      .init(chunks: [Data(page.utf8.prefix(cutAt))], failure: TransportError(.connectionLost, "reset")),
      .init(chunks: [Data(page.utf8)]),
    ])
    let stream = InvoiceStream(
      FetchSpec(
        endpoint: FirstRequests.endpoint(.elevate, base: URL(string: "http://x.invalid")!),
        requests: [NativeRequest(testURL: "http://x.invalid/invoices?pageSize=10")],
        residual: statusIsOpen, concurrency: 1),
      fetcher: RetryingFetcher(transport: replies.transport, sleeper: RecordingSleeper()))
    var iterator = stream.makeAsyncIterator()
    #expect(try await iterator.next()?.id == "1")
    #expect(try await iterator.next()?.id == "2")
    #expect(replies.count == 1)
    #expect(try await iterator.next()?.id == "4")
    #expect(replies.count == 2)
    #expect(try await iterator.next() == nil)
  }
}

/// A transport whose every body yields `first` and then stays open without another byte; counts the
/// requests and the bodies their reader let go of.
final class StalledBodyTransport: HTTPTransport, @unchecked Sendable {
  private let first: Data
  private let lock = NSLock()
  private var sent = 0
  private var released = 0
  /// Held so the bodies stay open (a stream whose continuation is gone ends).
  private var open: [HTTPBody.Continuation] = []

  init(first: Data) { self.first = first }

  var sends: Int { lock.withLock { sent } }
  var bodiesReleased: Int { lock.withLock { released } }

  func send(_ request: URLRequest) async throws -> HTTPResponse {
    let (body, continuation) = HTTPBody.makeStream()
    continuation.onTermination = { [weak self] _ in
      guard let self else { return }
      self.lock.withLock { self.released += 1 }
    }
    continuation.yield(first)
    lock.withLock {
      sent += 1
      open.append(continuation)
    }
    return HTTPResponse(head: HTTPResponseHead(statusCode: 200), body: body)
  }
}
