import Foundation
import InvoiceQL

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The engine under `InvoiceStream`: walks each listing page by page, streaming every body through
/// a `ResponseFilter`, retrying a page from its start when it breaks, and handing out distinct
/// matches one at a time.
struct PageWalker {
  let spec: FetchSpec
  private let fetcher: RetryingFetcher
  private let onProgress: (@Sendable (FetchProgress) -> Void)?

  private var nextListing = 0
  private var pager: (any Pager)?
  /// The page being read (nil between listings).
  private var request: NativeRequest?
  private var body: HTTPBody.AsyncIterator?
  private var filter: ResponseFilter?
  private var attempt = 0
  private var pending: [InvoiceMatch] = []
  private var pendingIndex = 0
  /// Keys of the matches delivered: a page read again after a cut delivers nothing twice.
  private var delivered: Set<String> = []
  private var pageHash = PageHash()
  private var previousPageHash: PageHash?
  private var progress = FetchProgress()

  init(spec: FetchSpec, fetcher: RetryingFetcher, onProgress: (@Sendable (FetchProgress) -> Void)?) {
    self.spec = spec
    self.fetcher = fetcher
    self.onProgress = onProgress
  }

  /// Whether the client-side limit has been met (only when the walker itself cuts: no client sort;
  /// `limit 0` needs no request at all either way).
  private var limitReached: Bool {
    guard let limit = spec.limit else { return false }
    return limit <= 0 || (spec.sort.isEmpty && progress.matches >= limit)
  }

  /// Ends the transfer in progress (dropping the body stream cancels its task).
  mutating func stop() {
    body = nil
    filter = nil
    request = nil
    pager = nil
    nextListing = spec.requests.count
  }

  mutating func nextMatch() async throws -> InvoiceMatch? {
    while true {
      if limitReached {
        stop()
        return nil
      }
      while pendingIndex < pending.count {
        let match = pending[pendingIndex]
        pendingIndex += 1
        if delivered.insert(match.id.map { "id:" + $0 } ?? "json:" + match.json).inserted {
          progress.matches += 1
          return match
        }
      }
      pending.removeAll(keepingCapacity: true)
      pendingIndex = 0
      if body == nil {
        guard try startPageIfNeeded(), let request else { return nil }
        let response = try await fetcher.open(spec.endpoint.urlRequest(request), attempt: &attempt)
        body = response.body.makeAsyncIterator()
        filter = spec.endpoint.provider.responseFilter(
          spec.residual, alsoReading: spec.sort.map { $0.field.path }, maxItemBytes: spec.maxItemBytes)
        pageHash = PageHash()
        continue
      }
      do {
        try await readSome()
      } catch {
        body = nil
        filter = nil
        pending.removeAll()
        guard let request else { throw error }
        try await fetcher.recover(from: error, request: spec.endpoint.urlRequest(request), attempt: attempt)
        progress.retries += 1
      }
    }
  }

  /// Makes sure there is a page to read: the current one, or the first of the next listing.
  /// False when every listing is done.
  private mutating func startPageIfNeeded() throws -> Bool {
    if request != nil { return true }
    guard nextListing < spec.requests.count else { return false }
    do {
      let fresh = try spec.endpoint.provider.pager(startingAt: spec.requests[nextListing])
      pager = fresh
      request = fresh.firstRequest
    } catch {
      throw ClientError.paging(
        error, url: RetryingFetcher.describe(spec.endpoint.urlRequest(spec.requests[nextListing])))
    }
    nextListing += 1
    previousPageHash = nil
    attempt = 0
    return true
  }

  /// Reads one chunk into the filter, or finishes the page when the body ended.
  private mutating func readSome() async throws {
    guard var iterator = body, var current = filter else { return }
    let chunk = try await iterator.next()
    body = iterator
    // A cancelled consumer ends the body stream early: that is not a short page.
    try Task.checkCancellation()
    if let chunk {
      pageHash.combine(chunk)
      do {
        pending = try current.feed(chunk)
      } catch {
        throw MalformedPageError(error.description)
      }
      filter = current
      return
    }
    let metadata: PageMetadata
    do {
      metadata = try current.finish()
    } catch {
      throw MalformedPageError(error.description)
    }
    body = nil
    filter = nil
    try finishPage(metadata)
  }

  /// A page was read to its end: report progress and move to the next page or listing.
  private mutating func finishPage(_ metadata: PageMetadata) throws {
    progress.pages += 1
    progress.invoicesScanned += metadata.itemCount
    onProgress?(progress)
    attempt = 0
    guard var current = pager, let finished = request else { return }
    let url = RetryingFetcher.describe(spec.endpoint.urlRequest(finished))
    let next: NativeRequest?
    do {
      next = try current.nextRequest(after: metadata)
    } catch {
      throw ClientError.paging(error, url: url)
    }
    if next != nil, metadata.itemCount > 0, previousPageHash == pageHash {
      throw ClientError.paging(.pageRepeated(page: progress.pages), url: url)
    }
    previousPageHash = pageHash
    pager = current
    request = next
    if next == nil { pager = nil }
  }
}

/// FNV-1a over a page's bytes (and its length): a page byte-for-byte equal to the previous one means
/// the server ignores the paging parameters, which would otherwise loop forever.
struct PageHash: Sendable, Hashable {
  private var state: UInt64 = 0xcbf2_9ce4_8422_2325
  private var length = 0

  mutating func combine(_ data: Data) {
    length &+= data.count
    var hash = state
    data.withUnsafeBytes { raw in
      for byte in raw {
        hash ^= UInt64(byte)
        hash &*= 0x100_0000_01b3
      }
    }
    state = hash
  }
}
