import Foundation
import InvoiceQL

/// Why fetching invoices failed. Every failure is one of these — never a silently short result.
///
/// ``kind`` says which; the properties that apply to it carry the details: the provider's parsed
/// error body for an HTTP error, the query's diagnostics for a query the provider cannot take.
/// ``description`` is one readable line (for a query error, the rendered diagnostics).
public struct ClientError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The kind of failure: a small set that may grow without breaking a `switch` (compare with `==`).
  public struct Kind: Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable name (`http-status`).
    public let name: String
    private init(_ name: String) { self.name = name }
    public var description: String { name }

    /// The server answered with an error status: a 4xx other than 429 at once, a 429 or 5xx once
    /// the attempts ran out (``ClientError/status``, ``ClientError/providerError``).
    public static let httpStatus = Kind("http-status")
    /// The server asked to wait longer than ``RetryPolicy/maxRetryAfter`` allows.
    public static let retryAfterTooLong = Kind("retry-after-too-long")
    /// The connection failed on every attempt.
    public static let transport = Kind("transport")
    /// The body was not a complete, well-formed page on every attempt.
    public static let malformedResponse = Kind("malformed-response")
    /// The pages do not add up: a cursor repeated, a total shrank, a page came back twice.
    public static let paging = Kind("paging")
    /// The query does not parse, does not fit the provider, or cannot be planned
    /// (``ClientError/queryError``).
    public static let invalidQuery = Kind("invalid-query")
    /// The request cannot be made: a plan for another provider, for instance.
    public static let invalidRequest = Kind("invalid-request")
  }

  package enum Reason: Sendable, Hashable {
    case httpStatus(status: Int, body: ProviderErrorBody, url: String)
    case retryAfterTooLong(seconds: Double, status: Int, body: ProviderErrorBody, url: String)
    case transport(TransportError, url: String, attempts: Int)
    case malformedResponse(message: String, url: String, attempts: Int)
    case paging(PagingError, url: String)
    case invalidQuery(QueryError)
    case invalidRequest(String)
  }

  package var reason: Reason
  package init(_ reason: Reason) { self.reason = reason }

  package static func httpStatus(status: Int, body: ProviderErrorBody, url: String) -> ClientError {
    ClientError(.httpStatus(status: status, body: body, url: url))
  }
  package static func retryAfterTooLong(
    seconds: Double, status: Int, body: ProviderErrorBody, url: String
  ) -> ClientError {
    ClientError(.retryAfterTooLong(seconds: seconds, status: status, body: body, url: url))
  }
  package static func transport(_ error: TransportError, url: String, attempts: Int) -> ClientError {
    ClientError(.transport(error, url: url, attempts: attempts))
  }
  package static func malformedResponse(message: String, url: String, attempts: Int) -> ClientError {
    ClientError(.malformedResponse(message: message, url: url, attempts: attempts))
  }
  package static func paging(_ error: PagingError, url: String) -> ClientError {
    ClientError(.paging(error, url: url))
  }
  package static func invalidQuery(_ error: QueryError) -> ClientError { ClientError(.invalidQuery(error)) }
  package static func invalidRequest(_ message: String) -> ClientError {
    ClientError(.invalidRequest(message))
  }

  /// The kind of failure.
  public var kind: Kind {
    switch reason {
    case .httpStatus: .httpStatus
    case .retryAfterTooLong: .retryAfterTooLong
    case .transport: .transport
    case .malformedResponse: .malformedResponse
    case .paging: .paging
    case .invalidQuery: .invalidQuery
    case .invalidRequest: .invalidRequest
    }
  }

  /// The URL of the request that failed, when a request failed.
  public var url: String? {
    switch reason {
    case .httpStatus(_, _, let url), .retryAfterTooLong(_, _, _, let url), .transport(_, let url, _),
      .malformedResponse(_, let url, _), .paging(_, let url):
      url
    case .invalidQuery, .invalidRequest: nil
    }
  }

  /// The HTTP status of the last answer, for ``Kind/httpStatus`` and ``Kind/retryAfterTooLong``.
  public var status: Int? {
    switch reason {
    case .httpStatus(let status, _, _), .retryAfterTooLong(_, let status, _, _): status
    default: nil
    }
  }

  /// The provider's error body, parsed, for ``Kind/httpStatus`` and ``Kind/retryAfterTooLong``.
  public var providerError: ProviderErrorBody? {
    switch reason {
    case .httpStatus(_, let body, _), .retryAfterTooLong(_, _, let body, _): body
    default: nil
    }
  }

  /// The query's diagnostics, for ``Kind/invalidQuery``.
  public var queryError: QueryError? {
    if case .invalidQuery(let error) = reason { return error }
    return nil
  }

  /// How many attempts were made, for failures that were retried.
  public var attempts: Int? {
    switch reason {
    case .transport(_, _, let attempts), .malformedResponse(_, _, let attempts): attempts
    default: nil
    }
  }

  public var description: String {
    switch reason {
    case .httpStatus(let status, let body, let url):
      "HTTP \(status) from \(url): \(body)"
    case .retryAfterTooLong(let seconds, let status, let body, let url):
      "HTTP \(status) from \(url): the server asks to retry after \(Self.format(seconds)) s, longer than allowed"
        + (body.text.isEmpty ? "" : ": \(body)")
    case .transport(let error, let url, let attempts):
      "\(error) (\(url), \(attempts) attempt\(attempts == 1 ? "" : "s"))"
    case .malformedResponse(let message, let url, let attempts):
      "malformed response from \(url): \(message) (\(attempts) attempt\(attempts == 1 ? "" : "s"))"
    case .paging(let error, let url):
      "paging error at \(url): \(error)"
    case .invalidQuery(let error):
      error.description
    case .invalidRequest(let message):
      message
    }
  }

  private static func format(_ seconds: Double) -> String {
    seconds == seconds.rounded() && abs(seconds) < 1e15 ? String(Int64(seconds)) : String(seconds)
  }
}

/// A page body that did not decode (truncated or malformed). The fetcher retries the page; if every
/// attempt fails this way it becomes a ``ClientError`` of kind ``ClientError/Kind/malformedResponse``.
package struct MalformedPageError: Error, Sendable, Hashable, CustomStringConvertible {
  package var message: String
  package init(_ message: String) { self.message = message }
  package var description: String { message }
}
