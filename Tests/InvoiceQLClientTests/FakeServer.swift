import Foundation
import InvoiceQL
import InvoiceQLClient
import TestSupport

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// What the transport tests ask of the fake billing API.
extension FakeBillingServer {
  /// Registers a scenario and returns its base URL.
  func scenario(_ spec: [String: Any]) async throws -> URL {
    var request = URLRequest(url: root.appendingPathComponent("_scenarios"))
    request.httpMethod = "POST"
    request.httpBody = try JSONSerialization.data(withJSONObject: spec)
    return try scenarioURL(fromAnswer: try await Self.get(request))
  }

  /// The requests a scenario received, in order.
  func log(_ base: URL) async throws -> [LoggedRequest] {
    let id = base.lastPathComponent
    let data = try await Self.get(URLRequest(url: root.appendingPathComponent("_scenarios/\(id)/log")))
    guard let list = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
      throw FakeServerError("bad log")
    }
    return list.map { entry in
      LoggedRequest(
        method: entry["method"] as? String ?? "", path: entry["path"] as? String ?? "",
        rawQuery: entry["rawQuery"] as? String ?? "",
        query: (entry["query"] as? [[String]] ?? []).compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil },
        body: entry["body"] as? String, headers: entry["headers"] as? [String: String] ?? [:],
        time: entry["time"] as? Double ?? 0)
    }
  }

  private static func get(_ request: URLRequest) async throws -> Data {
    let response = try await URLSessionTransport().send(request)
    var data = Data()
    for try await chunk in response.body { data.append(chunk) }
    return data
  }
}

struct LoggedRequest: Sendable {
  var method: String
  var path: String
  var rawQuery: String
  var query: [(String, String)]
  var body: String?
  var headers: [String: String]
  /// When the server received it (seconds since 1970).
  var time: Double

  func parameter(_ name: String) -> String? { query.first { $0.0 == name }?.1 }
}

/// A sleeper that returns at once and records what it was asked to wait.
final class RecordingSleeper: Sleeper, @unchecked Sendable {
  private let lock = NSLock()
  private var recorded: [Double] = []
  var delays: [Double] { lock.withLock { recorded } }
  func sleep(seconds: Double) async throws {
    lock.withLock { recorded.append(seconds) }
    try Task.checkCancellation()
  }
}

/// Jitter fixed at one value.
struct FixedJitter: JitterSource {
  var value: Double
  func unit() -> Double { value }
}

/// `n` made-up invoices with ids `prefix-0`… as JSON objects.
func makeInvoices(_ count: Int, prefix: String = "inv", numericIds: Bool = false) -> [[String: Any]] {
  (0..<count).map { index in
    let id: Any = numericIds ? index + 1 : "\(prefix)-\(index)"
    let statuses = ["open", "paid", "void"]
    var invoice: [String: Any] = ["id": id]
    invoice["status"] = statuses[index % 3]
    invoice["total"] = Double(index * 10) + 0.5
    invoice["memo"] = "line \(index) \u{e9}\u{301} \"quoted\""
    return invoice
  }
}
