import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLProviders
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Filters a provider's response bodies with a query, as they stream, in bounded memory:
///
///     let filter = try InvoiceFilter("status = open sort by total desc limit 5", provider: .elevate)
///     let top = try filter.matches(in: body)            // Data, [UInt8], any bytes
///
/// The body is read once, as it arrives: only the fields the query reads are decoded, each invoice
/// is judged as soon as it is complete, and memory is bounded by the largest invoice — plus, with
/// `sort by`, the `limit` best matches so far (without a limit a sort holds every match). Without
/// `sort by`, matches come in the body's order and reading stops once `limit` have been found.
///
/// A malformed body, or one not shaped like the provider's response, throws ``JSONStreamError`` with
/// its byte offset: never a short or wrong answer.
public struct InvoiceFilter: Sendable {
  /// The provider whose response bodies this filter reads.
  public let provider: Provider
  private var response: ResponseFilter
  private let sortKeys: [BoundSortKey]
  /// The query's `limit`.
  public let limit: Int?
  private var best: InvoiceTopK<InvoiceMatch>?
  private var delivered = 0

  /// A filter for `query` over `provider`'s bodies; relative dates resolve against `now` in
  /// `timeZone`. With `fields` (canonical or the provider's names, dotted for nesting), each match
  /// holds just those; without, the whole invoice. Throws a ``QueryError`` when the query does not
  /// parse or does not fit the provider, or a field is unknown.
  public init(
    _ query: InvoiceQuery, provider: Provider, now: Date = Date(), timeZone: TimeZone = InvoiceQuery.utc,
    fields: [String]? = nil
  ) throws(QueryError) {
    let bound = try query.bound(for: provider, now: now, timeZone: timeZone)
    let selection = try Self.selection(fields, provider: provider)
    self.init(
      provider: provider, filter: bound.filter, sort: bound.sort, limit: bound.limit, fields: selection)
  }

  /// A filter for the query text `query` (parsed, then as ``init(_:provider:now:timeZone:fields:)-(InvoiceQuery,_,_,_,_)``).
  public init(
    _ query: String, provider: Provider, now: Date = Date(), timeZone: TimeZone = InvoiceQuery.utc,
    fields: [String]? = nil
  ) throws(QueryError) {
    try self.init(InvoiceQuery(query), provider: provider, now: now, timeZone: timeZone, fields: fields)
  }

  /// A filter that finishes what `plan`'s requests leave to the client: its residual, its sort
  /// (unless the server sorted) and its limit, over the bodies its requests return. A plan with no
  /// request (its query cannot match) keeps no invoice of any body; one that cannot be read back
  /// (an unknown provider or time zone, a residual that does not bind, a negative limit) is a ``QueryError``.
  public init(plan: QueryPlan) throws(QueryError) {
    let finishing = try Self.finishing(plan)
    let selection = try Self.selection(plan.fields, provider: finishing.provider)
    // Sorted here even when the server sorted: where blanks go and how ties fall is the client's
    // to settle, and the best `limit` so far are all that is held.
    self.init(
      provider: finishing.provider, filter: finishing.residual, sort: finishing.sort, limit: plan.limit,
      fields: selection)
  }

  /// What the client does with the answer to a plan's requests, bound on its provider.
  package struct Finishing: Sendable {
    package var provider: Provider
    package var residual: BoundExpression
    /// The query's sort keys.
    package var sort: [BoundSortKey]
    /// Whether the server returns the one listing in the query's order.
    package var serverSorted: Bool
  }

  /// Binds `plan`'s residual and sort on its provider.
  package static func finishing(_ plan: QueryPlan) throws(QueryError) -> Finishing {
    /// A planning error about one of the plan's values, the whole of `source` underlined.
    func invalid(_ source: String, _ message: String, help: [String] = []) -> QueryError {
      QueryError(
        kind: .planning, source: source,
        diagnostics: [
          Diagnostic(
            kind: .cannotPlan, message: message, range: SourceRange(0, source.utf8.count), help: help)
        ])
    }
    guard let provider = Provider.named(plan.provider) else {
      let names = Provider.names.joined(separator: ", ")
      throw invalid(plan.provider, "unknown provider '\(plan.provider)'", help: ["providers: \(names)"])
    }
    if let limit = plan.limit, limit < 0 {
      throw invalid(String(limit), "the plan's limit \(limit) is negative")
    }
    // The residual's dates are read in this zone: one that does not exist is an error, not UTC.
    guard let zone = TimeZone(identifier: plan.timeZone) else {
      throw invalid(
        plan.timeZone, "the plan's time zone '\(plan.timeZone)' is not a known zone",
        help: ["an IANA identifier: UTC, Europe/Berlin"])
    }
    let context = BindingContext(now: Instant(seconds: 0, fraction: ""), timeZone: zone)
    var filter = BoundExpression.constant(true)
    if plan.requests.isEmpty {
      // No request: the query cannot match (its residual is null because nothing is asked for).
      filter = .constant(false)
    } else if let residual = plan.residual {
      do throws(DiagnosticError) {
        let expression = try Parser.parseExpression(residual)
        filter = try Binder.bind(expression, catalog: provider.catalog, context: context, source: residual)
      } catch {
        throw QueryError(.semantics, error)
      }
    }
    var sort: [BoundSortKey] = []
    do {
      let source = plan.sort.map(\.field).joined(separator: ", ")
      let keys = plan.sort.map {
        SortKey(
          field: FieldPath($0.field.split(separator: ".").map(String.init), range: SourceRange(0, 0)),
          descending: $0.descending, range: SourceRange(0, 0))
      }
      do throws(DiagnosticError) {
        sort = try Binder.bind(sort: keys, catalog: provider.catalog, context: context, source: source)
      } catch {
        throw QueryError(.semantics, error)
      }
    }
    return Finishing(
      provider: provider, residual: filter, sort: sort,
      serverSorted: plan.sortPushed && plan.requests.count <= 1
        // A plan is data: its word that the server sorts is taken only where the provider's
        // listing really does order these keys (else an early stop could drop matches).
        && SortDecision.decide(
          sort, limit: plan.limit, sorting: provider.dialect.sorting, catalog: provider.catalog
        ).pushed)
  }

