import Foundation
import InvoiceQL
import InvoiceQLClient

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// An `HTTPTransport` answered by a `SimulatedListing`, with a latency per request and scripted
/// faults: the local fake server of `run`'s property tests and benchmark, without sockets. It counts
/// the requests and the most that were in flight at once.
package final class SimulatedTransport: HTTPTransport, @unchecked Sendable {
  /// A scripted answer in place of the listing's, for the request with this ordinal (1-based).
  package enum Fault: Sendable {
    /// An error status with headers (a 429 with `Retry-After`, a 503).
    case status(Int, headers: [String: String])
    /// The body cut after this many bytes (the connection breaks).
    case cut(bytes: Int)
  }

  package let listing: SimulatedListing
  /// Seconds each request waits before its answer.
  package let latency: Double
  private let faults: [Int: Fault]
  private let lock = NSLock()
  private var sent = 0
  private var inFlight = 0
  private var peak = 0
  private var urls: [String] = []

  package init(listing: SimulatedListing, latency: Double = 0, faults: [Int: Fault] = [:]) {
    self.listing = listing
    self.latency = latency
    self.faults = faults
  }

  /// Requests received so far.
  package var requestCount: Int { lock.withLock { sent } }
  /// The most requests in flight at once.
  package var peakInFlight: Int { lock.withLock { peak } }
  /// Every request's URL, in the order received.
  package var requestURLs: [String] { lock.withLock { urls } }

  package func send(_ request: URLRequest) async throws -> HTTPResponse {
    let ordinal = lock.withLock { () -> Int in
      sent += 1
      inFlight += 1
      peak = max(peak, inFlight)
      urls.append(request.url?.absoluteString ?? "")
      return sent
    }
    defer { lock.withLock { inFlight -= 1 } }
    if latency > 0 { try await Task.sleep(nanoseconds: UInt64(latency * 1_000_000_000)) }
    try Task.checkCancellation()
    let (stream, continuation) = HTTPBody.makeStream()
    switch faults[ordinal] {
    case .status(let status, let headers)?:
      continuation.yield(Data(#"{"error":"fault","message":"scripted"}"#.utf8))
      continuation.finish()
      return HTTPResponse(head: HTTPResponseHead(statusCode: status, headers: headers), body: stream)
    case .cut(let bytes)?:
      let (_, body) = try answer(request)
      continuation.yield(Data(body.utf8.prefix(bytes)))
      continuation.finish(throwing: TransportError(.connectionLost, "scripted cut"))
      return HTTPResponse(head: HTTPResponseHead(statusCode: 200), body: stream)
    case nil:
      let (status, body) = try answer(request)
      continuation.yield(Data(body.utf8))
      continuation.finish()
      return HTTPResponse(head: HTTPResponseHead(statusCode: status), body: stream)
    }
  }

  private func answer(_ request: URLRequest) throws -> (Int, String) {
    try listing.respond(Self.nativeRequest(request))
  }

  /// The `NativeRequest` a `URLRequest` carries: its path, its query decoded, its headers and body.
  static func nativeRequest(_ request: URLRequest) -> NativeRequest {
    let url = request.url
    let path =
      url.map { URLComponents(url: $0, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? "/" } ?? "/"
    var query: [(name: String, value: String?)] = []
    if let text = url?.query(percentEncoded: true), !text.isEmpty {
      for component in text.split(separator: "&") {
        let pair = component.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = URLText.decode(pair[0]) ?? String(pair[0])
        query.append((name, pair.count > 1 ? (URLText.decode(pair[1]) ?? String(pair[1])) : nil))
      }
    }
    return NativeRequest(
      method: request.httpMethod ?? "GET", path: path, query: query,
      headers: request.allHTTPHeaderFields ?? [:],
      body: request.httpBody.map { String(decoding: $0, as: UTF8.self) })
  }
}
