import Foundation
import InvoiceQL

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Sends one request until it succeeds or the retry policy gives up, and hands the successful body to
/// a consumer — again from the start if the connection breaks mid-body (the consumer must tolerate
/// seeing the same page twice; `InvoiceClient` de-duplicates by id).
package struct RetryingFetcher: Sendable {
  package var transport: any HTTPTransport
  package var policy: RetryPolicy
  package var sleeper: any Sleeper
  package var jitter: any JitterSource
  /// The current time, for `Retry-After` dates.
  package var clock: @Sendable () -> Date
  /// An optional request-rate budget every attempt waits for (nil: none).
  package var budget: RequestBudget?

  /// Error bodies are read up to this many bytes.
  package static let maxErrorBodyBytes = 64 * 1024

  package init(
    transport: any HTTPTransport, policy: RetryPolicy = .default, sleeper: any Sleeper = TaskSleeper(),
    jitter: any JitterSource = SystemJitter(), clock: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.transport = transport
    self.policy = policy
    self.sleeper = sleeper
    self.jitter = jitter
    self.clock = clock
  }

  /// Fetches `request` and returns what `consume` makes of its body.
  ///
  /// Retried: connection failures (`TransportError`), 429 and 5xx (after `Retry-After` or backoff),
  /// and bodies `consume` rejects with `TransportError` or `MalformedPageError`. Anything else
  /// `consume` throws (cancellation, a paging error) ends the fetch at once.
  package func fetch<T>(
    _ request: URLRequest, consume: (HTTPResponseHead, HTTPBody) async throws -> T
  ) async throws -> T {
    var attempt = 0
    while true {
      let response = try await open(request, attempt: &attempt)
      do {
        return try await consume(response.head, response.body)
      } catch {
        try await recover(from: error, request: request, attempt: attempt)
      }
    }
  }

  /// Sends `request` until a 2xx head arrives, counting attempts in `attempt` (shared with body
  /// failures of the same page, so a page never gets more than `policy.maxAttempts`). `onThrottle`
  /// hears of every 429 (the client halves the pages it keeps in flight).
  package func open(
    _ request: URLRequest, attempt: inout Int, onThrottle: (@Sendable () -> Void)? = nil
  ) async throws -> HTTPResponse {
    let url = Self.describe(request)
    while true {
      attempt += 1
      try Task.checkCancellation()
      if let budget { try await budget.wait() }
      let response: HTTPResponse
      do {
        response = try await transport.send(request)
      } catch let error as TransportError {
        guard attempt < policy.maxAttempts else {
          throw ClientError.transport(error, url: url, attempts: attempt)
        }
        try await sleeper.sleep(seconds: policy.backoff(afterAttempt: attempt, unit: jitter.unit()))
        continue
      }
      let head = response.head
      if head.isSuccess { return response }
      if head.statusCode == 429 { onThrottle?() }
      let body = ProviderErrorBody(parsing: try await Self.collect(response.body))
      guard RetryPolicy.isRetryable(status: head.statusCode), !RetryPolicy.serverAdvisesAgainstRetry(head),
        attempt < policy.maxAttempts
      else {
        throw ClientError.httpStatus(status: head.statusCode, body: body, url: url)
      }
      let delay: Double
      if let asked = RetryAfter.delay(in: head, now: clock()) {
        guard asked <= policy.maxRetryAfter else {
          throw ClientError.retryAfterTooLong(
            seconds: asked, status: head.statusCode, body: body, url: url)
        }
        delay = asked
      } else {
        delay = policy.backoff(afterAttempt: attempt, unit: jitter.unit())
      }
      try await sleeper.sleep(seconds: delay)
    }
  }

  /// After a successful head, the body failed with `error` on attempt `attempt`: waits before the
  /// next attempt when the failure is worth one (`TransportError`, `MalformedPageError`) and
  /// attempts remain; otherwise throws the final error.
  package func recover(from error: any Error, request: URLRequest, attempt: Int) async throws {
    let url = Self.describe(request)
    switch error {
    case let error as TransportError:
      guard attempt < policy.maxAttempts else {
        throw ClientError.transport(error, url: url, attempts: attempt)
      }
    case let error as MalformedPageError:
      guard attempt < policy.maxAttempts else {
        throw ClientError.malformedResponse(message: error.message, url: url, attempts: attempt)
      }
    default:
      throw error
    }
    try await sleeper.sleep(seconds: policy.backoff(afterAttempt: attempt, unit: jitter.unit()))
  }

  static func describe(_ request: URLRequest) -> String {
    (request.httpMethod ?? "GET") + " " + (request.url?.absoluteString ?? "(no URL)")
  }

  /// The first `maxErrorBodyBytes` of a body; a body that breaks off yields what arrived.
  static func collect(_ body: HTTPBody) async throws -> Data {
    var data = Data()
    do {
      for try await chunk in body {
        data.append(chunk.prefix(maxErrorBodyBytes - data.count))
        if data.count >= maxErrorBodyBytes { break }
      }
    } catch is TransportError {
      return data
    }
    return data
  }
}
