import Foundation
import Testing

@testable import InvoiceQLCLI

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `Tests/Fixtures/fake_billing_server.py`, started once for the `run` tests; it exits when this
/// process ends (its stdin, held here, closes).
final class RunFakeServer: @unchecked Sendable {
  let port: Int
  private let process: Process
  private let input: Pipe

  static let shared: Result<RunFakeServer, any Error> = {
    do { return .success(try RunFakeServer()) } catch { return .failure(error) }
  }()

  private init() throws {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fixtures/fake_billing_server.py")
    process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script.path]
    input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    var line = Data()
    while !line.contains(UInt8(ascii: "\n")) {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      line.append(chunk)
    }
    port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
  }

  deinit { process.terminate() }

  /// Registers a scenario; returns its base URL.
  func scenario(_ spec: [String: Any]) throws -> String {
    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/_scenarios")!)
    request.httpMethod = "POST"
    request.httpBody = try JSONSerialization.data(withJSONObject: spec)
    let semaphore = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var answer: Data?
    URLSession.shared.dataTask(with: request) { data, _, _ in
      answer = data
      semaphore.signal()
    }.resume()
    semaphore.wait()
    let object = try JSONSerialization.jsonObject(with: answer ?? Data()) as? [String: Any]
    return "http://127.0.0.1:\(port)/s/\(object?["id"] as? String ?? "none")"
  }
}

@Suite struct RunCommandTests {
  func run(_ arguments: [String]) async -> (status: InvoiceQLCLI.ExitStatus, out: String, err: String) {
    let out = StringSink()
    let err = StringSink()
    let status = await CommandLineTool.main(
      arguments: ["run"] + arguments, stdin: StringSource(""), stdout: out, stderr: err)
    return (status, out.text, err.text)
  }

  static var invoices: [[String: Any]] {
    (1...130).map { index in
      [
        "id": index, "status": ["draft", "sent", "paid"][index % 3], "value": index * 10,
        "notes": "caf\u{e9} \"\(index)\"",
      ]
    }
  }

  static func id(_ line: String) throws -> Int? {
    (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? Int
  }

  @Test func runPrintsEveryMatchOfEveryPageAsJSONLines() async throws {
    let base = try RunFakeServer.shared.get().scenario(["provider": "wethod", "invoices": Self.invoices])
    let result = await run([
      "--provider", "wethod", "--base-url", base, "--set", "company=acme", "--set=version=2024-06-15",
      "status = paid and value >= 500",
    ])
    #expect(result.status == .success)
    #expect(result.err == "")
    let expected = Self.invoices.filter {
      ($0["status"] as? String) == "paid" && ($0["value"] as? Int ?? 0) >= 500
    }
    .map { $0["id"] as? Int }
    let lines = result.out.split(separator: "\n").map(String.init)
    #expect(try lines.map(Self.id) == expected)
    // Byte-exact as the server sent it: Python escapes é as \u00e9, and the escape is kept.
    #expect(lines.allSatisfy { $0.contains(#"caf\u00e9 \""#) && !$0.contains(" ,") })
  }

  @Test func sortAndLimitApplyAcrossPages() async throws {
    let base = try RunFakeServer.shared.get().scenario(["provider": "wethod", "invoices": Self.invoices])
    let result = await run([
      "--provider", "wethod", "--base-url", base, "--set", "company=acme", "--set", "version=1",
      "status = sent sort by value desc limit 3",
    ])
    #expect(result.status == .success)
    #expect(try result.out.split(separator: "\n").map { try Self.id(String($0)) } == [130, 127, 124])
  }

  @Test func providerErrorsGoToStandardErrorWithExitOne() async throws {
    let base = try RunFakeServer.shared.get().scenario([
      "provider": "wethod", "invoices": Self.invoices,
      "faults": [
        [
          "on": 1, "kind": "status", "status": 412,
          "body": #"{"key":"precondition_failure","message":"unknown company"}"#,
        ]
      ],
    ])
    let result = await run([
      "--provider", "wethod", "--base-url", base, "--set", "company=nope", "--set", "version=1",
      "status = paid",
    ])
    #expect(result.status == .failure)
    #expect(result.out == "")
    #expect(result.err.hasPrefix("error: HTTP 412 from GET \(base)/api/invoices?"))
    #expect(result.err.hasSuffix("precondition_failure: unknown company\n"))
  }

  @Test func queryAndPlanningErrorsAreExitOne() async {
    let bad = await run(["--provider", "elevate", "--base-url", "http://127.0.0.1:9", "dueDat < 2025-05-01"])
    #expect(bad.status == .failure)
    #expect(bad.err.contains("unknown field 'dueDat'"))
    let unset = await run(["--provider", "rhythm", "--base-url", "http://127.0.0.1:9", "status = open"])
    #expect(unset.status == .failure)
    #expect(unset.err.contains("tenantId"))
  }

  @Test(arguments: [
    ["--provider", "elevate", "status = paid"],
    ["--provider", "elevate", "--base-url", "ftp://x", "status = paid"],
    ["--provider", "elevate", "--base-url", "http://a", "--base-url", "http://b", "status = paid"],
    ["--provider", "elevate", "--base-url", "http://a", "--set", "=x", "status = paid"],
    ["--provider", "elevate", "--base-url", "http://a", "--header", "NoColon", "status = paid"],
    ["--base-url", "http://a", "status = paid"],
  ])
  func usageErrorsAreExitTwo(arguments: [String]) async {
    let result = await run(arguments)
    #expect(result.status == .usage)
    #expect(result.err.contains("usage: invoiceql run"))
  }
}
