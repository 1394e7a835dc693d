import Foundation
import InvoiceQL
import Testing

/// JSON conformance of the streaming decoder, in the manner of the public JSONTestSuite
/// (`y_` must be accepted, `n_` rejected, `i_` is the implementation's choice): each document is
/// one field's value inside an invoice, read by the filter or not, and fed whole and one byte per
/// chunk. The four runs must agree, and agree with the document's prefix.
///
/// Our own documents (Tests/Fixtures/JSONConformance) are replayed here, with the `i_` verdicts
/// recorded in `i-verdicts.txt`. The public suite is not kept in the repository: point
/// `INVOICEQL_JSON_TEST_SUITE` at its `test_parsing` folder to run it too (Sources/Fuzz/README.md).
@Suite struct JSONConformanceTests {
  enum Verdict: String { case accepted, rejected }

  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/JSONConformance")

  static func bind(_ text: String) -> BoundExpression {
    guard let catalog = Provider.named("elevate")?.catalog, let query = try? Parser.parse(text),
      let bound = try? Binder.bind(
        query, catalog: catalog, context: .utc(now: Instant(seconds: 0, fraction: "")))
    else { preconditionFailure("\(text) does not bind on elevate") }
    return bound.filter
  }

  /// The filter reads `invoiceNumber` (where the document goes), or only `id`.
  static let readingFilter = bind("invoiceNumber = \"a\"")
  static let otherFilter = bind("id = 1")

  /// A body that is a bare array of one invoice whose `invoiceNumber` is the document.
  static func body(_ document: [UInt8]) -> [UInt8] {
    Array(#"[{"id":1,"invoiceNumber":"#.utf8) + document + Array("}]".utf8)
  }

  static func run(_ body: [UInt8], _ filter: BoundExpression, bytewise: Bool) -> Verdict {
    var f = ResponseFilter(envelope: Envelope(itemsKey: nil, acceptsBareArray: true), filter: filter)
    do {
      if bytewise {
        for byte in body { _ = try f.feed(CollectionOfOne(byte)) }
      } else {
        _ = try f.feed(body)
      }
      _ = try f.finish()
      return .accepted
    } catch {
      return .rejected
    }
  }

  /// The verdict of all four runs, or nil (with the disagreement) when they differ.
  static func verdict(_ document: [UInt8]) -> (Verdict?, String) {
    let b = body(document)
    var runs: [String: Verdict] = [:]
    for (name, filter) in [("read", readingFilter), ("unread", otherFilter)] {
      runs["\(name) whole"] = run(b, filter, bytewise: false)
      runs["\(name) bytewise"] = run(b, filter, bytewise: true)
    }
    let verdicts = Set(runs.values)
    return verdicts.count == 1 ? (verdicts.first, "") : (nil, "\(runs.sorted { $0.key < $1.key })")
  }

  /// Checks every `.json` document of `folder` by its prefix; returns the counts and `i_` verdicts.
  static func check(folder: URL, recorded: [String: Verdict]?) throws -> (
    counts: [String: Int], implementation: [String: Verdict]
  ) {
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".json") }.sorted()
    var counts: [String: Int] = [:]
    var implementation: [String: Verdict] = [:]
    for name in names {
      let document = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
      let (verdict, disagreement) = Self.verdict(document)
      guard let verdict else {
        Issue.record("\(name): the runs disagree: \(disagreement)")
        counts["disagreeing", default: 0] += 1
        continue
      }
      let prefix = String(name.prefix(2))
      switch prefix {
      case "y_":
        #expect(verdict == .accepted, "\(name) is valid JSON but was rejected")
        counts[verdict == .accepted ? "y accepted" : "y rejected", default: 0] += 1
      case "n_":
        #expect(verdict == .rejected, "\(name) is invalid JSON but was accepted")
        counts[verdict == .rejected ? "n rejected" : "n accepted", default: 0] += 1
      default:
        implementation[name] = verdict
        counts["i \(verdict.rawValue)", default: 0] += 1
        if let recorded {
          #expect(
            recorded[name] == verdict,
            "\(name): \(verdict), recorded \(recorded[name]?.rawValue ?? "nothing")")
        }
      }
    }
    return (counts, implementation)
  }

  static func recordedVerdicts() throws -> [String: Verdict] {
    let text = try String(contentsOf: folder.appendingPathComponent("i-verdicts.txt"), encoding: .utf8)
    var out: [String: Verdict] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let parts = line.split(separator: " ")
      if parts.count == 2, let v = Verdict(rawValue: String(parts[1])) { out[String(parts[0])] = v }
    }
    return out
  }

  @Test func ourDocumentsYAreAcceptedNAreRejectedAndIKeepTheirRecordedVerdictWholeAndBytewise() throws {
    let recorded = try Self.recordedVerdicts()
    let (counts, implementation) = try Self.check(folder: Self.folder, recorded: recorded)
    #expect(Set(implementation.keys) == Set(recorded.keys), "every i_ document has a recorded verdict")
    #expect((counts["y accepted"] ?? 0) >= 20 && (counts["n rejected"] ?? 0) >= 50)
  }

  @Test(.enabled(if: ProcessInfo.processInfo.environment["INVOICEQL_JSON_TEST_SUITE"] != nil))
  func thePublicSuiteYAreAcceptedNAreRejectedWholeAndBytewise() throws {
    let path = try #require(ProcessInfo.processInfo.environment["INVOICEQL_JSON_TEST_SUITE"])
    let (counts, implementation) = try Self.check(folder: URL(fileURLWithPath: path), recorded: nil)
    let summary = counts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
    print("JSONTestSuite \(path): \(summary)")
    for (name, verdict) in implementation.sorted(by: { $0.key < $1.key }) {
      print("  \(name) \(verdict.rawValue)")
    }
  }
}
