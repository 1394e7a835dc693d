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

@Suite("JSONScanner invalid corpus")
struct JSONScannerInvalidCorpusTests {
  /// Each malformed body and the error it must produce.
  static let corpus: [(String, [UInt8], JSONStreamError.Reason, Int)] = [
    ("empty", [], .unexpectedEnd, 0),
    ("only whitespace", Array("  \n".utf8), .unexpectedEnd, 3),
    ("trailing garbage", Array("{} x".utf8), .trailingData, 3),
    ("two values", Array("[1] [2]".utf8), .trailingData, 4),
    ("trailing comma in array", Array("[1,]".utf8), .unexpectedByte(UInt8(ascii: "]")), 3),
    ("trailing comma in object", Array(#"{"a":1,}"#.utf8), .unexpectedByte(UInt8(ascii: "}")), 7),
    ("missing colon", Array(#"{"a" 1}"#.utf8), .unexpectedByte(UInt8(ascii: "1")), 5),
    ("unquoted key", Array("{a:1}".utf8), .unexpectedByte(UInt8(ascii: "a")), 1),
    ("single quotes", Array("['a']".utf8), .unexpectedByte(UInt8(ascii: "'")), 1),
    ("mismatched close", Array("[1}".utf8), .unexpectedByte(UInt8(ascii: "}")), 2),
    ("leading zero", Array("[01]".utf8), .leadingZero, 2),
    ("negative leading zero", Array("-00".utf8), .leadingZero, 2),
    ("plus sign", Array("+1".utf8), .unexpectedByte(UInt8(ascii: "+")), 0),
    ("bare point", Array(".5".utf8), .unexpectedByte(UInt8(ascii: ".")), 0),
    ("point without digits", Array("[1.]".utf8), .invalidNumber, 3),
    ("exponent without digits", Array("[1e]".utf8), .invalidNumber, 3),
    ("minus alone", Array("[-]".utf8), .invalidNumber, 2),
    ("hex number", Array("[0x1]".utf8), .unexpectedByte(UInt8(ascii: "x")), 2),
    ("NaN", Array("[NaN]".utf8), .unexpectedByte(UInt8(ascii: "N")), 1),
    ("bad literal", Array("[tru]".utf8), .invalidLiteral, 4),
    ("capital literal", Array("[True]".utf8), .unexpectedByte(UInt8(ascii: "T")), 1),
    ("literal with tail", Array("[nulll]".utf8), .unexpectedByte(UInt8(ascii: "l")), 5),
    ("raw newline in string", Array("[\"a\nb\"]".utf8), .controlCharacterInString(0x0A), 3),
    ("raw tab in string", Array("\"\t\"".utf8), .controlCharacterInString(0x09), 1),
    ("bad escape", Array(#"["\x"]"#.utf8), .invalidEscape(UInt8(ascii: "x")), 3),
    ("short unicode escape", Array(#"["\u12"]"#.utf8), .invalidUnicodeEscape, 6),
    ("lone high surrogate", Array(#"["\uD800"]"#.utf8), .loneSurrogate, 8),
    ("high surrogate then letter", Array(#"["\uD800\n"]"#.utf8), .loneSurrogate, 9),
    ("high then high", Array(#"["\uD800\uD800"]"#.utf8), .loneSurrogate, 13),
    ("lone low surrogate", Array(#"["\uDC00"]"#.utf8), .loneSurrogate, 7),
    ("stray continuation byte", [0x22, 0x80, 0x22], .invalidUTF8, 1),
    ("overlong two-byte", [0x22, 0xC0, 0xAF, 0x22], .invalidUTF8, 1),
    ("overlong three-byte", [0x22, 0xE0, 0x80, 0xAF, 0x22], .invalidUTF8, 2),
    ("UTF-8 encoded surrogate", [0x22, 0xED, 0xA0, 0x80, 0x22], .invalidUTF8, 2),
    ("above U+10FFFF", [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], .invalidUTF8, 2),
    ("truncated sequence", [0x22, 0xE2, 0x82, 0x22], .invalidUTF8, 3),
    ("invalid byte 0xFF", [0x22, 0xFF, 0x22], .invalidUTF8, 1),
    ("non-ASCII outside a string", [0x5B, 0xC3, 0xA9, 0x5D], .unexpectedByte(0xC3), 1),
    ("byte order mark", [0xEF, 0xBB, 0xBF, 0x5B, 0x5D], .unexpectedByte(0xEF), 0),
    ("unterminated string", Array("[\"abc".utf8), .unexpectedEnd, 5),
    ("unclosed array", Array("[1,2".utf8), .unexpectedEnd, 4),
    ("comment", Array("[1 // x\n]".utf8), .unexpectedByte(UInt8(ascii: "/")), 3),
  ]

  @Test func eachMalformedBodyGivesItsError() {
    for (name, bytes, kind, offset) in Self.corpus {
      #expect(streamingError(bytes) == JSONStreamError(kind, byteOffset: offset), "\(name)")
    }
  }

  @Test func eachMalformedBodyGivesTheSameErrorAtEverySplit() throws {
    for (name, bytes, kind, offset) in Self.corpus {
      for cut in 0...bytes.count {
        var caught: JSONStreamError?
        do throws(JSONStreamError) { _ = try streamingScan(bytes, cuts: [cut]) } catch { caught = error }
        #expect(caught == JSONStreamError(kind, byteOffset: offset), "\(name) cut at \(cut)")
      }
    }
  }

  @Test("a special byte at any position of a word-at-a-time string scan is found exactly")
  func specialBytesAtEveryPosition() throws {
    for k in 0..<20 {
      let plain = String(repeating: "a", count: k)
      let control = Array(("\"" + plain + "\u{01}" + "aaaaaaaaa\"").utf8)
      #expect(streamingError(control) == JSONStreamError(.controlCharacterInString(1), byteOffset: 1 + k))
      let bad = Array("\"".utf8) + Array(plain.utf8) + [0xFF] + Array("bbbbbbbbb\"".utf8)
      #expect(streamingError(bad) == JSONStreamError(.invalidUTF8, byteOffset: 1 + k))
      for tail in ["\\\"x", "é", " \\n"] {
        let doc = Array(("[\"" + plain + tail + "zzzzzzzzz\"]").utf8)
        #expect(try JSONScanner.compact(doc) == doc, "\(k) \(tail)")
        let v = try JSONValue(parsing: doc)
        let trace = try streamingScan(doc, cuts: [])
        #expect(try JSONValue(parsing: trace.compact) == v)
      }
    }
  }

  @Test("every proper prefix of a document is an unexpected end at its length")
  func truncatedAtEveryOffset() {
    let doc = JSONScannerTests.tricky
    for length in 0..<doc.count {
      let prefix = Array(doc[..<length])
      #expect(
        streamingError(prefix) == JSONStreamError(.unexpectedEnd, byteOffset: length), "length \(length)")
    }
    #expect(streamingError(doc) == nil)
  }
}
