import Foundation
import TestSupport
import Testing

@testable import InvoiceQLCLI

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

extension FakeBillingServer {
  /// Registers a scenario; returns its base URL.
  func scenario(_ spec: [String: Any]) throws -> String {
    var request = URLRequest(url: root.appendingPathComponent("_scenarios"))
    request.httpMethod = "POST"
    request.httpBody = try JSONSerialization.data(withJSONObject: spec)
    let semaphore = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var answer: Data?
    URLSession.shared.dataTask(with: request) { data, _, _ in
      answer = data
      semaphore.signal()
    }.resume()
    semaphore.wait()
    return try scenarioURL(fromAnswer: answer ?? Data()).absoluteString
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
    let base = try FakeBillingServer.get().scenario(["provider": "wethod", "invoices": Self.invoices])
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

  /// `--fields` keeps just those fields of each match; `--concurrency` is taken; wethod's version
  /// has a default, so `--set version` may be left out.
  @Test func fieldsProjectEachMatchAndTheWethodVersionHasADefault() async throws {
    let base = try FakeBillingServer.get().scenario(["provider": "wethod", "invoices": Self.invoices])
    let result = await run([
      "--provider", "wethod", "--base-url", base, "--set", "company=acme", "--fields", "total,id",
      "--concurrency", "2", "status = paid and value >= 1200",
    ])
    #expect(result.status == .success, "\(result.err)")
    let lines = result.out.split(separator: "\n").map(String.init)
    #expect(try lines.map(Self.id) == [122, 125, 128])
    for line in lines {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      #expect(Set(object?.keys.map { $0 } ?? []) == ["id", "value"], "\(line)")
    }
    let unknown = await run([
      "--provider", "wethod", "--base-url", base, "--set", "company=acme", "--fields", "nope",
      "status = paid",
    ])
    #expect(unknown.status == .failure)
    #expect(unknown.err.contains("--fields: unknown field 'nope' on wethod"))
  }

  /// The issue's example: the sort is the server's (`sort=invoiceDate:desc,id`), blanks and all, and
  /// the matches are whole invoices.
  @Test func aServerSortedTopThreeIsTheReferencesAndHoldsWholeInvoices() async throws {
    let invoices: [[String: Any]] = (1...2000).map { index in
      var invoice: [String: Any] = [
        "id": index, "invoiceTotalAmount": Double(index % 400) + 0.5, "paymentStatus": "PAID",
      ]
      if index % 7 != 0 {
        invoice["invoiceDate"] = String(format: "2025-%02d-%02d", index % 12 + 1, index % 28 + 1)
      }
      return invoice
    }
    let base = try FakeBillingServer.get().scenario(["provider": "elevate", "invoices": invoices])
    let result = await run([
      "--provider", "elevate", "--base-url", base, "total > 100 sort by issueDate desc limit 3",
    ])
    #expect(result.status == .success, "\(result.err)")
    let expected = invoices.filter {
      ($0["invoiceTotalAmount"] as? Double ?? 0) > 100 && $0["invoiceDate"] != nil
    }
    .enumerated().sorted { a, b in
      let (x, y) = (a.element["invoiceDate"] as! String, b.element["invoiceDate"] as! String)
      return x != y ? x > y : a.offset < b.offset
    }.prefix(3).map { $0.element["id"] as? Int }
    let lines = result.out.split(separator: "\n").map(String.init)
    #expect(try lines.map(Self.id) == expected)
    #expect(lines.allSatisfy { $0.contains("\"paymentStatus\":\"PAID\"") })
  }

  @Test func sortAndLimitApplyAcrossPages() async throws {
    let base = try FakeBillingServer.get().scenario(["provider": "wethod", "invoices": Self.invoices])
    let result = await run([
      "--provider", "wethod", "--base-url", base, "--set", "company=acme", "--set", "version=1",
      "status = sent sort by value desc limit 3",
    ])
    #expect(result.status == .success)
    #expect(try result.out.split(separator: "\n").map { try Self.id(String($0)) } == [130, 127, 124])
  }

  @Test func providerErrorsGoToStandardErrorWithExitOne() async throws {
    let base = try FakeBillingServer.get().scenario([
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
    ["--provider", "elevate", "--base-url", "http://a", "--concurrency", "0", "status = paid"],
    ["--provider", "elevate", "--base-url", "http://a", "--concurrency", "four", "status = paid"],
  ])
  func usageErrorsAreExitTwo(arguments: [String]) async {
    let result = await run(arguments)
    #expect(result.status == .usage)
    #expect(result.err.contains("usage: invoiceql run"))
  }
}
