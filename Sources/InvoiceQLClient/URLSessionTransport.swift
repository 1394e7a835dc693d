import Foundation
import InvoiceQL

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The default transport: a `URLSession` data task whose delegate feeds the body stream chunk by chunk.
///
/// `URLSession.bytes(for:)` does not exist on Linux, so a `URLSessionDataDelegate` does the work on
/// every platform. One session serves all requests of a transport (connections are reused across
/// pages). Dropping the body stream or cancelling the awaiting task abandons the exchange: the
/// caller gets `CancellationError` at once and nothing more is delivered.
///
/// The data task itself is never cancelled: on Linux, Foundation's `URLSessionTask.cancel()` traps
/// (`TaskRegistry: Trying to access a behaviour for a task that in not in the registry`) when it
/// races the task's completion, which pages fetched ahead and then dropped made happen within a
/// few test runs. An abandoned task drains in the background (its bytes dropped) until the server
/// ends it or `timeout` passes without progress.
///
/// Known Linux quirk: when a server closes the connection without any answer, Foundation's
/// URLSession re-sends the request once by itself — for a POST (roadsync) without its body, so that
/// exchange only ends at `timeout`, after which the page is retried normally. Keep `timeout` modest.
public final class URLSessionTransport: HTTPTransport {
  private let session: URLSession
  private let router: DataTaskRouter

  /// - Parameter timeout: seconds without any progress before a request fails with `.timedOut`.
  public init(timeout: TimeInterval = 60) {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = timeout
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    let router = DataTaskRouter()
    self.router = router
    self.session = URLSession(configuration: configuration, delegate: router, delegateQueue: nil)
  }

  // Not `invalidateAndCancel()`: cancelling a task can trap (see above); exchanges keep the
  // transport alive until they complete, so nothing is left to finish here anyway.
  deinit { session.finishTasksAndInvalidate() }

  /// Sends `request`; the response's body streams as it arrives.
  public func send(_ request: URLRequest) async throws -> HTTPResponse {
    try Task.checkCancellation()
    let (stream, continuation) = HTTPBody.makeStream()
    let task = session.dataTask(with: request)
    let exchange = Exchange(body: continuation, task: task, owner: self)
    continuation.onTermination = { _ in exchange.abandon() }
    router.register(exchange, for: task.taskIdentifier)
    let head = try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation {
        (waiter: CheckedContinuation<HTTPResponseHead, any Error>) in
        exchange.awaitHead(waiter)
        task.resume()
      }
    } onCancel: {
      exchange.abandon()
    }
    return HTTPResponse(head: head, body: stream)
  }
}

/// One request in flight: where its head and body go. Guarded by a lock because URLSession calls
/// its delegate on its own queue.
private final class Exchange: @unchecked Sendable {
  private let lock = NSLock()
  private var headWaiter: CheckedContinuation<HTTPResponseHead, any Error>?
  private var headDelivered = false
  private let body: HTTPBody.Continuation
  private let task: URLSessionDataTask
  /// The declared `Content-Length` of an unencoded body, and the bytes received so far: a
  /// connection closed early must not pass for a complete body.
  private var expectedLength: Int64?
  private var receivedLength: Int64 = 0

  /// The transport, kept alive while its response streams (released on completion).
  private var owner: AnyObject?

  init(body: HTTPBody.Continuation, task: URLSessionDataTask, owner: AnyObject) {
    self.body = body
    self.task = task
    self.owner = owner
  }

  /// Whether the caller has gone: what still arrives is dropped.
  private var abandoned = false

  /// The caller is gone (cancelled, or dropped the body): a waiter for the head gets
  /// `CancellationError`, the body ends, and what still arrives is dropped. The data task is left
  /// to finish (see ``URLSessionTransport``).
  func abandon() {
    let waiter = lock.withLock { () -> CheckedContinuation<HTTPResponseHead, any Error>? in
      abandoned = true
      defer { headWaiter = nil }
      return headWaiter
    }
    waiter?.resume(throwing: CancellationError())
    body.finish(throwing: CancellationError())
  }

  func awaitHead(_ waiter: CheckedContinuation<HTTPResponseHead, any Error>) {
    let gone = lock.withLock { () -> Bool in
      if !abandoned { headWaiter = waiter }
      return abandoned
    }
    if gone { waiter.resume(throwing: CancellationError()) }
  }

  func receive(head: HTTPResponseHead) {
    let waiter = lock.withLock { () -> CheckedContinuation<HTTPResponseHead, any Error>? in
      headDelivered = true
      if head.header("Content-Encoding") == nil,
        let length = head.header("Content-Length").flatMap(Int64.init)
      {
        expectedLength = length
      }
      defer { headWaiter = nil }
      return headWaiter
    }
    waiter?.resume(returning: head)
  }

  func receive(data: Data) {
    let gone = lock.withLock { () -> Bool in
      receivedLength += Int64(data.count)
      return abandoned
    }
    if !gone { body.yield(data) }
  }

  func complete(error: (any Error)?) {
    let (waiter, delivered, short) = lock.withLock {
      () -> (CheckedContinuation<HTTPResponseHead, any Error>?, Bool, Bool) in
      defer {
        headWaiter = nil
        owner = nil
      }
      return (headWaiter, headDelivered, expectedLength.map { receivedLength < $0 } ?? false)
    }
    var mapped = error.map { Exchange.map($0, afterHead: delivered) }
    if mapped == nil && short {
      mapped = TransportError(.connectionLost, "the body ended before its Content-Length")
    }
    if let waiter {
      waiter.resume(throwing: mapped ?? TransportError(.connectionFailed, "no response"))
    }
    body.finish(throwing: mapped)
  }

  private static func map(_ error: any Error, afterHead: Bool) -> any Error {
    if let urlError = error as? URLError {
      switch urlError.code {
      case .cancelled: return CancellationError()
      case .timedOut: return TransportError(.timedOut, urlError.localizedDescription)
      default: break
      }
    }
    let text = (error as NSError).localizedDescription
    return TransportError(afterHead ? .connectionLost : .connectionFailed, text)
  }
}

/// The session delegate: routes each task's callbacks to its `Exchange`.
private final class DataTaskRouter: NSObject, URLSessionDataDelegate, @unchecked Sendable {
  private let lock = NSLock()
  private var exchanges: [Int: Exchange] = [:]

  func register(_ exchange: Exchange, for id: Int) { lock.withLock { exchanges[id] = exchange } }

  private func exchange(_ task: URLSessionTask, remove: Bool = false) -> Exchange? {
    lock.withLock {
      remove ? exchanges.removeValue(forKey: task.taskIdentifier) : exchanges[task.taskIdentifier]
    }
  }

  func urlSession(
    _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
  ) {
    var headers: [String: String] = [:]
    var status = 0
    if let http = response as? HTTPURLResponse {
      status = http.statusCode
      for (name, value) in http.allHeaderFields {
        headers["\(name)"] = "\(value)"
      }
    }
    exchange(dataTask)?.receive(head: HTTPResponseHead(statusCode: status, headers: headers))
    completionHandler(.allow)
  }

  func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
    exchange(dataTask)?.receive(data: data)
  }

  func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
    exchange(task, remove: true)?.complete(error: error)
  }
}
