import Foundation
import InvoiceQL

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Everything a run needs once the query is planned: the requests to page through, what the client
/// re-checks on each invoice, and how matches are ordered and cut.
package struct FetchSpec: Sendable {
  /// Where the API lives; its provider selects the envelope and the pager.
  package var endpoint: ProviderEndpoint
  /// The first request of each listing (as planned); each is paged to its end. Empty: nothing can match.
  package var requests: [NativeRequest]
  /// What the client checks on every invoice: the plan's residual, `.constant(true)` when the
  /// server's answer is exact.
  package var residual: BoundExpression
  /// The query's `sort by`: the client keeps the best `limit` matches in this order (a bounded
  /// top-k; all of them without a limit), also when the server sorts (it settles blanks and ties).
  package var sort: [BoundSortKey]
  /// At most this many matches; fetching stops as soon as they are certain: without a sort, once
  /// found; with a sort the server does (`serverSorted`), once `limit` matches have a value for
  /// every key; with a sort the client does, at the end.
  package var limit: Int?
  /// Whether the listing arrives in `sort`'s order of values (the plan's `sortPushed`), so reading
  /// may stop early. Blanks may come first or last and ties in any order: the client sorts anyway.
  package var serverSorted: Bool
  /// What each match holds when the caller asked for fields (nil: the whole invoice).
  package var fields: FieldSelection?
  /// The most page requests in flight at once where the next request does not depend on the
  /// previous answer (page numbers, offsets); cursor listings are always sequential. At least 1.
  package var concurrency: Int
  /// Cap on one invoice's size (a bigger one is a malformed page).
  package var maxItemBytes: Int

  package init(
    endpoint: ProviderEndpoint, requests: [NativeRequest], residual: BoundExpression = .constant(true),
    sort: [BoundSortKey] = [], limit: Int? = nil, serverSorted: Bool = false, fields: FieldSelection? = nil,
    concurrency: Int = FetchSpec.defaultConcurrency, maxItemBytes: Int = ResponseFilter.defaultMaxItemBytes
  ) {
    self.endpoint = endpoint
    self.requests = requests
    self.residual = residual
    self.sort = sort
    self.limit = limit
    self.serverSorted = serverSorted
    self.fields = fields
    self.concurrency = Swift.max(1, concurrency)
    self.maxItemBytes = maxItemBytes
  }

  /// Four page requests in flight: enough to hide most of a round trip, few enough for rate limits.
  package static let defaultConcurrency = 4
}

/// How far a run has got, reported after every page.
public struct FetchProgress: Sendable, Hashable {
  /// Pages read to their end.
  public var pages = 0
  /// Invoices read (matching or not, duplicates included).
  public var invoicesScanned = 0
  /// Distinct matches found.
  public var matches = 0
  /// Attempts that failed mid-body and were retried.
  public var retries = 0
  /// No page yet.
  public init() {}
}

/// The matching invoices of a run, over all pages, as they arrive: an `AsyncSequence` of `InvoiceMatch`.
///
/// Pull-driven: a page is requested only when the consumer asks for more than the previous pages
/// held, so matches reach the consumer before the next page is fetched and a `limit` stops the
/// fetching. A page cut mid-body is fetched again; invoices already delivered (by id, or by their
/// JSON when they have none) are not delivered twice. Cancelling the consuming task cancels the
/// transfer. Every failure is a thrown `ClientError` (or `CancellationError`), never a short list.
public struct InvoiceStream: AsyncSequence, Sendable {
  public typealias Element = InvoiceMatch

  let setup: Result<FetchSpec, ClientError>
  let fetcher: RetryingFetcher
  let onProgress: (@Sendable (FetchProgress) -> Void)?

  package init(
    _ spec: FetchSpec, fetcher: RetryingFetcher, onProgress: (@Sendable (FetchProgress) -> Void)? = nil
  ) {
    self.init(setup: .success(spec), fetcher: fetcher, onProgress: onProgress)
  }

  init(
    setup: Result<FetchSpec, ClientError>, fetcher: RetryingFetcher,
    onProgress: (@Sendable (FetchProgress) -> Void)?
  ) {
    self.setup = setup
    self.fetcher = fetcher
    self.onProgress = onProgress
  }

  public func makeAsyncIterator() -> Iterator {
    Iterator(setup: setup, fetcher: fetcher, onProgress: onProgress)
  }

  /// Collects every match (convenient for tests and small listings).
  package func collect() async throws -> [InvoiceMatch] {
    var all: [InvoiceMatch] = []
    for try await match in self { all.append(match) }
    return all
  }

  /// Fetches pages as the matches are asked for.
  public struct Iterator: AsyncIteratorProtocol {
    private var pages: PageWalker?
    private var failure: ClientError?
    /// With a client-side sort: the sorted matches still to hand out, last first.
    private var ordered: [InvoiceMatch]?
    /// Judges invoices whose partial arrays must be fetched whole first (`ItemCompletionStage`).
    private var completion: ItemCompletionStage?
    private var done = false

    init(
      setup: Result<FetchSpec, ClientError>, fetcher: RetryingFetcher,
      onProgress: (@Sendable (FetchProgress) -> Void)?
    ) {
      switch setup {
      case .success(let spec):
        let (walked, stage) = ItemCompletionStage.prepare(spec, fetcher: fetcher)
        pages = PageWalker(spec: walked, fetcher: fetcher, onProgress: onProgress)
        completion = stage
      case .failure(let error): failure = error
      }
    }

    public mutating func next() async throws -> InvoiceMatch? {
      if let failure {
        self.failure = nil
        done = true
        throw failure
      }
      guard !done, var walker = pages else { return nil }
      defer { pages = walker }
      do {
        if var stage = completion {
          defer { completion = stage }
          return try await stage.next(&walker)
        }
        if walker.spec.sort.isEmpty { return try await walker.nextMatch() }
        if ordered == nil {
          let keys = walker.spec.sort
          var best = InvoiceTopK<InvoiceMatch>(keys: keys, capacity: walker.spec.limit)
          // Server-sorted: an invoice listed after `limit` matches with values sorts after them or
          // has a blank (last), so those matches are the answer (up to ties) and reading stops.
          let stopAfter = walker.spec.serverSorted ? walker.spec.limit : nil
          var valued = 0
          while let match = try await walker.nextMatch() {
            best.insert(match, invoice: match.projected)
            guard let stopAfter else { continue }
            if InvoiceSorter.sortValues(match.projected, keys).allSatisfy({ $0 != nil }) { valued += 1 }
            if valued >= stopAfter {
              walker.stop()
              break
            }
          }
          ordered = best.sorted.reversed()
        }
        return ordered?.popLast()
      } catch {
        done = true
        walker.stop()
        throw error
      }
    }
  }
}
