import Foundation
import InvoiceQL

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// How InvoiceQL talks HTTP: one request in, the response head and a stream of body chunks out.
///
/// A protocol so an embedding app can bring its own stack (auth, proxies, tracing) and tests can run
/// in memory; `URLSessionTransport` is the default. Chunks arrive as the network delivers them so the
/// streaming decoder never needs the whole body.
public protocol HTTPTransport: Sendable {
  /// Sends `request` and returns once the response head has arrived. Connection failures throw
  /// `TransportError`; a non-2xx status is not an error here (the caller reads the status).
  /// Cancelling the calling task, or dropping the body stream, stops the transfer.
  func send(_ request: URLRequest) async throws -> HTTPResponse
}

/// A response body as it arrives: chunks of bytes, then the end (or a `TransportError` if the
/// connection breaks mid-body).
public typealias HTTPBody = AsyncThrowingStream<Data, any Error>

/// The status line and headers of a response, with its body still streaming.
public struct HTTPResponse: Sendable {
  /// The status and headers.
  public var head: HTTPResponseHead
  /// The body, as it arrives.
  public var body: HTTPBody

  /// A response of `head` whose body arrives as `body`.
  public init(head: HTTPResponseHead, body: HTTPBody) {
    self.head = head
    self.body = body
  }
}

/// Status and headers. Header names are stored lowercased (HTTP names are case-insensitive).
public struct HTTPResponseHead: Sendable, Hashable {
  /// The HTTP status code.
  public var statusCode: Int
  /// The headers, names in lower case.
  public var headers: [String: String]

  /// A head with `statusCode` and `headers` (names are lowered).
  public init(statusCode: Int, headers: [String: String] = [:]) {
    self.statusCode = statusCode
    var lowered: [String: String] = [:]
    for (name, value) in headers { lowered[name.lowercased()] = value }
    self.headers = lowered
  }

  /// The value of header `name`, compared case-insensitively.
  public func header(_ name: String) -> String? { headers[name.lowercased()] }

  /// 2xx.
  public var isSuccess: Bool { (200..<300).contains(statusCode) }
}

/// A connection-level failure: nothing or only part of a response arrived. Always worth a retry.
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What failed: a small set that may grow without breaking a `switch` (compare with `==`).
  public struct Kind: Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable name (`connection-failed`).
    public let name: String
    private init(_ name: String) { self.name = name }
    public var description: String { name }
    /// Could not connect, DNS failure, TLS failure before any response.
    public static let connectionFailed = Kind("connection-failed")
    /// The connection broke after the head arrived: the body is incomplete.
    public static let connectionLost = Kind("connection-lost")
    /// No progress within the transport's timeout.
    public static let timedOut = Kind("timed-out")
  }
  /// What failed.
  public var kind: Kind
  /// The system's description of the failure.
  public var message: String

  /// A failure of `kind`, described by `message` (for transports of your own).
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  public var description: String {
    switch kind {
    case .connectionFailed: "connection failed: \(message)"
    case .connectionLost: "connection lost mid-response: \(message)"
    case .timedOut: "timed out: \(message)"
    default: "\(kind): \(message)"
    }
  }
}
