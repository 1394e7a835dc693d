import TestSupport
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

@Suite struct JSONParsingTests {
  @Test func keepsNumbersAsWrittenAndMembersInOrder() throws {
    let v = try JSONValue(parsing: #" {"b": 100.10, "a": [1E-400, -0, true, null], "c": "x"} "#)
    guard case .object(let members) = v else {
      Issue.record("not an object")
      return
    }
    #expect(members.map(\.key) == ["b", "a", "c"])
    #expect(v["b"] == .number("100.10"))
    #expect(v["a"] == .array([.number("1E-400"), .number("-0"), .bool(true), .null]))
    #expect(v.compactText == #"{"b":100.10,"a":[1E-400,-0,true,null],"c":"x"}"#)
  }

  @Test func anyExponentIsJSONThoughOnlyThoseUpTo10To17AreRead() throws {
    let v = try JSONValue(
      parsing: #"[1e100000000000000001, -2E-999999999999999999999, 1e100000000000000000]"#)
    #expect(
      v
        == .array([
          .number("1e100000000000000001"), .number("-2E-999999999999999999999"),
          .number("1e100000000000000000"),
        ]))
    #expect(ExactDecimal(json: "1e100000000000000001") == nil)
    #expect(ExactDecimal(json: "1e100000000000000000") != nil)
    #expect(ExactDecimal.isJSONNumber(Array("1e100000000000000001".utf8)))
    #expect(!ExactDecimal.isJSONNumber(Array("01".utf8)))
    #expect(throws: JSONStreamError.self) { try JSONValue(parsing: "1e") }
    #expect(ExactDecimal(json: "1e9999999999999999")! > ExactDecimal(json: "1e999999999999999")!)
  }

  @Test func decodesEscapesAndSurrogatePairs() throws {
    let v = try JSONValue(parsing: #""a\"b\\c\/d\n\t\u00e9\ud83d\ude00\u0001""#)
    #expect(v == .string("a\"b\\c/d\n\té😀\u{1}"))
    #expect(v.compactText == #""a\"b\\c/d\n\té😀\u0001""#)
  }

  @Test func parsesFromBytes() throws {
    let v = try JSONValue(parsing: Array(#"[1,"é"]"#.utf8))
    #expect(v == .array([.number("1"), .string("é")]))
  }

  @Test(arguments: [
    ("", 0), ("{", 1), ("[1,]", 3), ("[1 2]", 3), (#"{"a" 1}"#, 5), (#"{"a":1,}"#, 7), ("01", 0),
    ("+1", 0), (".5", 0), ("1.", 0), ("tru", 0), ("nul", 0), (#""abc"#, 0), ("\"a\u{1}\"", 2),
    (#""\x""#, 1), (#""\ud800""#, 7), (#""\u12""#, 5), ("[] x", 3), ("{1:2}", 1), ("-", 0),
  ])
  func rejectsInvalidDocumentsWithTheByteOffset(text: String, offset: Int) {
    #expect(throws: JSONStreamError.self) { try JSONValue(parsing: text) }
    do {
      _ = try JSONValue(parsing: text)
    } catch {
      #expect(error.byteOffset == offset, "\(text): \(error)")
    }
  }

  @Test func rejectsInvalidUTF8() {
    let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
    #expect(throws: JSONStreamError.self) { try JSONValue(parsing: bytes) }
  }

  @Test func capsNestingDepthWithoutCrashing() throws {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(throws: JSONStreamError.self) { try JSONValue(parsing: deep) }
    let ok = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
    _ = try JSONValue(parsing: ok)
  }

  @Test func randomDocumentsRoundTripThroughCompactText() throws {
    var rng = SplitMix64(seed: 0x15_0E_C0DE)
    func gen(_ depth: Int) -> JSONValue {
      switch Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &rng) {
      case 0: return .null
      case 1: return .bool(Bool.random(using: &rng))
      case 2:
        return .number(
          ["0", "-0", "1.50", "1e2", "-3E-400", "123456789012345678901234567890"].randomElement(using: &rng)
            ?? "0")
      case 3:
        let pool: [Unicode.Scalar] = ["a", "\"", "\\", "\n", "\u{1}", "é", "😀", "\u{301}", " "]
        var s = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0..<6, using: &rng) { s.append(pool.randomElement(using: &rng) ?? "a") }
        return .string(String(s))
      case 4: return .array((0..<Int.random(in: 0..<4, using: &rng)).map { _ in gen(depth + 1) })
      default:
        return .object(
          (0..<Int.random(in: 0..<4, using: &rng)).map { k in JSONMember("k\(k)", gen(depth + 1)) })
      }
    }
    for _ in 0..<500 {
      let v = gen(0)
      #expect(try JSONValue(parsing: v.compactText) == v)
    }
  }

  @Test("property: a written string reads back as itself, escaped only where it must be")
  func writtenStringsReadBackAndPlainOnesAreCopied() throws {
    var rng = SplitMix64(seed: 0x57_2146)
    let pool: [Unicode.Scalar] = [
      "a", "\"", "\\", "\n", "\r", "\t", "\u{8}", "\u{C}", "\u{1}", "\u{1F}", "\u{7F}", "é", "€", "\u{2028}",
      "\u{2029}", "\u{2027}", "😀", " ", "/",
    ]
    for _ in 0..<2000 {
      var scalars = String.UnicodeScalarView()
      for _ in 0..<Int.random(in: 0..<8, using: &rng) {
        scalars.append(pool.randomElement(using: &rng) ?? "a")
      }
      let s = String(scalars)
      let written = JSONValue.quoted(s)
      #expect(try JSONValue(parsing: written) == .string(s))
      let special = s.unicodeScalars.contains {
        $0.value < 0x20 || $0 == "\"" || $0 == "\\" || $0.value == 0x7F || $0 == "\u{2028}"
          || $0 == "\u{2029}"
      }
      #expect(special || written == "\"" + s + "\"", "\(written)")
      #expect(!written.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{2028}" })
    }
  }
}
