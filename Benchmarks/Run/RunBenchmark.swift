import Foundation
import InvoiceQL
import InvoiceQLClient
import InvoiceQLSimulation

/// `run` against a simulated API per registered provider (`SimulatedTransport`: the provider's
/// filter, sort, paging and envelope, with a fixed latency per request; no sockets, so the figures
/// are the client's and the latency's). Three queries — (a) a top-20 sorted query, with and without
/// a residual, by total or by creation (the order an API may list in by itself), (b) a full
/// listing, (c) a selective filter — each as requests and wall time, against
/// the sequential fetch-everything baseline of the same run (one page after another, every page,
/// the client filtering and sorting) and against the ideal (ceil(matches ÷ page size) requests).
/// Memory: how far resident memory rises above where it stood during each run (the peak, reset
/// before it), with the listing already computed: the client's pages in flight and its matches.
struct RunBenchmark {
  let latency: Double
  let invoicesPerProvider: Int
  let only: Set<String>

  static let settings = ["tenantId": "bench", "portalContactId": "c", "company": "acme"]
  /// The grammar needs a condition before `sort by`: (a) is asked three ways, one of which the
  /// server answers exactly where it can (`customerId = 7` on elevate, `total >= 0` on softwareone).
  static let queries: [(label: String, text: String, wanted: Int?)] = [
    ("a  top 20, total >= 0", "total >= 0 sort by total desc limit 20", 20),
    ("a' top 20, customer", "customerId = 7 sort by total desc limit 20", 20),
    ("a\" top 20, paid", "status = paid sort by total desc limit 20", 20),
    ("a‴ top 20, newest", "total >= 0 sort by createdAt desc limit 20", 20),
    ("b  full listing", "id is not null", nil),
    ("c  selective filter", "total > 2900", nil),
  ]

  func run() async {
    print(
      "run benchmark: \(invoicesPerProvider) invoices per provider, \(Int(latency * 1000)) ms per request")
    print("ratios: baseline = sequential fetch-everything (same run); ideal = ceil(matches / page size)")
    for provider in Provider.all where only.isEmpty || only.contains(provider.name) {
      guard SimulatedListing.simulates(provider) else {
        print("\n\(provider.name): no simulated API; skipped")
        continue
      }
      do {
        try await measure(provider)
      } catch {
        print("\n\(provider.name): failed: \(error)")
      }
    }
  }

  func measure(_ provider: Provider) async throws {
    let invoices = BenchInvoices.make(provider, count: invoicesPerProvider)
    let listing = SimulatedListing(provider: provider, invoices: invoices, settings: Self.settings)
    print("\n== \(provider.name)")
    print(
      "  query                  requests  baseline  ideal  ÷ideal  ÷baseline   wall s  baseline s  speed-up  matches  +MiB run  +MiB base"
    )
    for query in Self.queries {
      guard
        let bound = try? Binder.bind(
          try Parser.parse(query.text), catalog: provider.catalog,
          context: .utc(now: Instant(seconds: 1_750_000_000, fraction: "")), source: query.text)
      else {
        print("  \(pad(query.label, 22)) (the query does not bind on \(provider.name))")
        continue
      }
      let plan = try provider.plan(bound, settings: Self.settings)
      let endpoint = ProviderEndpoint(
        provider: provider, baseURL: URL(string: "http://sim.invalid")!, settings: Self.settings)
      let baseline = try await timed(listing, try Self.sequentialEverything(bound, provider, endpoint))
      let run = try await timed(
        listing,
        try InvoiceClient.fetchSpec(for: plan, from: endpoint, concurrency: FetchSpec.defaultConcurrency))
      guard run.ids == baseline.ids || (!bound.sort.isEmpty && run.ids.count == baseline.ids.count) else {
        print("  \(query.label): the run and the baseline disagree")
        continue
      }
      let pageSize = Self.pageSize(plan, listing)
      let matches = query.wanted.map { min($0, baseline.ids.count) } ?? baseline.ids.count
      let ideal = max(1, (matches + pageSize - 1) / pageSize)
      let speedUp = baseline.seconds / max(run.seconds, 1e-9)
      print(
        "  "
          + [
            pad(query.label, 22), pad(String(run.requests), 8, right: true),
            pad(String(baseline.requests), 9, right: true), pad(String(ideal), 6, right: true),
            pad(String(format: "%.2f", Double(run.requests) / Double(ideal)), 7, right: true),
            pad(
              String(format: "%.3f", Double(run.requests) / Double(max(baseline.requests, 1))), 10,
              right: true),
            pad(String(format: "%.2f", run.seconds), 9, right: true),
            pad(String(format: "%.2f", baseline.seconds), 11, right: true),
            pad(String(format: "%.1f×", speedUp), 9, right: true), pad(String(run.ids.count), 8, right: true),
            pad(String(format: "%.1f", run.memoryRise), 9, right: true),
            pad(String(format: "%.1f", baseline.memoryRise), 9, right: true),
          ].joined(separator: " "))
      let pushed = plan.sortPushed ? "sort pushed" : (bound.sort.isEmpty ? "no sort" : "sort on the client")
      print(
        "      \(pushed); limit \(plan.limitPushed ? "is the page size" : "on the client"); page \(pageSize)")
    }
  }

