import Foundation
import TestSupport
import Testing

@testable import InvoiceQL
@testable import InvoiceQLClient
@testable import InvoiceQLImport
@testable import InvoiceQLJSON
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSavedSearches
@testable import InvoiceQLSemantics
@testable import InvoiceQLStreaming
@testable import InvoiceQLSyntax

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Random invoices shaped like each provider's (the fields the queries below read), from a seed.
enum ProviderInvoices {
  static func make(_ provider: String, count: Int, seed: UInt64) -> [[String: Any]] {
    var random = SplitMix64(seed: seed)
    func amount() -> Any {
      // Exact decimals, sometimes as strings, sometimes null or absent-worthy.
      switch Int.random(in: 0..<10, using: &random) {
      case 0: return NSNull()
      case 1: return "\(Int.random(in: 0..<3000, using: &random)).50"
      default: return Double(Int.random(in: 0..<300_000, using: &random)) / 100
      }
    }
    return (0..<count).map { index in
      var invoice: [String: Any] = [:]
      switch provider {
      case "rhythm":
        invoice = [
          "id": "rh-\(index)",
          "status": ["open", "paid", "void", "written off"].randomElement(using: &random)!,
          "total": amount(), "date_due": "2025-0\(Int.random(in: 1...9, using: &random))-15",
        ]
      case "elevate":
        invoice = [
          "id": index + 1,
          "paymentStatus": ["UNPAID", "PAID", "PARTIALLY_PAID"].randomElement(using: &random)!,
          "invoiceTotalAmount": amount(), "dueDate": "2025-0\(Int.random(in: 1...9, using: &random))-10",
        ]
      case "wethod":
        invoice = [
          "id": index + 1, "status": ["draft", "sent", "paid"].randomElement(using: &random)!,
          "value": amount(),
        ]
      case "softwareone":
        invoice = [
          "id": "INV-\(1000 + index)",
          "status": ["Issued", "Paid", "Overdue"].randomElement(using: &random)!,
          "erpData": [
            "documentNo": "DOC-\(Int.random(in: 0..<100, using: &random))", "invoiceTotal": amount(),
          ],
        ]
      default:
        invoice = [
          "id": "rs-\(index)", "status": ["new", "sent", "completed"].randomElement(using: &random)!,
          "amount": amount(),
        ]
      }
      if Int.random(in: 0..<20, using: &random) == 0 {
        invoice.removeValue(forKey: invoice.keys.first { $0 != "id" }!)
      }
      return invoice
    }
  }
}

@Suite struct InvoiceClientTests {
  static let context = BindingContext.utc(now: Instant(seconds: 1_750_000_000, fraction: ""))
  static let settings = [
    "tenantId": "t/1", "portalContactId": "c 1", "company": "acme", "version": "2024-06-15",
  ]

  /// Queries the planner leaves (at least partly) to the client, so a fake server that ignores
  /// filters still answers a superset; with sort and limit for the bounded top-k.
  static let cases: [(provider: String, query: String, count: Int)] = [
    ("rhythm", "status in (open, paid) and total > 100 sort by total desc limit 7", 40),
    ("rhythm", "dueDate < 2025-05-01 and total <= 1000", 40),
    ("elevate", "invoiceTotalAmount > 100 and dueDate < 2025-05-01", 1500),
    ("wethod", "status = paid and value >= 1000 sort by value limit 5", 260),
    ("softwareone", "number contains \"7\"", 230),
    ("roadsync", "total > 100 sort by total limit 2", 210),
    ("roadsync", "status = sent and total < 2500", 210),
  ]

  /// The true matches: the reference evaluator over every invoice, then the language reference's stable sort and limit.
  func expected(_ provider: String, _ query: String, _ invoices: [[String: Any]]) throws -> [String] {
    let bound = try Binder.bind(
      try Parser.parse(query), catalog: Provider.named(provider)!.catalog, context: Self.context,
      source: query)
    let values = try invoices.map { try JSONValue(parsing: JSONSerialization.data(withJSONObject: $0)) }
    var matching = values.filter { ReferenceEvaluator.matches(bound.filter, on: $0) }
    if !bound.sort.isEmpty { matching = InvoiceSorter.sort(matching, by: bound.sort) }
    if let limit = bound.limit { matching = Array(matching.prefix(limit)) }
    return matching.map { value in
      switch value["id"] {
      case .string(let s): s
      case .number(let n): n
      default: "?"
      }
    }
  }

