import Foundation
import InvoiceQLSimulation
import TestSupport
import Testing

@testable import InvoiceQL
@testable import InvoiceQLClient
@testable import InvoiceQLJSON
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSemantics
@testable import InvoiceQLStreaming
@testable import InvoiceQLSyntax

/// Whole invoices or the fields asked for, and pages in flight under faults, against simulated
/// listings (in memory: the faults land on exact requests).
@Suite struct PagesInFlightTests {
  static let settings = ["tenantId": "t", "portalContactId": "c", "company": "acme"]
  static let context = BindingContext.utc(now: Instant(seconds: 1_750_000_000, fraction: ""))
  static let base = URL(string: "http://sim.invalid")!

  static func invoices(_ provider: Provider, _ count: Int, seed: UInt64 = 7) -> [JSONValue] {
    var random = SplitMix64(seed: seed)
    return SortedInvoices.make(provider, count: count, &random)
  }

  static func client(
    _ transport: SimulatedTransport, concurrency: Int = 4, sleeper: RecordingSleeper = .init()
  )
    -> InvoiceClient
  {
    InvoiceClient(
      transport: transport, retryPolicy: RetryPolicy(maxAttempts: 10), sleeper: sleeper,
      jitter: FixedJitter(value: 0), concurrency: concurrency)
  }

  @Test(arguments: Provider.all.filter(SimulatedListing.simulates))
  func aMatchIsTheWholeInvoiceAsSentUnlessFieldsAreAsked(provider: Provider) async throws {
    let invoices = Self.invoices(provider, 30)
    let transport = SimulatedTransport(
      listing: SimulatedListing(provider: provider, invoices: invoices, settings: Self.settings))
    let endpoint = ProviderEndpoint(provider: provider, baseURL: Self.base, settings: Self.settings)
    let whole = try await Self.client(transport).invoices(
      matching: "total > 15", from: endpoint, context: Self.context
    ).collect()
    let originals = Set(invoices.map(\.compactText))
    #expect(!whole.isEmpty)
    for match in whole { #expect(originals.contains(match.json), "\(match.json)") }
    #expect(!transport.requestURLs.contains { $0.contains("fields=") })

    let projected = SimulatedTransport(
      listing: SimulatedListing(provider: provider, invoices: invoices, settings: Self.settings))
    let fields = try await Self.client(projected).invoices(
      matching: "total > 15", from: endpoint, context: Self.context, fields: ["total", "id"]
    ).collect()
    #expect(fields.map(\.id) == whole.map(\.id))
    let total = try #require(provider.catalog.canonicalFields["total"])
    // Just the fields asked for, as the server sent them (Stripe's total without its currency too).
    let kept = [total]
    for match in fields {
      var expected = JSONValue.object([])
      if let original = whole.first(where: { $0.id == match.id })?.value() {
        expected = JSONValue.object(
          paths: [(["id"], original["id"] ?? .null)]
            + kept.compactMap { path in ReferenceEvaluator.lookup(path, in: original).map { (path, $0) } })
      }
      #expect(match.value() == expected, "\(provider): \(match.json)")
    }
  }

  @Test func anUnknownFieldIsAClearError() async throws {
    let transport = SimulatedTransport(
      listing: SimulatedListing(provider: .elevate, invoices: [], settings: Self.settings))
    let endpoint = ProviderEndpoint(provider: .elevate, baseURL: Self.base)
    await #expect {
      _ = try await Self.client(transport).invoices(
        matching: "total > 1", from: endpoint, context: Self.context, fields: ["totl"]
      ).collect()
    } throws: { error in
      "\(error)".contains("unknown field 'totl' on elevate (did you mean 'total'?)")
    }
    #expect(transport.requestCount == 0)
  }

  @Test func theWindowHalvesOnARateLimitAndGrowsBackOneAtATime() {
    let window = ConcurrencyWindow(maximum: 8)
    #expect(window.size == 8)
    window.throttled()
    #expect(window.size == 4)
    window.throttled()
    window.throttled()
    window.throttled()
    #expect(window.size == 1)
    window.succeeded()
    #expect(window.size == 2)
    for _ in 0..<20 { window.succeeded() }
    #expect(window.size == 8)
  }

  /// A budget must be a positive, finite rate; within it, requests are let through one slot apart.
  @Test func aRequestBudgetTakesOnlyAPositiveRate() async throws {
    #expect(RequestBudget(perSecond: 0) == nil)
    #expect(RequestBudget(perSecond: -1) == nil)
    #expect(RequestBudget(perSecond: .infinity) == nil)
    #expect(RequestBudget(perSecond: .nan) == nil)
    let budget = try #require(RequestBudget(perSecond: 10_000))
    let invoices = Self.invoices(.wethod, 12)
    let transport = SimulatedTransport(
      listing: SimulatedListing(provider: .wethod, invoices: invoices, settings: Self.settings))
    var client = Self.client(transport)
    client.fetcher.budget = budget
    let plan = try Self.plan(.wethod, "id is not null", pageSize: 5)
    #expect(try await client.invoices(for: plan, from: Self.endpoint(.wethod)).collect().count == 12)
  }

