import Foundation
import InvoiceQL
import InvoiceQLClient

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The fake billing API (`Tests/Fixtures/fake_billing_server.py`) as a subprocess shared by all
/// transport tests. It listens on 127.0.0.1 on a port of its choosing and exits when this test
/// process ends (its stdin, a pipe held here, then closes).
final class FakeServer: @unchecked Sendable {
  let port: Int
  private let process: Process
  private let stdinPipe: Pipe

  static let shared: Result<FakeServer, any Error> = {
    do { return .success(try FakeServer.start()) } catch { return .failure(error) }
  }()

  /// The server, started on first use.
  static func get() throws -> FakeServer { try shared.get() }

  private init(port: Int, process: Process, stdinPipe: Pipe) {
    self.port = port
    self.process = process
    self.stdinPipe = stdinPipe
  }

  deinit { process.terminate() }

  private static func start() throws(FakeServerError) -> FakeServer {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/fake_billing_server.py")
    guard FileManager.default.fileExists(atPath: script.path) else {
      throw FakeServerError("no fake server at \(script.path)")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script.path]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    do { try process.run() } catch { throw FakeServerError("cannot start python3: \(error)") }
    var line = Data()
    while !line.contains(UInt8(ascii: "\n")) {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { throw FakeServerError("the fake server exited before printing its port") }
      line.append(chunk)
    }
    guard let text = String(data: line, encoding: .utf8),
      let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    else { throw FakeServerError("the fake server printed no port") }
    return FakeServer(port: port, process: process, stdinPipe: input)
  }

  var root: URL { URL(string: "http://127.0.0.1:\(port)")! }

  /// Registers a scenario and returns its base URL.
  func scenario(_ spec: [String: Any]) async throws -> URL {
    var request = URLRequest(url: root.appendingPathComponent("_scenarios"))
    request.httpMethod = "POST"
    request.httpBody = try JSONSerialization.data(withJSONObject: spec)
    let data = try await Self.get(request)
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
      let id = object["id"] as? String
    else { throw FakeServerError("no scenario id") }
    return root.appendingPathComponent("s").appendingPathComponent(id)
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

struct FakeServerError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
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