  @Test(arguments: 0..<cases.count)
  func theClientReturnsExactlyTheTrueMatchesSortedAndLimitedOverAllPages(index: Int) async throws {
    let (provider, query, count) = Self.cases[index]
    let invoices = ProviderInvoices.make(provider, count: count, seed: UInt64(index + 1))
    let server = try FakeBillingServer.get()
    let base = try await server.scenario(["provider": provider, "invoices": invoices, "pageSize": 15])
    let client = InvoiceClient(
      transport: URLSessionTransport(timeout: 10), sleeper: RecordingSleeper(), jitter: FixedJitter(value: 0))
    let endpoint = ProviderEndpoint(
      provider: Provider.named(provider)!, baseURL: base, settings: Self.settings)
    let progress = ProgressLog()
    let ids = try await client.invoices(
      matching: query, from: endpoint, context: Self.context, onProgress: { progress.record($0) }
    ).collect().map { $0.id ?? "?" }
    let truth = try expected(provider, query, invoices)
    #expect(ids == truth)
    #expect(truth.count > 1, "the case should select something, not everything")
    #expect(truth.count < count / 2 || truth.count <= 7)
    let log = try await server.log(base)
    #expect(progress.all.last?.pages == log.count)
    #expect(progress.all.last?.invoicesScanned == count)
    if provider == "rhythm" {
      #expect(log.first?.path == "/invoices/t%2F1/portal/contact/c%201")
      #expect(log.first?.parameter("includeAllInvoices") == "true")
    }
    if provider == "wethod" { #expect(log.first?.headers["wethod-company"] == "acme") }
  }

  @Test func endpointHeadersGoWithEveryPageAndFaultsAreRecoveredThroughTheWholePipeline() async throws {
    let invoices = ProviderInvoices.make("rhythm", count: 50, seed: 99)
    let server = try FakeBillingServer.get()
    let faults: [[String: Any]] = [
      ["on": 1, "kind": "status", "status": 429, "headers": ["Retry-After": "1"], "body": "{}"],
      ["on": 3, "kind": "truncate", "bytes": 300],
      ["on": 5, "kind": "status", "status": 500, "body": "{}"],
    ]
    let base = try await server.scenario([
      "provider": "rhythm", "invoices": invoices, "pageSize": 10, "faults": faults,
    ])
    let sleeper = RecordingSleeper()
    let client = InvoiceClient(
      transport: URLSessionTransport(timeout: 10), sleeper: sleeper, jitter: FixedJitter(value: 0))
    let endpoint = ProviderEndpoint(
      provider: .rhythm, baseURL: base, settings: Self.settings, headers: ["Authorization": "Bearer secret"])
    let query = "status = open"
    let ids = try await client.invoices(matching: query, from: endpoint, context: Self.context).collect().map
    {
      $0.id ?? "?"
    }
    #expect(ids == (try expected("rhythm", query, invoices)))
    // Retry-After: 1, then a backoff each for the cut and the 500 (backoffs here are at most 0.5 s;
    // on a loaded machine an extra connection failure may add one).
    #expect(sleeper.delays.filter { $0 == 1 } == [1])
    #expect(sleeper.delays.count >= 3)
    let log = try await server.log(base)
    #expect(log.count >= 8)
    #expect(log.allSatisfy { $0.headers["authorization"] == "Bearer secret" })
  }

  @Test func aBadQueryIsAnErrorWithItsCaretBeforeAnyRequest() async throws {
    let transport = InMemoryTransport { _ in throw TransportError(.connectionFailed, "must not be called") }
    let client = InvoiceClient(transport: transport)
    let endpoint = ProviderEndpoint(provider: .elevate, baseURL: URL(string: "http://x.invalid")!)
    await #expect {
      _ = try await client.invoices(matching: "dueDat < 2025-05-01", from: endpoint, context: Self.context)
        .collect()
    } throws: { error in
      guard case ClientError.invalidQuery(let text) = error else { return false }
      return text.contains("unknown field 'dueDat'") && text.contains("^~~~~~")
    }
    await #expect {
      _ = try await client.invoices(
        matching: "status = open", from: ProviderEndpoint(provider: .rhythm, baseURL: endpoint.baseURL)
      ).collect()
    } throws: { error in
      guard case ClientError.invalidRequest(let text) = error else { return false }
      return text.contains("tenantId")
    }
  }

  @Test func aQueryThatCannotMatchSendsNoRequest() async throws {
    let transport = InMemoryTransport { _ in throw TransportError(.connectionFailed, "must not be called") }
    let endpoint = ProviderEndpoint(provider: .elevate, baseURL: URL(string: "http://x.invalid")!)
    let matches = try await InvoiceClient(transport: transport).invoices(
      matching: "invoiceTotalAmount > 5 and invoiceTotalAmount < 3", from: endpoint, context: Self.context
    ).collect()
    #expect(matches.isEmpty)
  }
}
