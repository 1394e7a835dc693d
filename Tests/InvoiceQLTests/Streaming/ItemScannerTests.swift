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

@Suite("ItemScanner")
struct ItemScannerTests {
  typealias Generator = ItemObjectGenerator
  static let depths = [0, 1, 2, 510, 511]

  /// `ItemScanner` over `bytes[..<count]` from `start`. The bytes after `count` stay in memory, so
  /// a read past the buffer's end would change the answer.
  static func scan(
    _ bytes: [UInt8], start: Int = 0, count: Int? = nil, depth: Int, keys: [[UInt8]] = Generator.keys
  ) -> (ItemScanner.Outcome, [ItemScanner.Member]) {
    var scanner = ItemScanner(keys: keys)
    let outcome = bytes.withUnsafeBufferPointer {
      scanner.scan(UnsafeBufferPointer(rebasing: $0[..<(count ?? bytes.count)]), from: start, depth: depth)
    }
    return (outcome, scanner.members)
  }

  /// Disagreements with JSONScanner, by what they would cost.
  struct Failures {
    /// `.complete` where JSONScanner does not read a valid object ending there (the documented behaviour).
    var accepted: [String] = []
    /// `.rejected` (or `.incomplete`) for a valid object or prefix (performance).
    var notAccepted: [String] = []
    /// `.incomplete` where JSONScanner already throws inside the buffer (not "valid so far").
    var incompleteInvalid: [String] = []
    /// Members other than the top-level occurrences of the keys asked for.
    var members: [String] = []
    var cases = 0

    mutating func check(
      _ bytes: [UInt8], start: Int, count: Int, depth: Int, _ note: @autoclosure () -> String
    ) {
      cases += 1
      let (outcome, found) = ItemScannerTests.scan(bytes, start: start, count: count, depth: depth)
      let body = bytes[start..<count]
      guard body.first == UInt8(ascii: "{") else {
        if outcome != .rejected {
          accepted.append("\(note()) depth \(depth): \(outcome): " + Generator.show(body))
        }
        return
      }
      // Members are the same at every depth: JSONScanner's are read once, with the object alone.
      var (expected, members) = body.withUnsafeBufferPointer {
        Generator.reference($0, depth: depth, withMembers: depth == 0)
      }
      if case .complete(let end) = expected { expected = .complete(end: start + end) }
      members = members.map { ItemScanner.Member(index: $0.index, valueStart: start + $0.valueStart) }
      func message() -> String {
        "\(note()) depth \(depth): ItemScanner \(outcome), JSONScanner \(expected): "
          + Generator.show(body.prefix(400))
      }
      switch (outcome, expected) {
      case _ where outcome == expected:
        if case .complete = outcome, depth == 0, found != members {
          self.members.append(message() + " \(found) not \(members)")
        }
      case (.complete, _): accepted.append(message())
      case (.incomplete, .rejected): incompleteInvalid.append(message())
      default: notAccepted.append(message())
      }
    }
  }