  /// softwareone reports its total: nothing is sent past it, whatever the pages in flight.
  @Test func noRequestGoesPastAKnownTotal() async throws {
    let invoices = Self.invoices(.softwareone, 25)
    let transport = SimulatedTransport(
      listing: SimulatedListing(provider: .softwareone, invoices: invoices, settings: Self.settings))
    let plan = try Self.plan(.softwareone, "id is not null", pageSize: 10)
    let ids = try await Self.client(transport).invoices(for: plan, from: Self.endpoint(.softwareone))
      .collect()
    #expect(ids.count == 25)
    #expect(transport.requestCount == 3)
  }

  /// Random listings, page sizes and faults (429 with `Retry-After`, 5xx, bodies cut short) with
  /// four pages in flight: every true match arrives once, in listing order; a rate-limited request
  /// is sent again only after its `Retry-After`; never more than four requests in flight.
  @Test(arguments: Array(UInt64(1)...24))
  func underFaultsWithPagesInFlightEveryMatchArrivesOnceInOrder(seed: UInt64) async throws {
    var random = SplitMix64(seed: seed)
    let providers = Provider.all.filter(SimulatedListing.simulates)
    let provider = providers[Int(seed) % providers.count]
    let invoices = Self.invoices(provider, Int.random(in: 0...80, using: &random), seed: seed)
    var faults: [Int: SimulatedTransport.Fault] = [:]
    var ordinal = 0
    for _ in 0..<Int.random(in: 0...6, using: &random) {
      ordinal += Int.random(in: 1...3, using: &random)
      switch Int.random(in: 0..<3, using: &random) {
      // 3 s: no backoff is 3 s (with no jitter they are 0.25, 0.5, 1, 2, 4… s), so a 3 s wait is a
      // Retry-After. (With 2 s, a request that met four faults in a row waited 2 s of backoff.)
      case 0: faults[ordinal] = .status(429, headers: ["Retry-After": "3"])
      case 1: faults[ordinal] = .status(503, headers: [:])
      default: faults[ordinal] = .cut(bytes: Int.random(in: 0..<300, using: &random))
      }
    }
    let transport = SimulatedTransport(
      listing: SimulatedListing(
        provider: provider, invoices: invoices, settings: Self.settings, serverPageSize: 7),
      latency: 0.002, faults: faults)
    let plan = try Self.plan(provider, "total > 15", pageSize: Int.random(in: 1...9, using: &random))
    let sleeper = RecordingSleeper()
    let got = try await Self.client(transport, sleeper: sleeper).invoices(
      for: plan, from: Self.endpoint(provider)
    )
    .collect().map { $0.id ?? "?" }
    let query = try Self.bound(provider, "total > 15")
    // In the order the server lists them (stripe's newest first; the others' as stored).
    let listed = try transport.listing.listed(plan.requests[0])
    let truth = listed.filter { ReferenceEvaluator.matches(query.filter, on: $0) }.map {
      $0["id"].map { value -> String in
        if case .string(let s) = value { return s }
        return value.compactText
      } ?? "?"
    }
    #expect(got == truth, "seed \(seed) \(provider) faults \(faults)")
    #expect(transport.peakInFlight <= 4)
    // Where the pager knows the next pages before the answers (numbers, offsets), they are in flight.
    let ahead = try !provider.pager(startingAt: plan.requests[0]).upcomingRequests(1).isEmpty
    if ahead, got.count > 20 { #expect(transport.peakInFlight > 1, "seed \(seed)") }
    // A 429 whose request was sent again was waited for first (its Retry-After, 3 s); one on a page
    // sent ahead past the end may be dropped unread. No other wait is 3 s.
    let urls = transport.requestURLs
    let rateLimited = faults.keys.filter { k in
      if case .status(429, _)? = faults[k] { return k <= urls.count }
      return false
    }
    let retried = rateLimited.filter { k in urls[k...].contains(urls[k - 1]) }
    let waits = sleeper.delays.filter { $0 == 3 }.count
    #expect(waits >= retried.count && waits <= rateLimited.count, "seed \(seed)")
  }

  static func endpoint(_ provider: Provider) -> ProviderEndpoint {
    ProviderEndpoint(provider: provider, baseURL: base, settings: settings)
  }

  static func bound(_ provider: Provider, _ text: String) throws -> BoundQuery {
    try Binder.bind(try Parser.parse(text), catalog: provider.catalog, context: context, source: text)
  }

  /// `text` planned for `provider`, its listing in pages of `pageSize` (where the request sets a
  /// page size: `pageSize`, `limit` or a body's `ItemsPerPage`; else the server's own).
  static func plan(_ provider: Provider, _ text: String, pageSize: Int) throws -> Plan {
    var plan = try provider.plan(try bound(provider, text), settings: settings)
    var request = plan.requests[0]
    if request.queryValue("pageSize") != nil {
      request = request.settingQueryParameter("pageSize", to: String(pageSize))
    } else if request.queryValue("limit") != nil {
      request = request.settingQueryParameter("limit", to: String(pageSize))
    } else if let body = request.body {
      request.body = body.replacingOccurrences(
        of: "\"ItemsPerPage\": 100", with: "\"ItemsPerPage\": \(pageSize)")
    }
    plan.requests[0] = request
    return plan
  }
}
