import Foundation
import InvoiceQL

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// How many page requests a run keeps in flight, adjusted as the server answers (AIMD): halved on
/// a 429 (never below 1), then grown back by one per page read, up to the maximum the caller
/// allows. Shared by the page tasks of one run.
final class ConcurrencyWindow: @unchecked Sendable {
  private let lock = NSLock()
  private var current: Int
  /// The most requests in flight the caller allows (`--concurrency`).
  let maximum: Int

  init(maximum: Int) {
    self.maximum = Swift.max(1, maximum)
    current = self.maximum
  }

  /// The requests that may be in flight now.
  var size: Int { lock.withLock { current } }

  /// The server asked us to slow down (429): half as many in flight.
  func throttled() { lock.withLock { current = Swift.max(1, current / 2) } }

  /// A page came back: one more in flight, up to the maximum.
  func succeeded() { lock.withLock { current = Swift.min(maximum, current + 1) } }
}

/// A request-rate budget: at most `perSecond` requests start per second, spread evenly (each waits
/// for its slot). Retries count too. Shared by every request of a run.
package final class RequestBudget: @unchecked Sendable {
  private let lock = NSLock()
  private let interval: Double
  private var nextSlot: ContinuousClock.Instant?

  /// A budget of `perSecond` requests per second (a positive, finite number).
  package init?(perSecond: Double) {
    guard perSecond.isFinite, perSecond > 0 else { return nil }
    interval = 1 / perSecond
  }

  /// Waits for the next free slot.
  package func wait() async throws {
    let now = ContinuousClock.now
    let slot = lock.withLock { () -> ContinuousClock.Instant in
      let slot = Swift.max(now, nextSlot ?? now)
      nextSlot = slot.advanced(by: .nanoseconds(Int64(interval * 1_000_000_000)))
      return slot
    }
    if slot > now { try await Task.sleep(until: slot, clock: .continuous) }
  }
}

/// A page fetched ahead of the reader: its whole body (memory is bounded by the pages in flight),
/// or the failure that ended it mid-body (the reader then retries that page).
struct PrefetchedPage: Sendable {
  var head: HTTPResponseHead
  var chunks: [Data]
  var failure: (any Error)?
  /// Attempts the page took (the reader's retries of it continue the count).
  var attempts: Int

  /// The body replayed as a stream, ending with the failure if there was one.
  var response: HTTPResponse {
    let (stream, continuation) = HTTPBody.makeStream()
    for chunk in chunks { continuation.yield(chunk) }
    continuation.finish(throwing: failure)
    return HTTPResponse(head: head, body: stream)
  }
}

/// The pages requested ahead of the one being read, in listing order, each a task fetching its
/// whole body. Tasks left when the queue goes (the run stopped, or its reader was dropped) are
/// cancelled: their answers are overshoot.
final class PrefetchQueue: @unchecked Sendable {
  struct Entry {
    /// What identifies the request (method, URL, body).
    var key: String
    var task: Task<PrefetchedPage, any Error>
  }

  private(set) var entries: [Entry] = []

  deinit { cancelAll() }

  /// Removes and returns the first entry when it is for `key`.
  func take(_ key: String) -> Entry? {
    guard entries.first?.key == key else { return nil }
    return entries.removeFirst()
  }

  /// Keeps the entries that agree with `wanted` (position by position), cancels the rest, and starts
  /// `start` for the wanted requests not yet in flight while fewer than `limit` are.
  func refill(
    _ wanted: [(key: String, request: URLRequest)], limit: Int,
    start: (URLRequest) -> Task<PrefetchedPage, any Error>
  ) {
    var keep = 0
    while keep < entries.count, keep < wanted.count, entries[keep].key == wanted[keep].key { keep += 1 }
    for entry in entries[keep...] { entry.task.cancel() }
    entries.removeSubrange(keep...)
    for item in wanted[keep...] where entries.count < limit {
      entries.append(Entry(key: item.key, task: start(item.request)))
    }
  }

  func cancelAll() {
    for entry in entries { entry.task.cancel() }
    entries.removeAll()
  }
}

extension NativeRequest {
  /// What tells two requests apart for prefetching: method, URL and body.
  var prefetchKey: String { method + " " + url + "\n" + (body ?? "") }
}

extension RetryingFetcher {
  /// Fetches `request`'s whole body for a page read later: the head with retries (429s reported to
  /// `window`), then every chunk; a body that breaks off is kept with its failure.
  func prefetch(_ request: URLRequest, window: ConcurrencyWindow) async throws -> PrefetchedPage {
    var attempts = 0
    let response = try await open(request, attempt: &attempts, onThrottle: { window.throttled() })
    var chunks: [Data] = []
    do {
      for try await chunk in response.body { chunks.append(chunk) }
    } catch let error as TransportError {
      return PrefetchedPage(head: response.head, chunks: chunks, failure: error, attempts: attempts)
    }
    try Task.checkCancellation()
    return PrefetchedPage(head: response.head, chunks: chunks, failure: nil, attempts: attempts)
  }
}
