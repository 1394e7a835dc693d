import Foundation
import InvoiceQL

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Where one provider's API lives for this app: its base URL, the settings its requests need
/// (`tenantId`, `portalContactId`, `company`, `version`), and headers added to every request
/// (authentication: `Authorization: Bearer …`, roadsync's `x-api-key`).
public struct ProviderEndpoint: Sendable, Hashable {
  /// The API (one of ``Provider/all``).
  public var provider: Provider
  public var baseURL: URL
  public var settings: [String: String]
  public var headers: [String: String]

  public init(
    provider: Provider, baseURL: URL, settings: [String: String] = [:], headers: [String: String] = [:]
  ) {
    self.provider = provider
    self.baseURL = baseURL
    self.settings = settings
    self.headers = headers
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

  /// - Parameters:
  ///   - clock: the current time, for `Retry-After` dates and, when no `BindingContext` is given,
  ///     for `today`/`now` in queries.
  package init(
    transport: any HTTPTransport = URLSessionTransport(), retryPolicy: RetryPolicy = .default,
    sleeper: any Sleeper = TaskSleeper(), jitter: any JitterSource = SystemJitter(),
    clock: @escaping @Sendable () -> Date = { Date() }
  ) {
    fetcher = RetryingFetcher(
      transport: transport, policy: retryPolicy, sleeper: sleeper, jitter: jitter, clock: clock)
  }

  /// The invoices of `endpoint` matching the query text `query`. Relative dates resolve against
  /// `context` (default: the client's clock, in UTC).
  package func invoices(
    matching query: String, from endpoint: ProviderEndpoint, context: BindingContext? = nil,
    onProgress: (@Sendable (FetchProgress) -> Void)? = nil
  ) -> InvoiceStream {
    let now = Instant(seconds: Int(fetcher.clock().timeIntervalSince1970.rounded(.down)), fraction: "")
    let setup = Result { () throws(ClientError) -> FetchSpec in
      let catalog = endpoint.provider.catalog
      let bound: BoundQuery
      do {
        let parsed = try Parser.parse(query)
        bound = try Binder.bind(parsed, catalog: catalog, context: context ?? .utc(now: now), source: query)
      } catch {
        throw ClientError.invalidQuery("\(error)")
      }
      return try Self.fetchSpec(for: bound, from: endpoint)
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

  static func fetchSpec(for query: BoundQuery, from endpoint: ProviderEndpoint) throws(ClientError)
    -> FetchSpec
  {
    let plan: Plan
    do {
      plan = try endpoint.provider.plan(query, settings: endpoint.settings)
    } catch {
      throw ClientError.invalidRequest("\(error)")
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
