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

/// On a live stream a malformed byte stops the body when it arrives: the `feed` call that delivers
/// it throws, with the error a whole-body feed throws — also when the invoice holding it began in
/// an earlier chunk and waits, unfinished, for the fast path.
@Suite("ResponseFilter: errors arrive with their byte")
struct ResponseFilterErrorTimingTests {
  /// How feeding `body` cut at `cuts` ended.
  struct Outcome {
    /// The matches delivered, in order.
    var matches: [InvoiceMatch] = []
    /// The bytes of the chunk whose `feed` threw (nil: `finish` threw, or nothing did).
    var failingChunk: Range<Int>?
    var error: JSONStreamError?
  }

  static func feed(
    _ body: [UInt8], cuts: [Int], provider: String = "rhythm", filter e: BoundExpression = .constant(true)
  ) -> Outcome {
    var filter = ResponseFilter(provider: provider, filter: e)!
    var outcome = Outcome()
    var start = 0
    for cut in cuts + [body.count] where cut > start {
      do throws(JSONStreamError) {
        try filter.feed(body[start..<cut]) { outcome.matches.append($0) }
      } catch {
        outcome.failingChunk = start..<cut
        outcome.error = error
        return outcome
      }
      start = cut
    }
    do throws(JSONStreamError) {
      _ = try filter.finish()
    } catch {
      outcome.error = error
    }
    return outcome
  }

  /// Random cut points: chunks of one byte, of a few bytes, of a few hundred, or mixed.
  static func randomCuts(_ count: Int, _ random: inout StreamingRandom) -> [Int] {
    let scale = random.pick([1, 3, 16, 300, 4096])
    var cuts: [Int] = []
    var at = 1 + random.below(scale)
    while at < count {
      cuts.append(at)
      at += 1 + (scale == 1 ? 0 : random.below(scale))
    }
    return cuts
  }

  /// Checks `body` in `chunkings` random chunkings (and byte by byte): when a whole feed throws at
  /// a byte (not at the end of the body), every chunked feed throws the same error from the feed
  /// that delivers that byte, after the same matches. Returns the disagreements, or nil when the
  /// whole body is valid or fails only at its end.
  static func check(_ body: [UInt8], chunkings: Int, _ random: inout StreamingRandom, _ note: String)
    -> [String]?
  {
    let whole = feed(body, cuts: [])
    guard let expected = whole.error, whole.failingChunk != nil else { return nil }
    var failures: [String] = []
    for k in 0...chunkings {
      let cuts = k == 0 ? Array(1..<max(1, body.count)) : randomCuts(body.count, &random)
      let outcome = feed(body, cuts: cuts)
      let chunk = outcome.failingChunk
      guard outcome.error == expected, let chunk, chunk.contains(expected.byteOffset),
        outcome.matches == whole.matches
      else {
        failures.append(
          "\(note): \(expected) expected from the chunk holding its byte; got \(outcome.error as Any) "
            + "from \(chunk.map { "\($0)" } ?? "finish") (cuts \(cuts.prefix(8))…)")
        continue
      }
    }
    return failures
  }

  @Test("one byte per chunk: 100,000 '[' in an invoice fail at byte 523, as soon as it arrives")
  func deepNestingFailsWhenTheByteArrives() {
    let body = Array(#"[{"id":1,"x":"#.utf8) + [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
    let outcome = Self.feed(body, cuts: Array(1..<body.count), provider: "elevate")
    #expect(outcome.error == JSONStreamError(.depthLimitExceeded(limit: 512), byteOffset: 523))
    #expect(outcome.failingChunk == 523..<524)
  }

  @Test("a bad byte early in a long invoice stops the body before the invoice ends")
  func aBadByteInALongInvoiceFailsAtOnce() {
    let memo = String(repeating: "lorem ipsum ", count: 20_000)
    let body = Array(#"{"Items":[{"id":"a","total":1.5x,"memo":"\#(memo)"}]}"#.utf8)
    let bad = body.firstIndex(of: UInt8(ascii: "x")) ?? 0
    for size in [1, 7, 4096] {
      let outcome = Self.feed(body, cuts: Array(stride(from: size, to: body.count, by: size)))
      #expect(outcome.error == JSONStreamError(.unexpectedByte(UInt8(ascii: "x")), byteOffset: bad))
      #expect(outcome.failingChunk?.contains(bad) == true, "chunks of \(size)")
    }
  }

  @Test("property: in mutated bodies fed in random chunks, the feed that delivers the bad byte throws")
  func mutatedBodiesFailWhenTheBadByteArrives() {
    var generator = StreamingInvoiceGenerator(random: StreamingRandom(seed: 0x7E_11A))
    var random = StreamingRandom(seed: 0xA5_5E55)
    var failures: [String] = []
    var checked = 0
    for round in 0..<400 {
      let body = Array(generator.rhythmBody(count: 1 + random.below(4)).utf8)
      let mutated = ItemObjectGenerator.mutate(body, &random)
      guard let found = Self.check(mutated, chunkings: 6, &random, "round \(round)") else { continue }
      checked += 1
      failures += found
    }
    #expect(checked > 200)
    #expect(failures.isEmpty, "\(failures.count) runs disagree: \(failures.prefix(3))")
  }

  @Test("property: each malformed value of the corpus, inside a long invoice, fails when its byte arrives")
  func corpusValuesFailWhenTheirByteArrives() {
    var random = StreamingRandom(seed: 0xC0_4A05)
    var failures: [String] = []
    var checked = 0
    let tail = Array(#", "memo": "\#(String(repeating: "a long memo é ", count: 300))"}"#.utf8)
    for (name, value, _, _) in JSONScannerInvalidCorpusTests.corpus where !value.isEmpty {
      let asMember =
        Array(#"{"Count": 3, "Items": [{"id":"a"}, {"id":"b", "v": "#.utf8) + value + tail + Array("]}".utf8)
      let asArrayElement =
        Array(#"{"Items": [{"id":"b", "v": [1, "#.utf8) + value + Array("]".utf8) + tail + Array("]}".utf8)
      for body in [asMember, asArrayElement] {
        guard let found = Self.check(body, chunkings: 10, &random, name) else { continue }
        checked += 1
        failures += found
      }
    }
    #expect(checked > 60)
    #expect(failures.isEmpty, "\(failures.count) runs disagree: \(failures.prefix(3))")
  }

  @Test("property: valid bodies in random chunks give the matches of a whole-document parse")
  func validBodiesAreUnaffectedByChunking() throws {
    var generator = StreamingInvoiceGenerator(random: StreamingRandom(seed: 0x5A_FE))
    var random = StreamingRandom(seed: 0xD0_C5)
    for round in 0..<200 {
      let body = Array(generator.rhythmBody(count: 1 + random.below(6)).utf8)
      let e = generator.expression()
      let document = try JSONValue(parsing: body)
      guard case .array(let items)? = document["Items"] else {
        Issue.record("round \(round): no items")
        continue
      }
      let expected = items.indices.filter { ReferenceEvaluator.evaluate(e, on: items[$0]) == .true }
      for _ in 0..<4 {
        let cuts = Self.randomCuts(body.count, &random)
        let outcome = Self.feed(body, cuts: cuts, filter: e)
        #expect(outcome.error == nil, "round \(round): \(outcome.error as Any)")
        #expect(outcome.matches.map(\.index) == expected, "round \(round) cuts \(cuts.prefix(8))")
        for match in outcome.matches {
          #expect(try JSONValue(parsing: match.json) == items[match.index], "round \(round)")
        }
      }
    }
  }
}
