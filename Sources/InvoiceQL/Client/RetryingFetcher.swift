import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Sends one request until it succeeds or the retry policy gives up, and hands the successful body to
/// a consumer — again from the start if the connection breaks mid-body (the consumer must tolerate
/// seeing the same page twice; `InvoiceClient` de-duplicates by id).
public struct RetryingFetcher: Sendable {
  public var transport: any HTTPTransport
  public var policy: RetryPolicy
  public var sleeper: any Sleeper
  public var jitter: any JitterSource
  /// The current time, for `Retry-After` dates.
  public var clock: @Sendable () -> Date

  /// Error bodies are read up to this many bytes.
  public static let maxErrorBodyBytes = 64 * 1024

  public init(
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
  public func fetch<T>(
    _ request: URLRequest, consume: (HTTPResponseHead, HTTPBody) async throws -> T
  ) async throws -> T {
    let url = request.url?.absoluteString ?? "(no URL)"
    var attempt = 0
    while true {
      attempt += 1
      try Task.checkCancellation()
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
      if head.isSuccess {
        do {
          return try await consume(head, response.body)
        } catch let error as TransportError {
          guard attempt < policy.maxAttempts else {
            throw ClientError.transport(error, url: url, attempts: attempt)
          }
        } catch let error as MalformedPageError {
          guard attempt < policy.maxAttempts else {
            throw ClientError.malformedResponse(message: error.message, url: url, attempts: attempt)
          }
        }
        try await sleeper.sleep(seconds: policy.backoff(afterAttempt: attempt, unit: jitter.unit()))
        continue
      }
      let body = ProviderErrorBody(parsing: try await Self.collect(response.body))
      guard RetryPolicy.isRetryable(status: head.statusCode), attempt < policy.maxAttempts else {
        throw ClientError.httpStatus(status: head.statusCode, body: body, url: url)
      }
      let delay: Double
      if let asked = RetryAfter.delay(in: head, now: clock()) {
        guard asked <= policy.maxRetryAfter else {
          throw ClientError.retryAfterTooLong(seconds: asked, status: head.statusCode, url: url)
        }
        delay = asked
      } else {
        delay = policy.backoff(afterAttempt: attempt, unit: jitter.unit())
      }
      try await sleeper.sleep(seconds: delay)
    }
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
