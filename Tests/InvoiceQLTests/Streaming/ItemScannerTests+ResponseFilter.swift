import Foundation
import Testing

@testable import InvoiceQL
@testable import InvoiceQLImport
@testable import InvoiceQLJSON
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSavedSearches
@testable import InvoiceQLSemantics
@testable import InvoiceQLStreaming
@testable import InvoiceQLSyntax

/// ResponseFilter's fast path (ItemScanner, whole or through its window) must leave errors to the
/// scanner: whatever the chunking, the error is the one a plain JSONScanner pass finds.
extension ItemScannerTests {
  /// Runs a rhythm filter that keeps every invoice over `body` cut at `cuts`.
  static func run(_ body: [UInt8], cuts: [Int]) -> Result<[InvoiceMatch], JSONStreamError> {
    var filter = ResponseFilter(provider: "rhythm", filter: .constant(true))!
    var matches: [InvoiceMatch] = []
    var start = 0
    do throws(JSONStreamError) {
      for cut in cuts + [body.count] where cut >= start {
        matches += try filter.feed(body[start..<cut])
        start = cut
      }
      _ = try filter.finish()
      return .success(matches)
    } catch {
      return .failure(error)
    }
  }

  /// The first error the filter must report: JSONScanner's, unless the body stops being shaped like
  /// a rhythm response first (a model of the filter's shape checks over JSONScanner's events; shape
  /// errors are compared by offset only).
  static func expectedError(_ body: [UInt8]) -> JSONStreamError? {
    var scanner = JSONScanner(reportDepth: 2)
    var key: String?
    var inItems = false
    var itemsSeen = false
    let shape = { (offset: Int) in JSONStreamError(.unexpectedShape(""), byteOffset: offset) }
    do throws(JSONStreamError) {
      try scanner.scan(body) { s, event throws(JSONStreamError) in
        switch event {
        case .key(depth: 1): key = s.keyIsTruncated ? nil : JSONReader.unescape(s.keyBytes)
        case .begin(0, let kind, let offset) where kind != .object: throw shape(offset)
        case .begin(1, let kind, let offset) where key == "Items":
          if kind != .array || itemsSeen { throw shape(offset) }
          inItems = true
          itemsSeen = true
        case .begin(2, let kind, let offset) where inItems && kind != .object: throw shape(offset)
        case .end(depth: 1): inItems = false
        default: break
        }
      }
      while try scanner.finish() != nil {}
      return itemsSeen ? nil : shape(body.count)
    } catch {
      return error
    }
  }

  static func same(_ a: JSONStreamError, _ b: JSONStreamError) -> Bool {
    guard a.byteOffset == b.byteOffset else { return false }
    if case .unexpectedShape = a.kind, case .unexpectedShape = b.kind { return true }
    return a.kind == b.kind
  }

  static func describe(_ result: Result<[InvoiceMatch], JSONStreamError>) -> String {
    switch result {
    case .success(let matches): "\(matches.count) matches"
    case .failure(let error): "\(error.kind) at \(error.byteOffset)"
    }
  }

  /// Checks the filter over `body` whole, cut at every offset (`everySplit`) and in random chunkings
  /// of tiny to large chunks; returns the disagreements.
  static func checkFilter(_ body: [UInt8], everySplit: Bool, _ random: inout StreamingRandom, _ note: String)
    -> [String]
  {
    let expected = expectedError(body)
    let whole = run(body, cuts: [])
    var failures: [String] = []
    var cutLists = everySplit ? (0...body.count).map { [$0] } : []
    for _ in 0..<8 {
      let scale = random.pick([2, 6, 30, 200, body.count])
      var cuts: [Int] = []
      var at = random.below(scale)
      while at < body.count {
        cuts.append(at)
        at += 1 + random.below(scale)
      }
      cutLists.append(cuts)
    }
    for cuts in [[]] + cutLists {
      let result = cuts.isEmpty ? whole : run(body, cuts: cuts)
      switch (result, expected) {
      case (.failure(let error), let reference?) where same(error, reference): continue
      case (.success, nil) where result == whole: continue
      default:
        let reference = expected.map { "\($0.kind) at \($0.byteOffset)" } ?? "success"
        failures.append(
          "\(note) cuts \(cuts.prefix(12)): \(describe(result)), expected \(reference): "
            + ItemObjectGenerator.show(body))
      }
    }
    // Valid: the matches are the invoices Foundation reads, in order.
    if expected == nil, case .success(let matches) = whole {
      let document = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
      let items = document?["Items"] as? [Any] ?? []
      var same = matches.map(\.index) == Array(items.indices)
      for match in matches where same {
        let decoded = try? JSONSerialization.jsonObject(with: Data(match.jsonBytes)) as? NSDictionary
        same = decoded != nil && decoded == items[match.index] as? NSDictionary
      }
      if !same {
        failures.append("\(note): matches differ from Foundation's items: " + ItemObjectGenerator.show(body))
      }
    }
    return failures
  }

  @Test("an invoice holding a malformed value of the corpus: the filter throws JSONScanner's error")
  func filterErrorsOnTheCorpus() {
    let wholeDocument: Set = ["empty", "only whitespace", "trailing garbage", "two values"]
    var random = StreamingRandom(seed: 0xC0_4905)
    var failures: [String] = []
    var bodies = 0
    for (name, value, _, _) in JSONScannerInvalidCorpusTests.corpus where !wholeDocument.contains(name) {
      let asMember =
        Array(#"{"Count": 3, "Items": [{"id":"a","total":1}, {"id":"b", "v": "#.utf8) + value
        + Array(#", "status":"open"}, {"id":"c"}], "LastEvaluatedKey": null}"#.utf8)
      let asInvoice = Array(#"{"Items":[{"id":"a"},"#.utf8) + value + Array(#",{"id":"c"}],"Count":2}"#.utf8)
      for body in value.first == UInt8(ascii: "{") ? [asMember, asInvoice] : [asMember] {
        bodies += 1
        let reference = streamingError(body)
        #expect(reference != nil && Self.expectedError(body) == reference, "\(name)")
        failures += Self.checkFilter(body, everySplit: true, &random, name)
      }
    }
    #expect(bodies > 40)
    #expect(failures.isEmpty, "\(failures.count) runs disagree: \(failures.prefix(3))")
  }

  @Test("mutated rhythm bodies: the filter's error is the reference's, its matches Foundation's")
  func filterOnMutatedBodies() {
    var generator = StreamingInvoiceGenerator(random: StreamingRandom(seed: 0x3D_7A7E))
    var random = StreamingRandom(seed: 0xB0_D1E5)
    var failures: [String] = []
    var invalid = 0
    for round in 0..<240 {
      let body = Array(generator.rhythmBody(count: 1 + random.below(3)).utf8)
      let mutated = round % 6 == 0 ? body : ItemObjectGenerator.mutate(body, &random)
      let reference = Self.expectedError(mutated)
      if let reference {
        invalid += 1
        // The model's error is JSONScanner's, or a shape error no later than JSONScanner's.
        let scanner = streamingError(mutated)
        var ok = scanner.map { Self.same(reference, $0) } ?? false
        if case .unexpectedShape = reference.kind {
          ok = ok || (scanner?.byteOffset ?? .max) >= reference.byteOffset
        }
        #expect(ok, "round \(round): \(reference) vs \(scanner as Any)")
      }
      failures += Self.checkFilter(mutated, everySplit: round < 8, &random, "round \(round)")
    }
    #expect(invalid > 100 && invalid < 220)
    #expect(failures.isEmpty, "\(failures.count) runs disagree: \(failures.prefix(3))")
  }
}