  /// `fields` resolved on `provider`'s catalog; a name it does not have is a query error.
  package static func selection(_ fields: [String]?, provider: Provider) throws(QueryError) -> FieldSelection?
  {
    guard let fields else { return nil }
    do throws(FieldSelectionError) {
      return try FieldSelection.resolve(fields, catalog: provider.catalog)
    } catch {
      let text = fields.joined(separator: ",")
      throw QueryError(
        kind: .semantics, source: text,
        diagnostics: [
          Diagnostic(kind: .unknownField, message: error.message, range: SourceRange(0, text.utf8.count))
        ])
    }
  }

  private init(
    provider: Provider, filter: BoundExpression, sort: [BoundSortKey], limit: Int?, fields: FieldSelection?
  ) {
    self.provider = provider
    self.response = provider.responseFilter(filter, alsoReading: sort.map(\.field.path), fields: fields)
    self.sortKeys = sort
    self.limit = limit
    self.best = sort.isEmpty ? nil : InvoiceTopK(keys: sort, capacity: limit)
  }

  /// Whether the limit has been reached: no later chunk can add a match.
  public var isComplete: Bool {
    guard let limit, best == nil else { return false }
    return delivered >= limit
  }

  /// Reads the next chunk of the body (split anywhere) and returns the matches it completes, in
  /// order. With `sort by`, matches are held until ``finish()``.
  public mutating func feed(_ chunk: some Collection<UInt8>) throws(JSONStreamError) -> [InvoiceMatch] {
    if isComplete { return [] }
    let found = try response.feed(chunk)
    return take(found)
  }

  /// Ends the body: checks that it was complete and well formed, and returns the matches still
  /// held (with `sort by`, all of them, sorted and cut to the limit).
  public mutating func finish() throws(JSONStreamError) -> [InvoiceMatch] {
    if isComplete { return [] }
    _ = try response.finish()
    guard let sorted = best?.sorted else { return [] }
    best = nil
    return sorted
  }

  private mutating func take(_ found: [InvoiceMatch]) -> [InvoiceMatch] {
    if best != nil {
      for match in found { best!.insert(match, invoice: match.projected) }
      return []
    }
    guard let limit else { return found }
    let room = max(0, limit - delivered)
    delivered += min(room, found.count)
    return found.count <= room ? found : Array(found.prefix(room))
  }

  /// The matches of one whole body.
  public func matches(in body: some Collection<UInt8>) throws(JSONStreamError) -> [InvoiceMatch] {
    var filter = self
    let head = try filter.feed(body)
    return try head + filter.finish()
  }

  /// The matches of a body arriving as chunks (`Data`, `[UInt8]`, any collection of bytes), each
  /// yielded as soon as it is known.
  public func matches<Chunks: AsyncSequence>(chunks: Chunks) -> Matches<Chunks>
  where Chunks.Element: Collection, Chunks.Element.Element == UInt8 {
    Matches(chunks: chunks, filter: self)
  }

  /// The matches of a body arriving one byte at a time (`URL.resourceBytes`, `FileHandle.bytes`),
  /// read in batches.
  public func matches<Bytes: AsyncSequence>(bytes: Bytes) -> Matches<ByteBatches<Bytes>>
  where Bytes.Element == UInt8 {
    Matches(chunks: ByteBatches(bytes: bytes), filter: self)
  }

  /// The matches of the body stored in the file at `url`, read in chunks.
  public func matches(inFile url: URL) -> Matches<FileChunks> {
    Matches(chunks: FileChunks(path: url.path(percentEncoded: false)), filter: self)
  }
}

extension InvoiceFilter {
  /// The matching invoices of a body that arrives as chunks, as an `AsyncSequence`: each match is
  /// yielded as soon as it is known (with `sort by`, once the body has ended). It stops reading once
  /// the limit is reached.
  public struct Matches<Chunks: AsyncSequence>: AsyncSequence
  where Chunks.Element: Collection, Chunks.Element.Element == UInt8 {
    public typealias Element = InvoiceMatch
    let chunks: Chunks
    let filter: InvoiceFilter

    /// Reads the chunks and yields the matches.
    public struct AsyncIterator: AsyncIteratorProtocol {
      var base: Chunks.AsyncIterator
      var filter: InvoiceFilter
      var pending: [InvoiceMatch] = []
      var position = 0
      var finished = false

      /// The next match; nil once the body has ended (or the limit is reached).
      public mutating func next() async throws -> InvoiceMatch? {
        while true {
          if position < pending.count {
            position += 1
            return pending[position - 1]
          }
          pending.removeAll(keepingCapacity: true)
          position = 0
          if finished || filter.isComplete { return nil }
          if let chunk = try await base.next() {
            pending = try filter.feed(chunk)
          } else {
            finished = true
            pending = try filter.finish()
          }
        }
      }
    }

    public func makeAsyncIterator() -> AsyncIterator {
      AsyncIterator(base: chunks.makeAsyncIterator(), filter: filter)
    }
  }
}

extension InvoiceFilter.Matches: Sendable where Chunks: Sendable {}
