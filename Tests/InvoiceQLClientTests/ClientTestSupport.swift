import Foundation
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

/// The providers' first requests as a planner would write them, with a small page size so a few
/// invoices make several pages, against a fake-server scenario's base URL.
enum FirstRequests {
  /// The planner's first request for `provider` with no condition, pages of `pageSize`.
  static func make(_ provider: Provider, pageSize: Int = 4) throws -> NativeRequest {
    let plan = try provider.plan(BoundQuery(filter: .constant(true), limit: pageSize), settings: settings)
    return plan.requests[0]
  }

  /// The endpoint of a fake-server scenario at `base`.
  static func endpoint(_ provider: Provider, base: URL) -> ProviderEndpoint {
    ProviderEndpoint(provider: provider, baseURL: base, settings: settings)
  }

  /// Settings every provider's requests can be written with (a tenant with a slash: it must stay
  /// one path segment).
  static let settings = ["tenantId": "t/1", "portalContactId": "c1", "company": "acme", "version": "2.0"]

  /// elevate and wethod number their invoices; the others use strings.
  static func numericIds(_ provider: Provider) -> Bool {
    provider.catalog.field(at: ["id"])?.type == .id(numeric: true)
  }

  /// Whether the provider's listing is a POST (Linux's URLSession re-sends a POST whose connection
  /// closed unanswered without its body, so those tests leave out a closed connection).
  static func isPost(_ provider: Provider) throws -> Bool { try make(provider).method == "POST" }
}

/// `status = "open"` over a field at `["status"]`: the residual the transport tests filter with.
let statusIsOpen = BoundExpression.predicate(
  .compare(BoundField(path: ["status"], type: .string, name: "status"), .equal, .string("open")))

/// The ids, in listing order, of the invoices `residual` holds for, as the reference evaluator
/// judges them.
func expectedIds(_ invoices: [[String: Any]], _ residual: BoundExpression) throws -> [String] {
  try invoices.compactMap { invoice in
    let value = try JSONValue(parsing: JSONSerialization.data(withJSONObject: invoice))
    guard ReferenceEvaluator.matches(residual, on: value) else { return nil }
    return "\(invoice["id"]!)"
  }
}

/// A fetcher over the real HTTP transport that never really sleeps.
func testFetcher(_ sleeper: RecordingSleeper, attempts: Int = 5, timeout: Double = 10) -> RetryingFetcher {
  RetryingFetcher(
    transport: URLSessionTransport(timeout: timeout),
    policy: RetryPolicy(maxAttempts: attempts, baseDelay: 0.1, maxDelay: 1),
    sleeper: sleeper, jitter: FixedJitter(value: 0.5))
}

/// Progress reports, recorded.
final class ProgressLog: @unchecked Sendable {
  private let lock = NSLock()
  private var reports: [FetchProgress] = []
  var all: [FetchProgress] { lock.withLock { reports } }
  func record(_ progress: FetchProgress) { lock.withLock { reports.append(progress) } }
}

extension NativeRequest {
  /// A request from a URL written out (`http://h/path?a=b&rql(x)`): its path, and its query's
  /// components decoded (a component without `=` is bare).
  init(testURL text: String) {
    let afterScheme = text.range(of: "://").map { text[$0.upperBound...] } ?? text[...]
    let pathStart = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
    let rest = afterScheme[pathStart...]
    let parts = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
    let path = parts.first.map(String.init) ?? "/"
    var query: [(name: String, value: String?)] = []
    if parts.count > 1 {
      for component in parts[1].split(separator: "&") {
        let pair = component.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = URLText.decode(pair[0]) ?? String(pair[0])
        query.append((name, pair.count > 1 ? (URLText.decode(pair[1]) ?? String(pair[1])) : nil))
      }
    }
    self.init(method: "GET", path: path.isEmpty ? "/" : path, query: query)
  }

  /// The encoded query, without `?`; nil when there is none.
  var queryText: String? {
    url.firstIndex(of: "?").map { String(url[url.index(after: $0)...]) }
  }
}
