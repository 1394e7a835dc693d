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

/// The streaming reader against the whole-file reading it replaced (kept here as the reference).
@Suite("SavedSearchReader")
struct SavedSearchReaderTests {
  /// The whole-file reading as `SavedSearchFile` did it before it streamed: the whole file in one
  /// `JSONTextReader`, lines numbered by a table of the whole file.
  enum WholeFileReference {
    static func read(_ bytes: [UInt8]) throws(JSONStreamError) -> [SavedSearchFile.Entry] {
      var start = 0
      if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
      var probe = JSONTextReader(bytes: bytes, from: start)
      probe.skipWhitespace()
      let lines = LineTable(bytes)
      guard probe.peek() == UInt8(ascii: "[") else { return readLines(bytes, from: start, lines) }
      var r = JSONTextReader(bytes: bytes, from: probe.offset)
      try r.expect(UInt8(ascii: "["), "'['")
      var entries: [SavedSearchFile.Entry] = []
      r.skipWhitespace()
      if r.peek() == UInt8(ascii: "]") {
        r.offset += 1
      } else {
        while true {
          r.skipWhitespace()
          entries.append(
            try SavedSearchFile.readElement(&r, index: entries.count, line: lines.line(of: r.offset)))
          r.skipWhitespace()
          if r.peek() == UInt8(ascii: ",") {
            r.offset += 1
            continue
          }
          try r.expect(UInt8(ascii: "]"), "',' or ']'")
          break
        }
      }
      r.skipWhitespace()
      guard r.atEnd else { throw r.error("unexpected text after the array") }
      return entries
    }

    static func readLines(_ bytes: [UInt8], from start: Int, _ lines: LineTable) -> [SavedSearchFile.Entry] {
      var entries: [SavedSearchFile.Entry] = []
      var lineStart = start
      while lineStart < bytes.count {
        var lineEnd = lineStart
        while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
        var r = JSONTextReader(bytes: bytes, from: lineStart, to: lineEnd)
        r.skipWhitespace()
        if !r.atEnd {
          entries.append(
            SavedSearchFile.readLine(
              &r, index: entries.count, line: lines.line(of: lineStart), range: lineStart..<lineEnd))
        }
        lineStart = lineEnd + 1
      }
      return entries
    }
  }

  /// What reading `bytes` in chunks cut at `cuts` gives: the pieces, or the error (and the pieces
  /// handed out before it).
  static func stream(_ bytes: [UInt8], cuts: [Int]) -> (
    pieces: [SavedSearchReader.Piece], error: JSONStreamError?, peak: Int
  ) {
    var reader = SavedSearchReader()
    var pieces: [SavedSearchReader.Piece] = []
    var start = 0
    var peak = 0
    do throws(JSONStreamError) {
      for cut in cuts + [bytes.count] where cut >= start {
        reader.append(bytes[start..<cut])
        start = cut
        peak = max(peak, reader.bufferedByteCount)
        while let piece = try reader.next() { pieces.append(piece) }
      }
      reader.finish()
      while let piece = try reader.next() { pieces.append(piece) }
      return (pieces, nil, peak)
    } catch {
      return (pieces, error, peak)
    }
  }

  static func randomCuts(_ count: Int, _ rng: inout SavedSearchRandom) -> [Int] {
    let scale = rng.pick([1, 2, 5, 40, 1000])
    var cuts: [Int] = []
    var at = rng.int(0...scale)
    while at < count {
      cuts.append(at)
      at += scale == 1 ? 1 : rng.int(1...scale)
    }
    return cuts
  }

  /// Mutates a file: a byte replaced, inserted or removed (the JSON structure, often).
  static func mutate(_ bytes: [UInt8], _ rng: inout SavedSearchRandom) -> [UInt8] {
    var b = bytes
    guard !b.isEmpty else { return b }
    let i = rng.int(0...(b.count - 1))
    let byte = rng.pick(Array("{}[],:\"\\ \n0a".utf8) + [0xC3, 0xFF, 0x01])
    switch rng.int(0...2) {
    case 0: b[i] = byte
    case 1: b.insert(byte, at: i)
    default: b.remove(at: i)
    }
    return b
  }

