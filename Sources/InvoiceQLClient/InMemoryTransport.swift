import Foundation
import InvoiceQL

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A transport answered by a closure: for tests and for embedding apps that already hold responses.
///
/// A `Reply` can end its body with a failure after its chunks, which is how a connection cut
/// mid-page is simulated without a network.
package struct InMemoryTransport: HTTPTransport {
  /// One scripted response.
  package struct Reply: Sendable {
    package var statusCode: Int
    package var headers: [String: String]
    package var chunks: [Data]
    /// Thrown from the body stream after the chunks: a broken connection.
    package var failure: TransportError?

    package init(
      statusCode: Int = 200, headers: [String: String] = [:], chunks: [Data],
      failure: TransportError? = nil
    ) {
      self.statusCode = statusCode
      self.headers = headers
      self.chunks = chunks
      self.failure = failure
    }

    /// A whole body in one chunk.
    package init(statusCode: Int = 200, headers: [String: String] = [:], body: String) {
      self.init(statusCode: statusCode, headers: headers, chunks: [Data(body.utf8)])
    }
  }

  private let handler: @Sendable (URLRequest) async throws -> Reply

  package init(_ handler: @escaping @Sendable (URLRequest) async throws -> Reply) {
    self.handler = handler
  }

  package func send(_ request: URLRequest) async throws -> HTTPResponse {
    try Task.checkCancellation()
    let reply = try await handler(request)
    let (stream, continuation) = HTTPBody.makeStream()
    for chunk in reply.chunks { continuation.yield(chunk) }
    continuation.finish(throwing: reply.failure)
    return HTTPResponse(
      head: HTTPResponseHead(statusCode: reply.statusCode, headers: reply.headers), body: stream)
  }
}
