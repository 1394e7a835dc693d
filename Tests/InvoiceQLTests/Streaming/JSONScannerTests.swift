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

@Suite("JSONScanner")
struct JSONScannerTests {
  static let tricky = Array(
    #"""
    { "Items" : [ {"id":"a\"b\\c\u00e9\uD83D\uDE00", "n": -12.50e+3, "x": [true, false, null, 0, 1E-400],
      "name": "Zoë — 日本 😀", "nested": {"deep": [[[]]], "e": {}}}, 7 ],
      "LastEvaluatedKey" : "k\/1", "Count": 2 }
    """#.utf8)

  @Test func validDocumentsCompactByteExact() throws {
    let docs = [
      "0", "-0", "1.5e10", "\"\"", "[]", "{}", "true", " null ", "[1,[2,[3]]]",
      #"{"a" : 1 , "b" : [ 1 , 2 ] }"#, "\"\\u0041\\n\"", #"{"":""}"#, "123456789012345678901234567890",
      "\t[\r\n]\n",
    ]
    for doc in docs {
      let bytes = Array(doc.utf8)
      let compact = try JSONScanner.compact(bytes)
      #expect(compact == streamingNaiveCompact(bytes), "\(doc)")
    }
  }

  @Test func everySplitPointGivesTheSameEventsAndBytes() throws {
    let whole = try streamingScan(Self.tricky, cuts: [])
    #expect(whole.compact == streamingNaiveCompact(Self.tricky))
    #expect(whole.events.first == "begin 0 object @0")
    #expect(whole.events.contains("key 1 Items"))
    #expect(whole.events.contains("key 2 id") == false)
    for cut in 0...Self.tricky.count {
      #expect(try streamingScan(Self.tricky, cuts: [cut]) == whole, "cut at \(cut)")
    }
    for size in 1...4 {
      let cuts = Array(stride(from: size, to: Self.tricky.count, by: size))
      #expect(try streamingScan(Self.tricky, cuts: cuts) == whole, "chunks of \(size)")
    }
  }

  @Test func eventsReportBeginKeyEndAtShallowDepths() throws {
    let trace = try streamingScan(Array(#"{"a":[1,{"b":2}],"c":"x"}"#.utf8), cuts: [], reportDepth: 1)
    #expect(
      trace.events == [
        "begin 0 object @0", "key 1 a", "begin 1 array @5", "end 1 @16", "key 1 c",
        "begin 1 string @21", "end 1 @24", "end 0 @25",
      ])
  }

  @Test func keysAreReportedDecoded() throws {
    let trace = try streamingScan(Array(#"{"\u0049tems":[]}"#.utf8), cuts: [3, 9], reportDepth: 1)
    #expect(trace.events.contains("key 1 Items"))
  }

  @Test func numberAtTheVeryEndEndsAtFinish() throws {
    let trace = try streamingScan(Array("-12.5e3".utf8), cuts: [3])
    #expect(trace.events == ["begin 0 number @0", "end 0 @7"])
    #expect(trace.compact == Array("-12.5e3".utf8))
  }

  @Test("random documents: compaction equals the naive one and JSONSerialization reads the same value")
  func randomDocumentsAgreeWithFoundation() throws {
    var generator = StreamingJSONGenerator(random: StreamingRandom(seed: 0x5EED_0001))
    for round in 0..<300 {
      let text = generator.value(depth: 0)
      let bytes = Array(text.utf8)
      var random = StreamingRandom(seed: UInt64(round))
      let cuts = (0..<3).map { _ in random.below(bytes.count + 1) }.sorted()
      let trace = try streamingScan(bytes, cuts: cuts)
      #expect(trace.compact == streamingNaiveCompact(bytes), "\(text)")
      let original = try JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed)
      let compacted = try JSONSerialization.jsonObject(with: Data(trace.compact), options: .fragmentsAllowed)
      #expect((original as? NSObject) == (compacted as? NSObject), "\(text)")
    }
  }

  @Test func depthIsCappedAt512() {
    let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
    #expect(streamingError(Array(ok.utf8)) == nil)
    let bomb = Array(String(repeating: "[", count: 100_000).utf8)
    #expect(streamingError(bomb) == JSONStreamError(.depthLimitExceeded(limit: 512), byteOffset: 512))
    let objects = Array(String(repeating: #"{"a":"#, count: 600).utf8)
    #expect(streamingError(objects) == JSONStreamError(.depthLimitExceeded(limit: 512), byteOffset: 2560))
  }

  @Test func capturedValueBeyondTheLimitIsAnError() {
    var scanner = JSONScanner(reportDepth: 0, captureLimit: 1000)
    scanner.isCapturing = true
    let huge = Array(("\"" + String(repeating: "x", count: 5000) + "\"").utf8)
    var caught: JSONStreamError?
    do throws(JSONStreamError) {
      try scanner.scan(huge) { _, _ throws(JSONStreamError) in }
    } catch {
      caught = error
    }
    #expect(caught?.reason == .valueTooLarge(limit: 1000))
  }

  @Test func hugeStringsAreFineWhenNotCaptured() throws {
    let huge = Array(("[\"" + String(repeating: "é", count: 2_000_000) + "\"]").utf8)
    var scanner = JSONScanner(reportDepth: 0, captureLimit: 1000)
    try scanner.scan(huge) { _, _ throws(JSONStreamError) in }
    #expect(try scanner.finish() == nil)
    #expect(scanner.captured.isEmpty)
  }

  @Test func errorsRepeatAfterTheFirst() {
    var scanner = JSONScanner()
    let bad = Array("[1,]".utf8)
    var first: JSONStreamError?
    var second: JSONStreamError?
    do throws(JSONStreamError) { try scanner.scan(bad) { _, _ throws(JSONStreamError) in } } catch {
      first = error
    }
    do throws(JSONStreamError) { _ = try scanner.finish() } catch { second = error }
    #expect(first != nil && first == second)
  }
}