  @Test("property: in any chunking the pieces are the file's bytes and give the whole-file entries and error")
  func streamingReadsLikeTheWholeFile() {
    var rng = SavedSearchRandom(seed: 0x57_2EA4)
    var invalid = 0
    var cases = 0
    for round in 0..<1500 {
      var bytes = Array(SavedSearchFileTests.randomFile(&rng).text.utf8)
      if rng.chance(10) { bytes = [0xEF, 0xBB, 0xBF] + bytes }
      if rng.chance(45) { bytes = Self.mutate(bytes, &rng) }
      let expected: Result<[SavedSearchFile.Entry], JSONStreamError>
      do throws(JSONStreamError) {
        expected = .success(try WholeFileReference.read(bytes))
      } catch {
        expected = .failure(error)
        invalid += 1
      }
      for k in 0..<5 {
        let cuts = k == 0 ? [] : Self.randomCuts(bytes.count, &rng)
        let (pieces, error, _) = Self.stream(bytes, cuts: cuts)
        cases += 1
        switch expected {
        case .failure(let reference):
          #expect(error == reference, "round \(round) cuts \(cuts)")
        case .success(let entries):
          #expect(error == nil, "round \(round) cuts \(cuts)")
          #expect(pieces.compactMap(\.entry) == entries, "round \(round) cuts \(cuts)")
          #expect(pieces.flatMap(\.bytes) == bytes, "round \(round) cuts \(cuts)")
          var offset = 0
          for piece in pieces {
            #expect(piece.offset == offset)
            offset += piece.bytes.count
            if let entry = piece.entry {
              #expect(entry.range.upperBound == offset, "a piece ends with its search")
            }
          }
        }
      }
    }
    #expect(invalid > 100 && cases == 7500)
  }

  @Test("memory holds one search and the chunk being read, never the file")
  func bufferedBytesStayBoundedOverALargeFile() throws {
    let search = #"{"name": "s", "provider": "elevate", "query": "invoiceTotalAmount > 5"}"#
    let blank = String(repeating: " ", count: 100) + "\n"
    for (layout, body) in [
      ("lines", Array(repeating: search, count: 20_000).joined(separator: "\n" + blank)),
      ("array", "[" + Array(repeating: search, count: 20_000).joined(separator: ",\n" + blank) + "]"),
      // Long runs of blank space between searches go out on their own.
      ("blank lines", search + String(repeating: blank, count: 60_000) + search),
      ("blank array", "[" + search + "," + String(repeating: blank, count: 60_000) + search + "]"),
    ] {
      let bytes = Array(body.utf8)
      let chunk = 4096
      let (pieces, error, peak) = Self.stream(
        bytes, cuts: Array(stride(from: chunk, to: bytes.count, by: chunk)))
      #expect(error == nil)
      #expect(pieces.flatMap(\.bytes) == bytes, "\(layout)")
      #expect(peak <= 4 * (chunk + SavedSearchReader.blankPieceSize), "\(layout): \(peak) bytes held")
      #expect(bytes.count > 10 * peak, "\(layout)")
    }
  }

  @Test func aLongSearchIsReadAgainOnlyAsItsBytesDouble() throws {
    // One search of 1 MB fed one byte at a time is read about 20 times, not a million.
    let memo = String(repeating: "a", count: 1 << 20)
    let bytes = Array(#"[{"query": "x = 1", "memo": "\#(memo)"}]"#.utf8)
    var reader = SavedSearchReader()
    var entries: [SavedSearchFile.Entry] = []
    for b in bytes {
      reader.append(CollectionOfOne(b))
      while let piece = try reader.next() { entries += piece.entry.map { [$0] } ?? [] }
    }
    reader.finish()
    while let piece = try reader.next() { entries += piece.entry.map { [$0] } ?? [] }
    #expect(entries.map(\.query) == ["x = 1"])
    #expect(reader.elementReadings <= 2 * 21, "\(reader.elementReadings) readings")
  }
}
