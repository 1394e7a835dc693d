import Foundation

/// `Tests/Fixtures/fake_billing_server.py` as a subprocess, started once per test process and shared
/// by every test that needs it. It listens on 127.0.0.1 on a port of its choosing and exits when this
/// process ends (its stdin, a pipe held here, then closes).
public final class FakeBillingServer: @unchecked Sendable {
  public let port: Int
  private let process: Process
  private let stdinPipe: Pipe

  /// The server, started on first use, or why it could not start.
  public static let shared: Result<FakeBillingServer, FakeServerError> = {
    do throws(FakeServerError) { return .success(try start()) } catch { return .failure(error) }
  }()

  /// `shared`, or its error.
  public static func get() throws -> FakeBillingServer { try shared.get() }

  /// The server's root URL.
  public var root: URL { URL(string: "http://127.0.0.1:\(port)")! }

  private init(port: Int, process: Process, stdinPipe: Pipe) {
    self.port = port
    self.process = process
    self.stdinPipe = stdinPipe
  }

  deinit { process.terminate() }

  private static func start() throws(FakeServerError) -> FakeBillingServer {
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
    return FakeBillingServer(port: port, process: process, stdinPipe: input)
  }

  /// The base URL of the scenario the server's answer to `POST /_scenarios` names.
  public func scenarioURL(fromAnswer data: Data) throws -> URL {
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
      let id = object["id"] as? String
    else { throw FakeServerError("no scenario id") }
    return root.appendingPathComponent("s").appendingPathComponent(id)
  }
}

/// The fake server could not start or answered something unexpected.
public struct FakeServerError: Error, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}
