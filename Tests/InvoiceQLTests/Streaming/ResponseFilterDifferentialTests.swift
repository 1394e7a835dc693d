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

@Suite("ResponseFilter differential")
struct ResponseFilterDifferentialTests {
  /// Runs `filter` over `body` cut at `cuts`; returns the matches and the metadata.
  static func run(_ filter: ResponseFilter, _ body: [UInt8], cuts: [Int]) throws -> (
    [InvoiceMatch], PageMetadata
  ) {
    var filter = filter
    var matches: [InvoiceMatch] = []
    var start = 0
    for cut in cuts + [body.count] where cut >= start {
      matches += try filter.feed(body[start..<cut])
      start = cut
    }
    return (matches, try filter.finish())
  }

  /// The reference answer: the whole body decoded, each item judged by the reference evaluator.
  static func expected(_ e: BoundExpression, _ body: [UInt8]) throws -> [JSONValue] {
    let document = try JSONValue(parsing: body)
    guard case .array(let items)? = document["Items"] else { return [] }
    return items.filter { ReferenceEvaluator.evaluate(e, on: $0) == .true }
  }

  static func check(_ e: BoundExpression, _ body: [UInt8], cuts: [Int], _ note: String) throws {
    let filter = try #require(ResponseFilter(provider: "rhythm", filter: e))
    let (matches, metadata) = try run(filter, body, cuts: cuts)
    // The scanner alone, the fast path's safety net, gives the very same answer.
    var scannerOnly = filter
    scannerOnly.usesFastPath = false
    let (slowMatches, slowMetadata) = try run(scannerOnly, body, cuts: cuts)
    #expect(slowMatches == matches, "\(note)")
    #expect(slowMetadata == metadata, "\(note)")
    // Every byte classifier this machine has gives the very same answer too.
    for kernel in ByteClassKernel.available where kernel != filter.kernel {
      let (kernelMatches, kernelMetadata) = try run(
        ResponseFilter(envelope: filter.envelope, filter: e, kernel: kernel), body, cuts: cuts)
      #expect(kernelMatches == matches && kernelMetadata == metadata, "\(kernel): \(note)")
    }
    let expected = try expected(e, body)
    #expect(matches.count == expected.count, "\(note)")
    for (match, item) in zip(matches, expected) {
      #expect(try JSONValue(parsing: match.json) == item, "\(note)")
      if case .string(let id)? = item["id"] { #expect(match.id == id) }
    }
    // Foundation reads the compact matches as the same objects it reads in the original body.
    let foundation = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
    let items = foundation?["Items"] as? [NSDictionary] ?? []
    for match in matches {
      let decoded = try JSONSerialization.jsonObject(with: Data(match.json.utf8)) as? NSDictionary
      #expect(decoded == items[match.index], "\(note)")
    }
    #expect(metadata.itemCount == items.count)
    #expect(metadata.value(at: ["Count"]) == .number(String(items.count)))
  }

  @Test("random filters over random bodies: streaming matches equal the reference evaluator's")
  func randomFiltersAgreeWithTheReference() throws {
    var generator = StreamingInvoiceGenerator(random: StreamingRandom(seed: 0xF117E4))
    for round in 0..<400 {
      let body = Array(generator.rhythmBody(count: 1 + generator.random.below(12)).utf8)
      let e = generator.expression()
      var random = StreamingRandom(seed: UInt64(round) &* 31)
      let cuts = (0..<4).map { _ in random.below(body.count + 1) }.sorted()
      try Self.check(e, body, cuts: cuts, "round \(round): \(e)")
    }
  }

  @Test("every chunk boundary gives the same matches and metadata")
  func everySplitPointAgrees() throws {
    var generator = StreamingInvoiceGenerator(random: StreamingRandom(seed: 42))
    let body = Array(generator.rhythmBody(count: 4).utf8)
    let e: BoundExpression = .or([
      .predicate(.member(StreamingInvoiceGenerator.status, [.string("open")], negated: false)),
      .quantified(.any, StreamingInvoiceGenerator.lineItems, .constant(true)),
    ])
    let filter = try #require(ResponseFilter(provider: "rhythm", filter: e))
    let whole = try Self.run(filter, body, cuts: [])
    #expect(whole.0.count == (try Self.expected(e, body)).count)
    for cut in 0...body.count {
      let split = try Self.run(filter, body, cuts: [cut])
      #expect(split.0 == whole.0, "cut at \(cut)")
      #expect(split.1 == whole.1, "cut at \(cut)")
    }
    let bytewise = try Self.run(filter, body, cuts: Array(1..<body.count))
    #expect(bytewise.0 == whole.0)
  }
}
