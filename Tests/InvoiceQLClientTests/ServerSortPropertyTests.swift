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

/// `sort by … limit N` pushed to servers that sort, through the whole client (planner, pager, pages
/// in flight, residual, top-k, early stop), against simulated listings under every reading the APIs
/// leave open: blanks first, last or as the smallest value; ties stable, reversed or shuffled; text
/// collated exactly or ignoring case.
///
/// The property: `run` returns the reference's top N — the true matches sorted as the language reference says
/// (stable, blanks last), cut to N. Where tied invoices straddle the cut, any of them may be
/// returned (the server's order of ties is its own): so the returned invoices are true matches,
/// distinct, and their sort values row by row are the reference's.
@Suite struct ServerSortPropertyTests {
  /// The providers whose APIs sort and whose paging the simulation serves.
  static let providers = Provider.all.filter { $0.dialect.sorting != nil && SimulatedListing.simulates($0) }
  static let settings = ["tenantId": "t", "portalContactId": "c", "company": "acme"]
  static let context = BindingContext.utc(now: Instant(seconds: 1_750_000_000, fraction: ""))
  static let queriesPerProvider = 40

  @Test(arguments: providers)
  func runReturnsTheReferenceTopKUnderEveryNullTieAndCollationReading(provider: Provider) async throws {
    var random = SplitMix64(seed: 0x5EED ^ UInt64(provider.name.utf8.count))
    var pushed = 0
    var stoppedEarly = 0
    for q in 0..<Self.queriesPerProvider {
      let invoices = SortedInvoices.make(provider, count: Int.random(in: 0...120, using: &random), &random)
      let text = SortedInvoices.query(provider, &random)
      let bound = try Binder.bind(
        try Parser.parse(text), catalog: provider.catalog, context: Self.context, source: text)
      var plan = try provider.plan(bound, settings: Self.settings)
      if plan.sortPushed { pushed += 1 }
      // Small pages, so the answer spans several and the early stop is exercised.
      if !plan.limitPushed, let request = plan.requests.first {
        let size = String(Int.random(in: 1...9, using: &random))
        plan.requests[0] = request.settingQueryParameter(
          provider.name == "elevate" ? "pageSize" : "limit", to: size)
      }
      let reference = Self.reference(bound, invoices)
      let pages = Self.fullListingPages(plan, invoices.count)
      for reading in SortReading.all {
        let listing = SimulatedListing(
          provider: provider, invoices: invoices, reading: reading, settings: Self.settings,
          seed: UInt64(q + 1))
        let transport = SimulatedTransport(listing: listing)
        let client = InvoiceClient(
          transport: transport, sleeper: RecordingSleeper(),
          concurrency: Int.random(in: 1...4, using: &random))
        let endpoint = ProviderEndpoint(
          provider: provider, baseURL: URL(string: "http://sim.invalid")!, settings: Self.settings)
        let got = try await client.invoices(for: plan, from: endpoint).collect().map { $0.value() }
        let problem = Self.compare(got, reference, bound)
        #expect(
          problem == nil,
          "\(provider) [\(reading)] \(text)\n\(plan.requests.first?.url ?? "")\n\(problem ?? "")")
        if problem != nil { return }
        if plan.sortPushed, transport.requestCount < pages { stoppedEarly += 1 }
      }
    }
    // The server-sort code ran, and stopped early where it could.
    #expect(pushed > Self.queriesPerProvider / 3)
    #expect(stoppedEarly > 0)
  }

  /// The true matches in SPEC order, cut to the limit.
  static func reference(_ query: BoundQuery, _ invoices: [JSONValue]) -> [JSONValue] {
    let matches = invoices.filter { ReferenceEvaluator.matches(query.filter, on: $0) }
    let sorted = InvoiceSorter.sort(matches, by: query.sort)
    return query.limit.map { Array(sorted.prefix($0)) } ?? sorted
  }

  /// Nil when `got` is a valid answer for `reference` (ties at the cut in any order), else why not.
  static func compare(_ got: [JSONValue], _ reference: [JSONValue], _ query: BoundQuery) -> String? {
    guard got.count == reference.count else { return "\(got.count) invoices, expected \(reference.count)" }
    let ids = got.map { $0["id"]?.compactText ?? "?" }
    guard Set(ids).count == ids.count else { return "an invoice twice: \(ids)" }
    for invoice in got where !ReferenceEvaluator.matches(query.filter, on: invoice) {
      return "not a match: \(invoice.compactText)"
    }
    for (k, (a, b)) in zip(got, reference).enumerated() {
      let x = InvoiceSorter.sortValues(a, query.sort)
      let y = InvoiceSorter.sortValues(b, query.sort)
      if InvoiceSorter.compare(x, y, query.sort) != 0 {
        return
          "row \(k): \(a.compactText)\nexpected values of \(b.compactText)\ngot \(ids)\nwant \(reference.map { $0["id"]?.compactText ?? "?" })"
      }
    }
    return nil
  }

  /// How many requests reading the whole listing takes (an upper bound for a listing that stops).
  static func fullListingPages(_ plan: Plan, _ count: Int) -> Int {
    guard let request = plan.requests.first else { return 0 }
    let size = Int(request.queryValue("pageSize") ?? request.queryValue("limit") ?? "") ?? 100
    return count / max(size, 1) + 1
  }
}

