import Foundation
import InvoiceQL
import Testing

@testable import InvoiceQLCLI

@Suite("filter command")
struct FilterCommandTests {
  static let now = "2025-05-10T12:00:00Z"

  static func run(_ arguments: [String], stdin: String = "") async -> (
    InvoiceQLCLI.ExitStatus, String, String
  ) {
    let out = StringSink()
    let err = StringSink()
    let status = await CommandLineTool.main(
      arguments: ["filter"] + arguments, stdin: StringSource(stdin), stdout: out, stderr: err)
    return (status, out.text, err.text)
  }

  /// The ids the reference evaluator selects from a whole decoded sample body.
  static func expectedIDs(_ provider: String, _ query: String) throws -> [String] {
    let body = try #require(SampleResponses.body(for: provider))
    let document = try JSONValue(parsing: body)
    guard case .array(let items)? = try SampleResponses.items(of: document, provider: provider) else {
      return []
    }
    let catalog = try #require(Provider.named(provider)?.catalog)
    let context = BindingContext(
      now: Instant(seconds: 1_746_878_400, fraction: ""), timeZone: TimeZone(identifier: "UTC") ?? .current)
    let bound = try Binder.bind(Parser.parse(query), catalog: catalog, context: context)
    let matching = items.filter { ReferenceEvaluator.evaluate(bound.filter, on: $0) == .true }
    let sorted = InvoiceSorter.sort(matching, by: bound.sort)
    return sorted.prefix(bound.limit ?? Int.max).map { item in
      switch item["id"] {
      case .string(let s)?: s
      case .number(let n)?: n
      default: "null"
      }
    }
  }

  static let queries: [(String, String)] = [
    ("rhythm", "status in (open, paid) and dueDate < 2025-05-01"),
    ("rhythm", "total > 500 and not (currency = \"EUR\") sort by dueDate desc limit 3"),
    ("rhythm", "any(line_items, product_type = \"membership\") or memo contains \"REFUND\""),
    ("elevate", "status = open sort by total asc"),
    ("elevate", "dueDate >= 2025-04-01 and balance > 0"),
    ("roadsync", "total between 100 and 2000 sort by createdAt desc"),
    ("softwareone", "status in (open, paid) and dueDate < today"),
    ("wethod", "status != draft and issueDate < 2025-05-01 limit 2"),
  ]

  @Test("--fields keeps just those fields of each match, in the invoice's order")
  func fieldsProjectTheMatches() async throws {
    let (status, out, err) = await Self.run(
      ["--provider", "softwareone", "--now", Self.now, "--fields", "total, id", "status in (open, paid)"],
      stdin: SampleResponses.body(for: "softwareone") ?? "")
    #expect(status == .success, "\(err)")
    let lines = out.split(separator: "\n")
    #expect(lines.count == (try Self.expectedIDs("softwareone", "status in (open, paid)")).count)
    for line in lines {
      let value = try JSONValue(parsing: String(line))
      guard case .object(let members) = value, case .object(let erp)? = value["erpData"] else {
        Issue.record("not projected: \(line)")
        continue
      }
      #expect(members.map(\.key) == ["id", "erpData"])
      #expect(erp.map(\.key) == ["invoiceTotal"])
    }
  }

