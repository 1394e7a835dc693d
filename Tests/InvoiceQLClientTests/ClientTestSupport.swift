import Foundation
import Testing

@testable import InvoiceQL
@testable import InvoiceQLClient

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The providers' first requests as a planner would write them, with a small page size so a few
/// invoices make several pages, against a fake-server scenario's base URL.
enum FirstRequests {
  static func make(_ provider: String, base: URL, pageSize: Int = 4) -> URLRequest {
    func get(_ path: String, _ query: String) -> URLRequest {
      var components = URLComponents(url: base.appendingPathComponent(path), resolvingAgainstBaseURL: false)!
      components.percentEncodedQuery = query
      return URLRequest(url: components.url!)
    }
    switch provider {
    case "rhythm":
      return get("invoices/t%2F1/portal/contact/c1", "includeAllInvoices=true")
    case "elevate":
      return get("invoices", "page=1&pageSize=\(pageSize)")
    case "softwareone":
      return get(
        "public/v1/billing/invoices", "eq(status,Issued)&select=%2BerpData&limit=\(pageSize)&offset=0")
    case "wethod":
      return get("api/invoices", "limit=\(pageSize)&offset=0")
    default:
      var request = URLRequest(url: base.appendingPathComponent("invoice/search"))
      request.httpMethod = "POST"
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
      request.httpBody = Data(
        (#"{"filters":[{"type":"boolean","field":"includevoided","value":"true"}],"#
          + #""pagination":{"ItemsPerPage":\#(pageSize),"PageNumber":1}}"#).utf8)
      return request
    }
  }

  /// elevate and wethod number their invoices; the others use strings.
  static func numericIds(_ provider: String) -> Bool { provider == "elevate" || provider == "wethod" }
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
