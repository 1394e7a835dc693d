import Foundation
import InvoiceQL

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A run's side of a provider's `ItemCompletion` (Stripe's `lines`): when the residual quantifies
/// over an array the listing sends only the first page of, an invoice whose array is incomplete is
/// fetched whole before it is judged.
///
/// The pages are walked with the residual widened to "the residual, or the array is incomplete", so
/// no undecided invoice is dropped there; each one with the flag set gets the rest of its array
/// (paged by the provider's pager, retried like any page) and is judged whole with the real residual.
/// The match is the invoice as the listing sent it (just the fields asked for, when a projection
/// was: the pages are walked whole, since judging reads what the projection may leave out). Sort
/// and limit are applied here, after judging, since the walker sees candidates, not matches.
/// Nothing here names a provider.
struct ItemCompletionStage {
  let completion: ItemCompletion
  /// The run as asked (its residual, sort and limit).
  let spec: FetchSpec
  let fetcher: RetryingFetcher
  private var delivered = 0
  /// With a sort: the sorted matches still to hand out, last first.
  private var ordered: [InvoiceMatch]?

  /// The spec the pages are walked with, and the stage that finishes the judging; `(spec, nil)`
  /// when the provider declares no completion or the residual does not read its array.
  static func prepare(_ spec: FetchSpec, fetcher: RetryingFetcher) -> (FetchSpec, ItemCompletionStage?) {
    guard let completion = spec.endpoint.provider.itemCompletion, completion.isRead(by: spec.residual) else {
      return (spec, nil)
    }
    var walked = spec
    let flag = BoundField(
      path: completion.morePath, type: .boolean, name: completion.morePath.joined(separator: "."))
    walked.residual = .or([spec.residual, .predicate(.compare(flag, .equal, .boolean(true)))])
    walked.sort = []
    walked.limit = nil
    walked.fields = nil
    return (walked, ItemCompletionStage(completion: completion, spec: spec, fetcher: fetcher))
  }

  /// The next match, judged whole, in the run's order and within its limit.
  mutating func next(_ walker: inout PageWalker) async throws -> InvoiceMatch? {
    // `limit 0`: no request at all (the walker, walked without the limit, would read every page).
    if let limit = spec.limit, limit <= 0 {
      walker.stop()
      return nil
    }
    if !spec.sort.isEmpty {
      if ordered == nil {
        var best = InvoiceTopK<InvoiceMatch>(keys: spec.sort, capacity: spec.limit)
        while let (match, whole) = try await nextJudged(&walker) { best.insert(match, invoice: whole) }
        ordered = best.sorted.reversed()
      }
      return ordered?.popLast()
    }
    if let limit = spec.limit, delivered >= limit {
      walker.stop()
      return nil
    }
    guard let (match, _) = try await nextJudged(&walker) else { return nil }
    delivered += 1
    return match
  }

  /// The next candidate that matches once whole, with its whole value.
  private func nextJudged(_ walker: inout PageWalker) async throws -> (InvoiceMatch, JSONValue)? {
    while let match = try await walker.nextMatch() {
      let invoice: JSONValue
      do {
        invoice = try JSONValue(parsing: Data(match.jsonBytes))
      } catch {
        throw ClientError.malformedResponse(message: "\(error)", url: "", attempts: 1)
      }
      var whole = invoice
      if ReferenceEvaluator.lookup(completion.morePath, in: invoice) == .bool(true) {
        whole = completion.completed(invoice, with: try await rest(of: invoice))
      }
      if ReferenceEvaluator.matches(spec.residual, on: whole) { return (projected(match), whole) }
    }
    return nil
  }

  /// `match` holding just the fields asked for (itself without a projection).
  private func projected(_ match: InvoiceMatch) -> InvoiceMatch {
    guard let fields = spec.fields else { return match }
    var out = match
    out.jsonBytes = Array(
      match.jsonBytes.withUnsafeBufferPointer { Projection(selecting: fields).decode($0) }.compactText.utf8)
    return out
  }

  /// Every element of `invoice`'s array, listed page by page from the first.
  private func rest(of invoice: JSONValue) async throws -> [JSONValue] {
    let listing = spec.requests.first ?? NativeRequest(method: "GET", path: "/", query: [])
    guard let first = completion.request(for: invoice, listing: listing) else {
      throw ClientError.paging(
        .missingMetadata("an id to list the rest of \(completion.array.joined(separator: ".")) by"),
        url: "(an invoice)")
    }
    var pager: any Pager
    do {
      pager = try completion.pager(startingAt: first)
    } catch {
      throw ClientError.paging(error, url: RetryingFetcher.describe(spec.endpoint.urlRequest(first)))
    }
    var request: NativeRequest? = pager.firstRequest
    var elements: [JSONValue] = []
    while let current = request {
      let urlRequest = spec.endpoint.urlRequest(current)
      let envelope = completion.envelope
      let (items, metadata) = try await fetcher.fetch(urlRequest) { _, body in
        var filter = ResponseFilter(envelope: envelope, filter: .constant(true))
        var items: [JSONValue] = []
        do {
          for try await chunk in body {
            for m in try filter.feed(chunk) { items.append(try JSONValue(parsing: Data(m.jsonBytes))) }
          }
          return (items, try filter.finish())
        } catch let error as JSONStreamError {
          throw MalformedPageError(error.description)
        }
      }
      elements += items
      do {
        request = try pager.nextRequest(after: metadata)
      } catch {
        throw ClientError.paging(error, url: RetryingFetcher.describe(urlRequest))
      }
    }
    return elements
  }
}