  /// Stripe's `total` is an integer of the currency's minor unit. A projection holds just the
  /// fields asked for (the plans article), so `--fields total` says on stderr what reading it
  /// takes, and `--fields total,currency` holds both without a note.
  @Test("--fields with a money field in minor units keeps just it and says it needs the currency")
  func aProjectedMoneyFieldWithoutItsCurrencyIsNoted() async throws {
    let query = "total > 5"
    let body = SampleResponses.body(for: "stripe") ?? ""
    let expected = try Self.expectedIDs("stripe", query).count
    let (status, out, err) = await Self.run(
      ["--provider", "stripe", "--now", Self.now, "--fields", "total", query], stdin: body)
    #expect(status == .success, "\(err)")
    let lines = out.split(separator: "\n")
    #expect(lines.count == expected && !lines.isEmpty)
    for line in lines {
      guard case .object(let members) = try JSONValue(parsing: String(line)) else {
        Issue.record("not an object: \(line)")
        continue
      }
      #expect(members.map(\.key) == ["total"], "\(line)")
    }
    #expect(
      err
        == "note: --fields: 'total' is projected as stripe sends it, which takes 'currency' to read; add it to --fields\n"
    )
    let (both, bothOut, bothErr) = await Self.run(
      ["--provider", "stripe", "--now", Self.now, "--fields", "total,currency", query], stdin: body)
    #expect(both == .success && bothErr.isEmpty, "\(bothErr)")
    #expect(bothOut.split(separator: "\n").count == expected)
  }

  @Test("--ids over each provider's sample equals the reference evaluator's selection")
  func idsMatchTheReference() async throws {
    for (provider, query) in Self.queries {
      let (status, out, err) = await Self.run(
        ["--provider", provider, "--now", Self.now, "--ids", query],
        stdin: SampleResponses.body(for: provider) ?? "")
      #expect(status == .success, "\(provider): \(query): \(err)")
      let expected = try Self.expectedIDs(provider, query)
      #expect(out.split(separator: "\n").map(String.init) == expected, "\(provider): \(query)")
    }
  }

  @Test func matchesArePrintedAsCompactByteExactJSON() async {
    let body =
      "[ {\"id\" : 7, \"invoiceTotalAmount\" : 100.10 , \"note\": \"a\\u00e9\\\"b\" },\n {\"id\": 8, \"invoiceTotalAmount\": 1E1} ]"
    let (status, out, _) = await Self.run(["--provider", "elevate", "total > 50"], stdin: body)
    #expect(status == .success)
    #expect(out == "{\"id\":7,\"invoiceTotalAmount\":100.10,\"note\":\"a\\u00e9\\\"b\"}\n")
  }

  @Test func idsPrintStringsDecodedAndNumbersAsWritten() async {
    let body =
      #"[{"id": 1.0E2, "invoiceTotalAmount": 1}, {"id": "a\u0041", "invoiceTotalAmount": 1}, {"invoiceTotalAmount": 1}]"#
    let (status, out, _) = await Self.run(["--provider", "elevate", "--ids", "total = 1"], stdin: body)
    #expect(status == .success)
    #expect(out == "1.0E2\naA\nnull\n")
  }

  @Test func sortIsStableWithBlanksLastAndLimitApplies() async {
    let body = #"""
      [{"id":1,"invoiceTotalAmount":5},{"id":2},{"id":3,"invoiceTotalAmount":9},{"id":4,"invoiceTotalAmount":5},
       {"id":5,"invoiceTotalAmount":"n/a"}]
      """#
    let (_, desc, _) = await Self.run(
      ["--provider", "elevate", "--ids", "id != 0 sort by total desc"], stdin: body)
    #expect(desc == "3\n1\n4\n2\n5\n")
    let (_, limited, _) = await Self.run(
      ["--provider", "elevate", "--ids", "id != 0 sort by total asc limit 2"], stdin: body)
    #expect(limited == "1\n4\n")
    let (_, unsorted, _) = await Self.run(["--provider", "elevate", "--ids", "id != 0 limit 3"], stdin: body)
    #expect(unsorted == "1\n2\n3\n")
  }

  @Test func readsAFileArgument() async throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("iql-filter-\(UUID()).json")
    try Data((SampleResponses.body(for: "wethod") ?? "").utf8).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let (status, out, _) = await Self.run(["--provider", "wethod", "--ids", "status = paid", url.path])
    #expect(status == .success)
    #expect(out.split(separator: "\n").map(String.init) == (try Self.expectedIDs("wethod", "status = paid")))
  }

  @Test func malformedBodyIsAnErrorWithItsByteOffset() async {
    let (status, out, err) = await Self.run(
      ["--provider", "rhythm", "status = open"], stdin: #"{"Items":[{"id":"a","status":"open"},{"id":01}]}"#)
    #expect(status == .failure)
    #expect(out == "{\"id\":\"a\",\"status\":\"open\"}\n")
    #expect(err == "error: malformed JSON at byte 44: a number cannot have a leading zero\n")
  }

  @Test func wrongShapeAndTruncationAreErrors() async {
    let (s1, _, e1) = await Self.run(["--provider", "rhythm", "status = open"], stdin: "[]")
    #expect(s1 == .failure && e1.contains("unexpected response at byte 0"))
    let (s2, _, e2) = await Self.run(["--provider", "elevate", "status = open"], stdin: #"[{"id":1"#)
    #expect(s2 == .failure && e2 == "error: malformed JSON at byte 8: unexpected end of input\n")
    let (s3, _, e3) = await Self.run(["--provider", "elevate", "status = open"], stdin: "")
    #expect(s3 == .failure && e3.contains("byte 0"))
  }

  @Test func queryAndUsageErrors() async {
    let (s1, _, e1) = await Self.run(["--provider", "rhythm", "stauts = open"], stdin: "[]")
    #expect(s1 == .failure && e1.contains("did you mean 'status'?"))
    let (s2, _, _) = await Self.run(["--provider", "rhythm"])
    #expect(s2 == .usage)
    let (s3, _, _) = await Self.run(["status = open"])
    #expect(s3 == .usage)
    let (s4, _, e4) = await Self.run(["--provider", "rhythm", "status = open", "/nonexistent/x.json"])
    #expect(s4 == .failure && e4.contains("cannot open '/nonexistent/x.json'"))
  }
}