  @Test("random objects, their prefixes and mutations: ItemScanner answers what JSONScanner reads")
  func differentialAcceptance() {
    var g = Generator(seed: 0x1735_CA77)
    var f = Failures()
    var generated: [String] = []
    for round in 0..<1200 {
      let (object, members) = g.object()
      for depth in 0...2 {
        let found = Self.scan(object, depth: depth)
        if found != (.complete(end: object.count), members) {
          generated.append("round \(round) depth \(depth): \(found) for \(Generator.show(object))")
        }
      }
      var inputs = [
        (object, 0, object.count, "object"), (object, 0, 1 + g.random.below(object.count - 1), "prefix"),
      ]
      let junk = (0..<1 + g.random.below(4)).map { _ in g.random.pick(Generator.interesting) }
      inputs.append((junk + object + junk, junk.count, junk.count * 2 + object.count, "behind junk"))
      for _ in 0..<3 {
        let mutated = Generator.mutate(object, &g.random)
        guard mutated.count > 1 else { continue }
        inputs.append((mutated, 0, mutated.count, "mutated"))
        inputs.append((mutated, 0, 1 + g.random.below(mutated.count - 1), "mutated prefix"))
      }
      for (bytes, start, count, kind) in inputs {
        for depth in Self.depths {
          f.check(bytes, start: start, count: count, depth: depth, "round \(round) \(kind)")
        }
      }
    }
    #expect(f.cases > 30_000)
    #expect(generated.isEmpty, "\(generated.count) generated objects misread, e.g. \(generated.prefix(3))")
    #expect(
      f.accepted.isEmpty, "\(f.accepted.count) accepted that JSONScanner rejects: \(f.accepted.prefix(3))")
    #expect(f.notAccepted.isEmpty, "\(f.notAccepted.count) valid not accepted: \(f.notAccepted.prefix(3))")
    #expect(f.members.isEmpty, "\(f.members.count) wrong members: \(f.members.prefix(3))")
    #expect(
      f.incompleteInvalid.isEmpty,
      "\(f.incompleteInvalid.count) incomplete though invalid: \(f.incompleteInvalid.prefix(3))")
  }

  @Test("every proper prefix of a valid object is incomplete")
  func everyPrefixIsIncomplete() {
    var g = Generator(seed: 0x9E_F1C5)
    var failures: [String] = []
    for round in 0..<50 {
      var (object, _) = g.object()
      while object.count > 300 { object = g.object().0 }
      for length in 1..<object.count {
        for depth in [0, 2] where Self.scan(object, count: length, depth: depth).0 != .incomplete {
          failures.append("round \(round) depth \(depth): " + Generator.show(object[..<length]))
        }
      }
    }
    #expect(failures.isEmpty, "\(failures.count) prefixes not incomplete: \(failures.prefix(3))")
  }

  /// An object holding `levels` nested containers (itself included) of random kinds.
  static func nested(_ levels: Int, _ random: inout StreamingRandom) -> [UInt8] {
    var open = ""
    var close = ""
    for level in 0..<levels {
      let isObject = level == 0 || random.chance(50)
      open += isObject ? (level == levels - 1 ? "{" : #"{"a":"#) : "["
      close = (isObject ? "}" : "]") + close
    }
    return Array((open + close).utf8)
  }

  static func wrapped(_ bytes: [UInt8], depth: Int) -> [UInt8] {
    [UInt8](repeating: UInt8(ascii: "["), count: depth) + bytes
      + [UInt8](repeating: UInt8(ascii: "]"), count: depth)
  }

  @Test(
    "nesting is capped exactly where JSONScanner caps it", arguments: [0, 1, 2, 63, 64, 65, 448, 510, 511])
  func nestingCap(depth: Int) {
    var random = StreamingRandom(seed: UInt64(depth))
    let levels = JSONScanner.maximumDepth - depth
    let fits = Self.nested(levels, &random)
    #expect(Self.scan(fits, depth: depth).0 == .complete(end: fits.count))
    #expect(streamingError(Self.wrapped(fits, depth: depth)) == nil)
    let deeper = Self.nested(levels + 1, &random)
    #expect(Self.scan(deeper, depth: depth).0 == .rejected)
    let error = streamingError(Self.wrapped(deeper, depth: depth))
    #expect(error?.kind == .depthLimitExceeded(limit: JSONScanner.maximumDepth))
    #expect(Self.scan(Array("{}".utf8), depth: JSONScanner.maximumDepth).0 == .rejected)
  }

  @Test("a wrong closing bracket at any level of a deep object is rejected")
  func wrongCloserAtAnyLevel() {
    var random = StreamingRandom(seed: 0xC105E)
    let object = Self.nested(200, &random)
    #expect(Self.scan(object, depth: 2).0 == .complete(end: object.count))
    for level in [0, 1, 2, 62, 63, 64, 65, 127, 128, 129, 191, 192, 199] {
      var wrong = object
      let at = object.count - 1 - level
      wrong[at] = wrong[at] == UInt8(ascii: "}") ? UInt8(ascii: "]") : UInt8(ascii: "}")
      #expect(Self.scan(wrong, depth: 2).0 == .rejected, "level \(level)")
      #expect(streamingError(wrong) != nil, "level \(level)")
    }
  }

  @Test("a scanner met at a value reports the value's end once, in the chunk where it ends")
  func valueScannerReportsTheEndWhereItIs() {
    var g = Generator(seed: 0xE4D_F1DE)
    var failures: [String] = []
    var chunkings = 0
    for round in 0..<300 {
      let container = g.container()
      let tail = Array(g.random.pick([#",{"x":1}]"#, "]}", #" ,"a\"}]" ]"#, "}}]]", "", #""\"#]).utf8)
      let bytes = container + tail
      let junk = Array(g.random.pick(["", #""\[{"#, "}]"]).utf8)
      var cutLists = bytes.count <= 160 ? (0...bytes.count).map { [$0] } : []
      for _ in 0..<(bytes.count <= 160 ? 4 : 40) {
        let scale = g.random.pick([2, 8, 40, bytes.count])
        var cuts: [Int] = []
        var at = 1 + g.random.below(scale)
        while at < bytes.count {
          cuts.append(at)
          at += 1 + g.random.below(scale)
        }
        cutLists.append(cuts)
      }
      for cuts in cutLists {
        chunkings += 1
        let depth = g.random.pick([0, 1, 2, 100])
        var scanner = JSONScanner(valueAtDepth: depth, byteOffset: 1000)
        var start = 0
        var found: Int?
        for cut in cuts + [bytes.count] where cut >= start && found == nil {
          // The first chunk starts with bytes before the container, which the start index skips.
          let head = start == 0 ? junk : []
          let chunk = head + bytes[start..<cut]
          var index = head.count
          let event = chunk.withUnsafeBufferPointer { try? scanner.next(in: $0, at: &index) }
          if event == .end(depth: depth) {
            // Past the last byte read, so in the chunk holding the container's last byte.
            found = index > head.count && index <= chunk.count ? start + index - head.count : -index
            #expect(scanner.byteOffset == 1000 + container.count)
          } else if let event {
            found = -1
            Issue.record("unexpected event \(event)")
          }
          start = cut
        }
        if found != container.count {
          failures.append(
            "round \(round) cuts \(cuts): \(found as Any) not \(container.count) in " + Generator.show(bytes))
        }
      }
    }
    #expect(chunkings > 10_000)
    #expect(failures.isEmpty, "\(failures.count) ends misplaced: \(failures.prefix(3))")
  }

  @Test("compact equals JSONScanner.compact on valid objects")
  func compactAgrees() throws {
    func compact(_ bytes: [UInt8]) -> [UInt8] { bytes.withUnsafeBufferPointer { ItemScanner.compact($0) } }
    var g = Generator(seed: 0xC0_FAC7)
    var failures: [String] = []
    for round in 0..<1500 {
      let (object, _) = g.object()
      if compact(object) != (try JSONScanner.compact(object))
        || compact(object) != streamingNaiveCompact(object)
      {
        failures.append("round \(round): " + Generator.show(object))
      }
    }
    #expect(failures.isEmpty, "\(failures.count) compacted wrongly: \(failures.prefix(3))")
    let spaced =
      "{ \t\"a b\" \r\n:\n [ 1 ,\t\"  x\\t y  \" , { } ,[ ] ] ,\"c\":  -0.5e-3 \t\t\t\t\t\t\t\t\t , "
      + "\"d\" : true\n\n\n\n\n\n\n\n\n}"
    #expect(compact(Array(spaced.utf8)) == Array(#"{"a b":[1,"  x\t y  ",{},[]],"c":-0.5e-3,"d":true}"#.utf8))
    for n in 0...20 {
      let ws = String((0..<n).map { [" ", "\t", "\n", "\r"][$0 % 4] })
      let sp = String(repeating: " ", count: n)
      let object = ["{", "\"k\(sp)\"", ":", "[", "1", ",", "\"\(sp)v\"", "]", "}"].joined(separator: ws)
      let expected = Array("{\"k\(sp)\":[1,\"\(sp)v\"]}".utf8)
      #expect(compact(Array(object.utf8)) == expected, "\(n)")
      #expect(try JSONScanner.compact(Array(object.utf8)) == expected, "\(n)")
    }
  }

  @Test("a key spelled with escapes is matched by its decoded value, never by its raw bytes")
  func escapedKeyIsNotMatchedByItsRawBytes() throws {
    // The key asked for is `a\b` (three bytes: a, backslash, b). `{"a\b":1}` holds the key "a"
    // followed by U+0008 (the escape `\b`), whose raw bytes are those three.
    let (outcome, members) = Self.scan(Array(#"{"a\b":1}"#.utf8), depth: 0, keys: [Array(#"a\b"#.utf8)])
    #expect(outcome == .complete(end: 9))
    #expect(members == [], "the raw bytes of an escaped key matched a projection key")
    // Seen through ResponseFilter: the fast path projects a member the projection does not read.
    var filter = try #require(
      ResponseFilter(provider: "rhythm", filter: .constant(true), alsoReading: [[#"a\b"#]]))
    let item = Array(#"{"id":"x","a\b":1}"#.utf8)
    let matches = try filter.feed(Array(#"{"Items":["#.utf8) + item + Array("]}".utf8))
    _ = try filter.finish()
    let reference = item.withUnsafeBufferPointer { filter.projection.decode($0) }
    #expect(matches.map(\.projected) == [reference])
  }

  @Test(
    "a buffer ending inside a malformed escape or UTF-8 sequence is rejected, not incomplete",
    arguments: [
      Array(#"{"a":"\uG"#.utf8), Array(#"{"a":"\u00G"#.utf8), Array(#"{"a":"\uD800x"#.utf8),
      Array(#"{"a":""#.utf8) + [0xE2, 0x41], Array(#"{"a":""#.utf8) + [0xE0, 0x80],
    ])
  func malformedTailIsRejected(bytes: [UInt8]) throws {
    let error = try #require(streamingError(bytes))
    #expect(error.kind != .unexpectedEnd)
    #expect(Self.scan(bytes, depth: 0).0 == .rejected, "JSONScanner: \(error)")
  }
}
