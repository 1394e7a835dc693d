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
///     let client = InvoiceClient()
///     let elevate = ProviderEndpoint(provider: .elevate, baseURL: url, headers: ["Authorization": token])
///     for try await invoice in client.invoices(matching: "status = open limit 50", from: elevate) {
///       print(invoice.json)
///     }
///
/// The query is planned for the provider (the server filters what it surely can), every page is
/// streamed through the residual check, and matches arrive as they are found. Errors — a bad query,
/// an HTTP error with the provider's message, a paging fault — are thrown from the loop.
public struct InvoiceClient: Sendable {
  package var fetcher: RetryingFetcher

  /// A client that sends requests through `transport` (URLSession by default), retrying as
  /// `retryPolicy` says (429 and 5xx answers, broken connections, cut bodies).
  public init(transport: any HTTPTransport = URLSessionTransport(), retryPolicy: RetryPolicy = .default) {
    self.init(transport: transport, retryPolicy: retryPolicy, sleeper: TaskSleeper())
  }

  /// A client with its waits, jitter and clock injected (tests). `clock` is the current time, for
  /// `Retry-After` dates and for `today`/`now` in queries.
  package init(
    transport: any HTTPTransport = URLSessionTransport(), retryPolicy: RetryPolicy = .default,
    sleeper: any Sleeper, jitter: any JitterSource = SystemJitter(),
    clock: @escaping @Sendable () -> Date = { Date() }
  ) {
    fetcher = RetryingFetcher(
      transport: transport, policy: retryPolicy, sleeper: sleeper, jitter: jitter, clock: clock)
  }

  /// The invoices of `endpoint` matching `query`, as they arrive. Relative dates resolve against
  /// the client's clock in `timeZone` (default UTC). A query that does not parse, fit the provider
  /// or plan is thrown from the loop as a ``ClientError`` of kind ``ClientError/Kind/invalidQuery``
  /// that keeps its diagnostics.
  public func invoices(
    matching query: String, from endpoint: ProviderEndpoint, timeZone: TimeZone = InvoiceQuery.utc,
    onProgress: (@Sendable (FetchProgress) -> Void)? = nil
  ) -> InvoiceStream {
    invoices(
      matching: query, from: endpoint,
      context: BindingContext(now: Instant(fetcher.clock()), timeZone: timeZone), onProgress: onProgress)
  }

  /// The invoices of `endpoint` that `plan` selects (a plan made for the endpoint's provider). A
  /// request path that does not start with `/` or would leave the endpoint's host is refused
  /// (``ClientError/Kind/invalidRequest``) before anything is sent.
  public func invoices(
    for plan: QueryPlan, from endpoint: ProviderEndpoint,
    onProgress: (@Sendable (FetchProgress) -> Void)? = nil
  ) -> InvoiceStream {
    let setup = Result { () throws(ClientError) -> FetchSpec in
      guard plan.provider == endpoint.provider.name else {
        throw ClientError.invalidRequest(
          "the plan is for provider '\(plan.provider)' but the endpoint is for '\(endpoint.provider.name)'")
      }
      for request in plan.requests { try endpoint.checkTarget(request) }
      let finish: InvoiceFilter.Finishing
      do throws(QueryError) {
        finish = try InvoiceFilter.finishing(plan)
      } catch {
        throw ClientError.invalidQuery(error)
      }
      return FetchSpec(
        endpoint: endpoint, requests: plan.requests, residual: finish.residual, sort: finish.sort,
        limit: plan.limit)
    }
    return InvoiceStream(setup: setup, fetcher: fetcher, onProgress: onProgress)
  }

  /// The invoices of `endpoint` matching the query text `query`, with relative dates resolved
  /// against `context`.
  package func invoices(
    matching query: String, from endpoint: ProviderEndpoint, context: BindingContext,
    onProgress: (@Sendable (FetchProgress) -> Void)? = nil
  ) -> InvoiceStream {
    let setup = Result { () throws(ClientError) -> FetchSpec in
      let bound: BoundQuery
      do throws(QueryError) {
        bound = try InvoiceQuery(query).bound(for: endpoint.provider, context: context)
      } catch {
        throw ClientError.invalidQuery(error)
      }
      return try Self.fetchSpec(for: bound, from: endpoint, source: query)
    }
    return InvoiceStream(setup: setup, fetcher: fetcher, onProgress: onProgress)
  }

  /// The invoices of `endpoint` matching an already bound query.
  package func invoices(
    matching query: BoundQuery, from endpoint: ProviderEndpoint,
    onProgress: (@Sendable (FetchProgress) -> Void)? = nil
  ) -> InvoiceStream {
    let setup = Result { () throws(ClientError) -> FetchSpec in try Self.fetchSpec(for: query, from: endpoint)
    }
    return InvoiceStream(setup: setup, fetcher: fetcher, onProgress: onProgress)
  }

  /// The invoices of `endpoint` that `plan` selects.
  package func invoices(
    for plan: Plan, from endpoint: ProviderEndpoint, onProgress: (@Sendable (FetchProgress) -> Void)? = nil
  ) -> InvoiceStream {
    let setup = Result { () throws(ClientError) -> FetchSpec in try Self.fetchSpec(for: plan, from: endpoint)
    }
    return InvoiceStream(setup: setup, fetcher: fetcher, onProgress: onProgress)
  }

  /// What running `query` against `endpoint` means; `source` is its text, which a planning error
  /// (a missing setting) points into.
  static func fetchSpec(
    for query: BoundQuery, from endpoint: ProviderEndpoint, source: String = ""
  ) throws(ClientError) -> FetchSpec {
    let plan: Plan
    do throws(PlanningError) {
      plan = try endpoint.provider.plan(query, settings: endpoint.settings)
    } catch {
      throw ClientError.invalidQuery(QueryError(error, source: source))
    }
    return try fetchSpec(for: plan, from: endpoint)
  }

  /// What running `plan` against `endpoint` means: its requests (with the endpoint's headers), its
  /// residual, and the sort the server does not do. With several listings the client always sorts:
  /// each listing's server order says nothing about the merged order.
  ///
  /// The endpoint's provider pages the requests and reads the bodies, so it must be the plan's:
  /// another provider's pager would misread the pages (wethod's 100-invoice page is a short, last
  /// page to elevate's pager), which is an error here rather than a silently short answer.
  package static func fetchSpec(for plan: Plan, from endpoint: ProviderEndpoint) throws(ClientError)
    -> FetchSpec
  {
    guard plan.provider == endpoint.provider.name else {
      throw ClientError.invalidRequest(
        "the plan is for provider '\(plan.provider)' but the endpoint is for '\(endpoint.provider.name)'")
    }
    let clientSort = plan.sortPushed && plan.requests.count <= 1 ? [] : plan.sort
    return FetchSpec(
      endpoint: endpoint, requests: plan.canMatch ? plan.requests : [],
      residual: plan.residual ?? .constant(true), sort: clientSort, limit: plan.limit)
  }
}
