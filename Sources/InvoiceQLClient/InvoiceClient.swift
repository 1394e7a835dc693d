import Foundation
import InvoiceQL

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Where one provider's API lives for this app: its base URL, the settings its requests need
/// (`tenantId`, `portalContactId`, `company`, `version`), and headers added to every request
/// (authentication: `Authorization: Bearer …`, roadsync's `x-api-key`).
public struct ProviderEndpoint: Sendable, Hashable {
  /// The API (one of `Provider.all`).
  public var provider: Provider
  /// The API's root: the plan's paths are resolved against it.
  public var baseURL: URL
  /// The provider's settings (`Provider.settings`): path segments and headers its requests need.
  public var settings: [String: String]
  /// Headers added to every request: authentication.
  public var headers: [String: String]

  /// The endpoint of `provider` at `baseURL`.
  public init(
    provider: Provider, baseURL: URL, settings: [String: String] = [:], headers: [String: String] = [:]
  ) {
    self.provider = provider
    self.baseURL = baseURL
    self.settings = settings
    self.headers = headers
  }

  /// Throws unless a plan for `provider` (a name) can run here: the endpoint's provider pages the
  /// requests and reads the bodies, and another's pager would misread them.
  package func checkProvider(_ provider: String) throws(ClientError) {
    guard provider == self.provider.name else {
      throw ClientError.invalidRequest(
        "the plan is for provider '\(provider)' but the endpoint is for '\(self.provider.name)'")
    }
  }

  /// Throws unless `request` stays on this endpoint: a path from `/`, making a URL with the base
  /// URL's scheme, host and port. A decoded plan's paths are data, and this endpoint's headers carry
  /// credentials: `@evil.example/x` after `https://api.example` would send them to evil.example.
  package func checkTarget(_ request: NativeRequest) throws(ClientError) {
    guard request.path.hasPrefix("/"), let target = request.target(baseURL: baseURL),
      target.scheme == baseURL.scheme, target.host == baseURL.host, target.port == baseURL.port
    else {
      throw ClientError.invalidRequest(
        "the plan's request path '\(request.path)' does not stay on \(baseURL.absoluteString)")
    }
  }

  /// `request` against this endpoint: its base URL, with the endpoint's headers added.
  public func urlRequest(_ request: NativeRequest) -> URLRequest {
    var out = request.urlRequest(baseURL: baseURL)
    for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
      out.setValue(value, forHTTPHeaderField: name)
    }
    return out
  }
}

/// Runs queries against live billing APIs:
///
///     let elevate = ProviderEndpoint(provider: .elevate, baseURL: url, headers: ["Authorization": token])
///     for try await invoice in InvoiceClient().invoices(matching: "status = open limit 50", from: elevate) {
///       print(invoice.json)
///     }
///
/// The query is planned for the provider (the server filters what it surely can, and sorts where
/// its order is certain), every page is streamed through the residual check, and matches arrive as
/// they are found; reading stops as soon as the limit's matches are certain. Where the listing
/// allows it (page numbers, offsets), up to ``concurrency`` pages are in flight, delivered in the
/// server's order. Errors — a bad query, an HTTP error with the provider's message, a paging fault —
/// are thrown from the loop as ``ClientError``.
public struct InvoiceClient: Sendable {
  package var fetcher: RetryingFetcher
  /// The most page requests in flight at once where the listing allows it (page numbers,
  /// offsets): halved on a 429 and grown back one at a time. 1 fetches page after page.
  public var concurrency: Int

  /// A client that sends requests through `transport` (URLSession by default), retrying as
  /// `retryPolicy` says (429 and 5xx answers, broken connections, cut bodies), with up to
  /// `concurrency` pages in flight (at least 1) and, when given, no more than `requestsPerSecond`
  /// requests a second (retries included).
  public init(
    transport: any HTTPTransport = URLSessionTransport(), retryPolicy: RetryPolicy = .default,
    concurrency: Int = 4, requestsPerSecond: Double? = nil
  ) {
    self.init(
      transport: transport, retryPolicy: retryPolicy, sleeper: TaskSleeper(), concurrency: concurrency,
      requestsPerSecond: requestsPerSecond)
  }

  /// A client with its waits, jitter and clock injected (tests). `clock` is the current time, for
  /// `Retry-After` dates and for `today`/`now` in queries.
  package init(  // injected
    transport: any HTTPTransport = URLSessionTransport(), retryPolicy: RetryPolicy = .default,
    sleeper: any Sleeper, jitter: any JitterSource = SystemJitter(),
    clock: @escaping @Sendable () -> Date = { Date() }, concurrency: Int = FetchSpec.defaultConcurrency,
    requestsPerSecond: Double? = nil
  ) {
    fetcher = RetryingFetcher(
      transport: transport, policy: retryPolicy, sleeper: sleeper, jitter: jitter, clock: clock)
    fetcher.budget = requestsPerSecond.flatMap { RequestBudget(perSecond: $0) }
    self.concurrency = Swift.max(1, concurrency)
  }

  /// The invoices of `endpoint` matching `query`, as they arrive. Relative dates resolve against
  /// the client's clock in `timeZone` (default UTC). With `fields` (canonical or provider names,
  /// dotted for nesting) each match holds just those; without, the whole invoice as the server sent
  /// it. A query that does not parse, fit the provider or plan is thrown from the loop as a
  /// ``ClientError`` of kind ``ClientError/Kind/invalidQuery`` that keeps its diagnostics.
  public func invoices(
    matching query: String, from endpoint: ProviderEndpoint, timeZone: TimeZone = InvoiceQuery.utc,
    fields: [String]? = nil, onProgress: (@Sendable (FetchProgress) -> Void)? = nil
  ) -> InvoiceStream {
    invoices(
      matching: query, from: endpoint,
      context: BindingContext(now: Instant(fetcher.clock()), timeZone: timeZone), fields: fields,
      onProgress: onProgress)
  }