/// Invoices and queries for the sort property: few distinct values (many ties), blanks, values of
/// the wrong type, and ids unique even ignoring case.
enum SortedInvoices {
  static let sortKeys = [
    "total", "balance", "dueDate", "issueDate", "createdAt", "updatedAt", "id", "number",
  ]

  static func make(_ provider: Provider, count: Int, _ random: inout SplitMix64) -> [JSONValue] {
    let catalog = provider.catalog
    let numericIds = catalog.field(at: ["id"])?.type == .id(numeric: true)
    return (0..<count).map { index in
      var fields: [([String], JSONValue)] = [
        (
          ["id"],
          numericIds ? .number(String(index + 1)) : .string("INV-\(index)-\(index % 3 == 0 ? "a" : "B")")
        )
      ]
      for name in sortKeys.dropFirst(0) + ["status", "customerId"] where name != "id" {
        guard let path = catalog.canonicalFields[name], let type = catalog.field(at: path)?.type else {
          continue
        }
        // A field two names read (stripe's `issueDate` and `createdAt`: `created`) is given once.
        guard !fields.contains(where: { $0.0 == path }) else { continue }
        let encoding = catalog.field(at: path)?.encoding ?? .plain
        guard let value = value(type, catalog.canonicalViews[name]?.encoding ?? encoding, &random) else {
          continue
        }
        fields.append((path, value))
        // What reading it needs (money in minor units: the currency).
        for dependency in catalog.dependencies(of: path) where !fields.contains(where: { $0.0 == dependency })
        {
          guard let type = catalog.field(at: dependency)?.type, let given = Self.value(type, .plain, &random)
          else {
            continue
          }
          fields.append((dependency, given))
        }
      }
      return JSONValue.object(paths: fields)
    }
  }

  static func value(_ type: FieldType, _ encoding: FieldEncoding, _ random: inout SplitMix64) -> JSONValue? {
    switch Int.random(in: 0..<12, using: &random) {
    case 0: return nil
    case 1: return .null
    case 2: return .string("n/a")
    default: break
    }
    func pick(_ xs: [String]) -> String { xs[Int.random(in: 0..<xs.count, using: &random)] }
    switch encoding {
    case .unixSeconds:
      // 2025-05-01T10:00:00Z (often: ties within one second), a second later, the day's first and
      // last seconds, the next day's first: ties of the day too.
      return .number(
        pick(["1746093600", "1746093600", "1746093601", "1746057600", "1746143999", "1746144000"]))
    case .minorUnits: return .number(pick(["1000", "2050", "2050", "3000", "700", "100", "1500"]))
    case .plain, .partialArray: break
    }
    switch type {
    case .decimal, .integer: return .number(pick(["10", "20.5", "20.50", "30", "7", "1e1", "100"]))
    case .date: return .string(pick(["2025-05-01", "2025-04-30", "2025-05-02", "2024-12-31"]))
    case .dateTime:
      return .string(
        pick([
          "2025-05-01T10:00:00Z", "2025-05-01T10:00:00.5Z", "2025-04-30T23:00:00-02:00",
          "2025-05-02T00:00:00Z",
        ]))
    case .id(numeric: true): return .number(pick(["1", "2", "3"]))
    case .id(numeric: false), .string: return .string(pick(["a", "B", "b", "A1", "2"]))
    case .enumeration(let values): return .string(values.isEmpty ? "x" : pick(values))
    default: return nil
    }
  }

  /// `[filter] sort by keys limit N` over canonical names the provider has.
  static func query(_ provider: Provider, _ random: inout SplitMix64) -> String {
    let catalog = provider.catalog
    let available = sortKeys.filter { catalog.canonicalFields[$0] != nil }
    var keys: [String] = []
    // Half the time, the order the API lists in by itself (stripe's newest first), by any name
    // reading its key (`createdAt`, `issueDate`): the one sort such an API serves.
    if let natural = provider.dialect.sorting?.naturalOrder, Bool.random(using: &random) {
      for key in natural {
        let names = available.filter { catalog.canonicalFields[$0] == key.path }
        guard !names.isEmpty else { break }
        keys.append(
          names[Int.random(in: 0..<names.count, using: &random)] + (key.descending ? " desc" : " asc"))
      }
    }
    for _ in 0..<(keys.isEmpty ? Int.random(in: 1...2, using: &random) : 0) {
      let key = available[Int.random(in: 0..<available.count, using: &random)]
      if !keys.contains(where: { $0.hasPrefix(key + " ") }) {
        keys.append(key + (Bool.random(using: &random) ? " desc" : " asc"))
      }
    }
    // The grammar needs a condition before the clauses; `customerId = 2` is exact on elevate and
    // `total >= 0` on softwareone, so nothing is left on the client and the limit is the page size.
    var filters = [
      "id is not null", "total >= 0", "total > 15", "status = paid", "total >= 10 and total < 50",
    ]
    if catalog.canonicalFields["customerId"] != nil { filters.append("customerId = 2") }
    let filter = filters[Int.random(in: 0..<filters.count, using: &random)]
    return filter + " sort by " + keys.joined(separator: ", ")
      + " limit \(Int.random(in: 1...25, using: &random))"
  }
}