  /// The baseline: the query's filter planned alone (full pages, no sort asked of the server), every
  /// page read one after another, the client sorting and cutting to the limit.
  static func sequentialEverything(_ query: BoundQuery, _ provider: Provider, _ endpoint: ProviderEndpoint)
    throws
    -> FetchSpec
  {
    let plan = try provider.plan(BoundQuery(filter: query.filter), settings: settings)
    return FetchSpec(
      endpoint: endpoint, requests: plan.requests, residual: plan.residual ?? .constant(true),
      sort: query.sort,
      limit: query.limit, concurrency: 1)
  }

  struct Timing {
    var ids: [String]
    var requests: Int
    var seconds: Double
    /// How far resident memory rose above where it stood when the run started (its peak), in MiB.
    var memoryRise: Double
  }

  /// Runs `spec` against `listing` behind the latency. The listing is computed (filtered, sorted)
  /// before the clock starts, so the figures are the client's and the latency's.
  func timed(_ listing: SimulatedListing, _ spec: FetchSpec) async throws -> Timing {
    for request in spec.requests {
      _ = try listing.respond(try spec.endpoint.provider.pager(startingAt: request).firstRequest)
    }
    let transport = SimulatedTransport(listing: listing, latency: latency)
    let stream = InvoiceStream(spec, fetcher: RetryingFetcher(transport: transport))
    Self.resetPeakResident()
    let before = Self.residentMiB("VmRSS:")
    let start = ContinuousClock.now
    var ids: [String] = []
    for try await match in stream { ids.append(match.id ?? "?") }
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return Timing(
      ids: ids, requests: transport.requestCount, seconds: seconds,
      memoryRise: max(0, Self.residentMiB("VmHWM:") - before))
  }

  /// The page size the plan's listing gets (the server's own where the request sets none).
  static func pageSize(_ plan: Plan, _ listing: SimulatedListing) -> Int {
    guard let request = plan.requests.first else { return 1 }
    for name in ["pageSize", "limit"] {
      if let v = request.queryValue(name).flatMap({ Int($0) }) { return v }
    }
    if let body = request.body, let value = try? JSONValue(parsing: body),
      case .number(let n)? = value["pagination"]?["ItemsPerPage"], let size = Int(n)
    {
      return size
    }
    return listing.serverPageSize
  }

  /// Starts the peak resident memory afresh (Linux: `5` to `/proc/self/clear_refs`).
  static func resetPeakResident() {
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
  }

  /// A resident-memory figure of this process (Linux `/proc/self/status`: `VmRSS:` now, `VmHWM:` the
  /// peak), in MiB; 0 where unknown.
  static func residentMiB(_ field: String) -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field) }),
      let kb = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
    else { return 0 }
    return kb / 1024
  }
}

func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
  let fill = String(repeating: " ", count: max(0, width - s.count))
  return right ? fill + s : s + fill
}

/// Ten thousand invoices per provider, shaped by its catalog: a total from 0 to 3,000 (so
/// `total > 2900` selects about 3 %; in minor units with its currency where the provider counts
/// so), a status, dates and instants (Unix seconds where the provider sends them), all
/// deterministic.
enum BenchInvoices {
  static func make(_ provider: Provider, count: Int) -> [JSONValue] {
    let catalog = provider.catalog
    let numericIds = catalog.field(at: ["id"])?.type == .id(numeric: true)
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    return (0..<count).map { index in
      var fields: [([String], JSONValue)] = [
        (["id"], numericIds ? .number(String(index + 1)) : .string("INV-\(index)"))
      ]
      for name in [
        "total", "balance", "status", "dueDate", "issueDate", "createdAt", "updatedAt", "customerId",
      ] {
        guard let path = catalog.canonicalFields[name], let type = catalog.field(at: path)?.type,
          !fields.contains(where: { $0.0 == path })
        else { continue }
        let value: JSONValue
        switch catalog.canonicalViews[name]?.encoding ?? catalog.field(at: path)?.encoding {
        case .unixSeconds?:
          // 2025, on the hour: Unix seconds (stripe's `created`).
          value = .number(String(1_735_689_600 + 3600 * next(365 * 24)))
        case .minorUnits(let currency, let exponents)?:
          // Hundredths of the first two-decimal currency listed: 0 to 3,000 as elsewhere.
          value = .number(String(next(300_000)))
          if case .enumeration(let codes)? = catalog.field(at: currency)?.type,
            let code = codes.first(where: { exponents.exponent(of: $0) == 2 }),
            !fields.contains(where: { $0.0 == currency })
          {
            fields.append((currency, .string(code)))
          }
        default:
          switch type {
          case .decimal, .integer: value = .number("\(next(3000)).\(next(90) + 10)")
          case .date: value = .string(String(format: "2025-%02d-%02d", next(12) + 1, next(28) + 1))
          case .dateTime:
            value = .string(
              String(format: "2025-%02d-%02dT%02d:00:00Z", next(12) + 1, next(28) + 1, next(24)))
          case .enumeration(let values): value = .string(values.isEmpty ? "x" : values[next(values.count)])
          case .id(numeric: true): value = .number(String(next(50) + 1))
          default: value = .string(String(next(50) + 1))
          }
        }
        fields.append((path, value))
      }
      fields.append((["memo"], .string("Invoice \(index) for services rendered, with a line of text")))
      return JSONValue.object(paths: fields)
    }
  }

}