  /// The invoices of `endpoint` that `plan` selects (a plan made for the endpoint's provider),
  /// holding the plan's `fields`. A request path that does not start with `/` or would leave the
  /// endpoint's host is refused (``ClientError/Kind/invalidRequest``) before anything is sent.
  public func invoices(
    for plan: QueryPlan, from endpoint: ProviderEndpoint,
    onProgress: (@Sendable (FetchProgress) -> Void)? = nil
  ) -> InvoiceStream {
    let concurrency = concurrency
    let setup = Result { () throws(ClientError) -> FetchSpec in
      try endpoint.checkProvider(plan.provider)
      for request in plan.requests { try endpoint.checkTarget(request) }
      let finish: InvoiceFilter.Finishing
      let selection: FieldSelection?
      do throws(QueryError) {
        finish = try InvoiceFilter.finishing(plan)
        selection = try InvoiceFilter.selection(plan.fields, provider: endpoint.provider)
      } catch {
        throw ClientError.invalidQuery(error)
      }
      return FetchSpec(
        endpoint: endpoint, requests: plan.requests, residual: finish.residual, sort: finish.sort,
        limit: plan.limit, serverSorted: finish.serverSorted, fields: selection, concurrency: concurrency)
    }
    return InvoiceStream(setup: setup, fetcher: fetcher, onProgress: onProgress)
  }

  /// The invoices of `endpoint` matching the query text `query`, with relative dates resolved
  /// against `context`.
  package func invoices(
    matching query: String, from endpoint: ProviderEndpoint, context: BindingContext,
    fields: [String]? = nil, onProgress: (@Sendable (FetchProgress) -> Void)? = nil
  ) -> InvoiceStream {
    let setup = Result { () throws(ClientError) -> FetchSpec in
      let bound: BoundQuery
      do throws(QueryError) {
        bound = try InvoiceQuery(query).bound(for: endpoint.provider, context: context)
      } catch {
        throw ClientError.invalidQuery(error)
      }
      return try fetchSpec(for: bound, from: endpoint, fields: fields, source: query)
    }
    return InvoiceStream(setup: setup, fetcher: fetcher, onProgress: onProgress)
  }

  /// The invoices of `endpoint` matching an already bound query (each holding just `fields`, when
  /// given).
  package func invoices(
    matching query: BoundQuery, from endpoint: ProviderEndpoint, fields: [String]? = nil,
    onProgress: (@Sendable (FetchProgress) -> Void)? = nil
  ) -> InvoiceStream {
    let setup = Result { () throws(ClientError) -> FetchSpec in
      try fetchSpec(for: query, from: endpoint, fields: fields)
    }
    return InvoiceStream(setup: setup, fetcher: fetcher, onProgress: onProgress)
  }

  /// The invoices of `endpoint` that `plan` selects (holding the plan's `fields`).
  package func invoices(
    for plan: Plan, from endpoint: ProviderEndpoint, onProgress: (@Sendable (FetchProgress) -> Void)? = nil
  ) -> InvoiceStream {
    let concurrency = concurrency
    let setup = Result { () throws(ClientError) -> FetchSpec in
      try Self.fetchSpec(for: plan, from: endpoint, concurrency: concurrency)
    }
    return InvoiceStream(setup: setup, fetcher: fetcher, onProgress: onProgress)
  }

  /// What running `query` against `endpoint` means; `source` is its text, which a planning error
  /// (a missing setting) points into.
  func fetchSpec(
    for query: BoundQuery, from endpoint: ProviderEndpoint, fields: [String]?, source: String = ""
  ) throws(ClientError) -> FetchSpec {
    let selection: FieldSelection?
    do throws(QueryError) {
      selection = try InvoiceFilter.selection(fields, provider: endpoint.provider)
    } catch {
      throw ClientError.invalidQuery(error)
    }
    let plan: Plan
    do throws(PlanningError) {
      plan = try endpoint.provider.plan(query, settings: endpoint.settings, fields: selection)
    } catch {
      throw ClientError.invalidQuery(QueryError(error, source: source))
    }
    return try Self.fetchSpec(for: plan, from: endpoint, concurrency: concurrency)
  }

  /// What running `plan` against `endpoint` means: its requests (with the endpoint's headers), its
  /// residual, its sort and limit (server-sorted only with one listing: each listing's order says
  /// nothing about the merged order) and its fields, with at most `concurrency` pages in flight.
  ///
  /// The endpoint's provider pages the requests and reads the bodies, so it must be the plan's:
  /// another provider's pager would misread the pages (wethod's 100-invoice page is a short, last
  /// page to elevate's pager), which is an error here rather than a silently short answer.
  package static func fetchSpec(
    for plan: Plan, from endpoint: ProviderEndpoint, concurrency: Int = FetchSpec.defaultConcurrency
  ) throws(ClientError) -> FetchSpec {
    try endpoint.checkProvider(plan.provider)
    return FetchSpec(
      endpoint: endpoint, requests: plan.canMatch ? plan.requests : [],
      residual: plan.residual ?? .constant(true), sort: plan.sort, limit: plan.limit,
      serverSorted: plan.sortPushed && plan.requests.count <= 1, fields: plan.fields,
      concurrency: concurrency)
  }
}
