import Foundation
import InvoiceQL

/// Why fetching invoices failed. Every failure is one of these — never a silently short result.
public enum ClientError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The server answered with an error status: a 4xx other than 429 at once, a 429 or 5xx once the
  /// attempts ran out. `body` is the provider's error body, parsed.
  case httpStatus(status: Int, body: ProviderErrorBody, url: String)
  /// The server asked to wait longer than `RetryPolicy.maxRetryAfter` allows.
  case retryAfterTooLong(seconds: Double, status: Int, url: String)
  /// The connection failed on every attempt.
  case transport(TransportError, url: String, attempts: Int)
  /// The body was not a complete, well-formed page on every attempt (the decoder's message, with
  /// its byte offset).
  case malformedResponse(message: String, url: String, attempts: Int)
  /// The pages do not add up: a cursor repeated, a total shrank, a page came back twice.
  case paging(PagingError, url: String)
  /// The query text does not parse or bind: its diagnostics, rendered with carets.
  case invalidQuery(String)
  /// The query could not be run against this provider (unknown provider, missing setting, …).
  case invalidRequest(String)

  public var description: String {
    switch self {
    case .httpStatus(let status, let body, let url):
      "HTTP \(status) from \(url): \(body)"
    case .retryAfterTooLong(let seconds, let status, let url):
      "HTTP \(status) from \(url): the server asks to retry after \(Self.format(seconds)) s, longer than allowed"
    case .transport(let error, let url, let attempts):
      "\(error) (\(url), \(attempts) attempt\(attempts == 1 ? "" : "s"))"
    case .malformedResponse(let message, let url, let attempts):
      "malformed response from \(url): \(message) (\(attempts) attempt\(attempts == 1 ? "" : "s"))"
    case .paging(let error, let url):
      "paging error at \(url): \(error)"
    case .invalidQuery(let message), .invalidRequest(let message):
      message
    }
  }

  private static func format(_ seconds: Double) -> String {
    seconds == seconds.rounded() && abs(seconds) < 1e15 ? String(Int64(seconds)) : String(seconds)
  }
}

/// A page body that did not decode (truncated or malformed). The fetcher retries the page; if every
/// attempt fails this way it becomes `ClientError.malformedResponse`.
package struct MalformedPageError: Error, Sendable, Hashable, CustomStringConvertible {
  package var message: String
  package init(_ message: String) { self.message = message }
  package var description: String { message }
}
