import Foundation
import InvoiceQL

/// When and how long to wait before asking again: 429 and 5xx responses and broken connections are
/// retried, honouring the server's `Retry-After`, else with jittered exponential backoff.
///
/// Waiting and randomness are injected (`Sleeper`, `JitterSource`) so tests run instantly and
/// deterministically while recording every delay that was asked for.
public struct RetryPolicy: Sendable, Hashable {
  /// Attempts per page, the first included. 1 disables retries.
  public var maxAttempts: Int
  /// The backoff before the second attempt, in seconds; doubled on each further attempt.
  public var baseDelay: Double
  /// No backoff is longer than this.
  public var maxDelay: Double
  /// A `Retry-After` longer than this is not waited for: the request fails with the server's answer.
  public var maxRetryAfter: Double

  /// A policy; values out of range are clamped (at least one attempt, no negative delay).
  public init(
    maxAttempts: Int = 5, baseDelay: Double = 0.5, maxDelay: Double = 30, maxRetryAfter: Double = 120
  ) {
    self.maxAttempts = Swift.max(1, maxAttempts)
    self.baseDelay = Swift.max(0, baseDelay)
    self.maxDelay = Swift.max(0, maxDelay)
    self.maxRetryAfter = Swift.max(0, maxRetryAfter)
  }

  /// Five attempts, backing off from half a second up to 30 s, waiting at most 120 s when asked.
  public static let `default` = RetryPolicy()
  /// One attempt, never a retry.
  public static let none = RetryPolicy(maxAttempts: 1)

  /// Whether a response with this status is worth another attempt.
  public static func isRetryable(status: Int) -> Bool { status == 429 || (500...599).contains(status) }

  /// Whether the server says no retry can help: a `…-Should-Retry: false` header (an API's own
  /// advice on 429s and 5xx, such as a rate limit that will not lift or a request that will fail
  /// again). `true` or no such header leaves the decision to the status.
  public static func serverAdvisesAgainstRetry(_ head: HTTPResponseHead) -> Bool {
    head.headers.contains { $0.key.hasSuffix("-should-retry") && $0.value.lowercased() == "false" }
  }

  /// The backoff before attempt `attempt + 1` (attempt counts from 1), given `unit` in [0, 1):
  /// "equal jitter" — half the capped exponential delay, plus a random share of the other half.
  public func backoff(afterAttempt attempt: Int, unit: Double) -> Double {
    let exponent = Double(Swift.min(Swift.max(attempt - 1, 0), 60))
    let ceiling = Swift.min(maxDelay, baseDelay * pow(2, exponent))
    let share = Swift.min(Swift.max(unit, 0), 1)
    return ceiling / 2 + ceiling / 2 * share
  }
}

/// `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Wethod's `x-ratelimit-retry-after`
/// is read the same way.
package enum RetryAfter {
  /// The header names consulted, in order.
  package static let headerNames = ["retry-after", "x-ratelimit-retry-after"]

  /// The delay a response head asks for, in seconds (a date in the past is 0), or nil when it asks
  /// for none or the value is unreadable.
  package static func delay(in head: HTTPResponseHead, now: Date) -> Double? {
    for name in headerNames {
      if let value = head.header(name), let seconds = parse(value, now: now) { return seconds }
    }
    return nil
  }

  /// Parses one header value: non-negative seconds (digits, optionally with a fraction) or an
  /// IMF-fixdate / RFC 850 / asctime date.
  package static func parse(_ value: String, now: Date) -> Double? {
    let text = value.trimmingCharacters(in: .whitespaces)
    if !text.isEmpty, text.utf8.count <= 20,
      text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
      text.first != ".", text.filter({ $0 == "." }).count <= 1, let seconds = Double(text)
    {
      return seconds
    }
    for format in dateFormats {
      let formatter = DateFormatter()
      formatter.locale = Locale(identifier: "en_US_POSIX")
      formatter.timeZone = TimeZone(identifier: "GMT")
      formatter.dateFormat = format
      if let date = formatter.date(from: text) { return Swift.max(0, date.timeIntervalSince(now)) }
    }
    return nil
  }

  private static let dateFormats = [
    "EEE, dd MMM yyyy HH:mm:ss zzz",  // IMF-fixdate
    "EEEE, dd-MMM-yy HH:mm:ss zzz",  // RFC 850
    "EEE MMM d HH:mm:ss yyyy",  // asctime
  ]
}

/// Waits between attempts. Tests inject one that records the delays and returns at once.
package protocol Sleeper: Sendable {
  /// Waits `seconds`; throws `CancellationError` when the task is cancelled meanwhile.
  func sleep(seconds: Double) async throws
}

/// The real sleeper: `Task.sleep`.
package struct TaskSleeper: Sleeper {
  package init() {}
  package func sleep(seconds: Double) async throws {
    guard seconds > 0 else { return try Task.checkCancellation() }
    try await Task.sleep(nanoseconds: UInt64(Swift.min(seconds, 86_400) * 1_000_000_000))
  }
}

/// The random share of each backoff, in [0, 1).
package protocol JitterSource: Sendable {
  func unit() -> Double
}

/// System randomness for jitter.
package struct SystemJitter: JitterSource {
  package init() {}
  package func unit() -> Double { Double.random(in: 0..<1) }
}
