import Testing

@testable import InvoiceQLJSON

/// The reading a saved search's line gets (`pickMembers`, `skipValue`, `plainRun`, the quick
/// integer check) against the general reading it stands for, on random and mutated JSON: the
/// same members, the same end, the same error at the same offset, the same need of the bytes at
/// the end.
@Suite("JSONTextReader picking members")
struct JSONTextReaderPickTests {
  static let names = ["query", "name", "provider"]

  /// What a reading did: the members handed out (name index, value range, string value), where it
  /// stopped (when it did not fail: after an error nothing reads on), its error, and whether it
  /// looked at the end.
  struct Outcome: Equatable, CustomStringConvertible {
    var members: [String] = []
    var offset = 0
    var error: String?
    var reachedEnd = false
    var description: String { "\(members) offset \(offset) error \(error ?? "-") reachedEnd \(reachedEnd)" }
  }

  static func run(
    _ bytes: [UInt8], end: Int, _ body: (inout JSONTextReader, inout [String]) throws(JSONStreamError) -> Void
  )
    -> Outcome
  {
    var reader = JSONTextReader(bytes: bytes, from: 0, to: end)
    var outcome = Outcome()
    do throws(JSONStreamError) {
      try body(&reader, &outcome.members)
    } catch {
      outcome.error = "\(error.message) at \(error.byteOffset)"
    }
    if outcome.error == nil { outcome.offset = reader.offset }
    outcome.reachedEnd = reader.reachedEnd
    return outcome
  }

  /// `pickMembers`, and the reading it replaced: every member decoded by `objectMembers` (keys as
  /// `String`s, compared with `==`), the values built whole.
  static func picked(_ bytes: [UInt8], end: Int) -> (Outcome, reference: Outcome) {
    let memberNames = JSONTextReader.MemberNames(names)
    let fast = run(bytes, end: end) { (r, members) throws(JSONStreamError) in
      try r.pickMembers(depth: 1, memberNames) { (i: Int, range: Range<Int>, value: String?) in
        members.append("\(i) \(range) \(value.map { "string \(Array($0.utf8))" } ?? "other")")
      }
    }
    let reference = run(bytes, end: end) { (r, members) throws(JSONStreamError) in
      try r.objectMembers(depth: 1) { (key: String, range: Range<Int>, value: JSONValue) in
        guard let i = names.firstIndex(of: key) else { return }
        if case .string(let s) = value {
          members.append("\(i) \(range) string \(Array(s.utf8))")
        } else {
          members.append("\(i) \(range) other")
        }
      }
    }
    return (fast, reference)
  }

  /// A random JSON value, mostly valid, with keys that are, look like, or spell with escapes the
  /// picked names, strings of every length around the eight-byte steps, escapes and non-ASCII text.
  static func value(_ rng: inout SavedSearchRandom, depth: Int) -> String {
    switch rng.int(0...(depth > 3 ? 4 : 7)) {
    case 0:
      return rng.pick(["0", "-12", "120", "01", "-", "1.5e3", "-0", "1e", "+1", "2.", "99999999999999999999"])
    case 1: return rng.pick(["true", "false", "null", "tru", "nul", "falsey"])
    case 2, 3, 4: return string(&rng)
    case 5:
      let members = (0..<rng.int(0...4)).map { _ in
        "\(string(&rng, key: true))\(blank(&rng)):\(blank(&rng))\(value(&rng, depth: depth + 1))"
      }
      return "{" + blank(&rng) + members.joined(separator: rng.chance(95) ? ", " : " ") + blank(&rng) + "}"
    default:
      let items = (0..<rng.int(0...3)).map { _ in value(&rng, depth: depth + 1) }
      return "[" + items.joined(separator: rng.chance(95) ? "," : "") + "]"
    }
  }

  static func blank(_ rng: inout SavedSearchRandom) -> String {
    rng.pick(["", "", " ", "\t", "\n ", "\r\n"])
  }

  static func string(_ rng: inout SavedSearchRandom, key: Bool = false) -> String {
    if key && rng.chance(60) {
      return rng.pick([
        "\"query\"", "\"name\"", "\"provider\"", "\"id\"", "\"qu\\u0065ry\"", "\"na\\u006De\"",
        "\"providers\"",
        "\"provide\"", "\"quer\"", "\"\"", "\"querý\"", "\"éname\"", "\"a very long member name\"",
      ])
    }
    let pieces = [
      "a", "q", "Z", " ", "é", "€", "😀", "\\n", "\\\"", "\\\\", "\\/", "\\u00e9", "\\u0041", "\\ud83d\\ude00",
      "\\ud83d", "\\x", "\t", "\u{7F}", "\\u12", "{", "]",
    ]
    var text = "\""
    let length = rng.int(0...24)
    for _ in 0..<length { text += rng.chance(80) ? rng.pick(["a", "b", "c", "d", "e"]) : rng.pick(pieces) }
    return text + "\""
  }

  /// The text of a random object, perhaps cut short or with one byte changed.
  static func object(_ rng: inout SavedSearchRandom) -> [UInt8] {
    var text = "{"
    let members = (0..<rng.int(0...5)).map { _ in
      "\(string(&rng, key: true))\(blank(&rng)):\(blank(&rng))\(value(&rng, depth: 2))"
    }
    text += members.joined(separator: ", ") + "}"
    var bytes = Array(text.utf8)
    if rng.chance(30), !bytes.isEmpty {
      bytes[rng.int(0...(bytes.count - 1))] = rng.pick([
        0x22, 0x5C, 0x7D, 0x2C, 0x3A, 0x00, 0x0A, 0xC3, 0xFF, 0x61,
      ])
    }
    if rng.chance(10) { bytes.append(contentsOf: Array(" {}".utf8)) }
    return bytes
  }

  @Test(
    "property: pickMembers hands out the picked members, stops and fails exactly as objectMembers reading")
  func pickMembersIsObjectMembers() {
    var rng = SavedSearchRandom(seed: 0x5EED_91C5)
    for round in 0..<6000 {
      let bytes = Self.object(&rng)
      // The bytes read so far may stop anywhere: what was found before the end must not change.
      let end = rng.chance(25) ? rng.int(0...bytes.count) : bytes.count
      let (fast, reference) = Self.picked(bytes, end: end)
      #expect(fast == reference, "round \(round): \(String(decoding: bytes[..<end], as: UTF8.self))")
      if fast != reference { return }
    }
  }

  @Test("property: asciiString is String(decoding:) for every ASCII run, short or long, at any offset")
  func asciiStringIsDecoding() {
    var rng = SavedSearchRandom(seed: 0xA5C1_1000)
    for round in 0..<4000 {
      let bytes = (0..<rng.int(0...40)).map { _ in UInt8(rng.int(0...0x7F)) }
      let lower = rng.int(0...bytes.count)
      let run = bytes[lower..<rng.int(lower...bytes.count)]
      let text = JSONTextReader.asciiString(run)
      let reference = String(decoding: run, as: UTF8.self)
      #expect(text == reference && Array(text.utf8) == Array(run), "round \(round): \(Array(run))")
      if text != reference { return }
    }
  }

  @Test("property: skipValue checks a value exactly as reading it whole does")
  func skipValueIsValue() {
    var rng = SavedSearchRandom(seed: 0xC0FFEE)
    for round in 0..<6000 {
      var bytes = Array(Self.value(&rng, depth: 0).utf8)
      if rng.chance(30), !bytes.isEmpty {
        bytes[rng.int(0...(bytes.count - 1))] = rng.pick([
          0x22, 0x5C, 0x5D, 0x2C, 0x3A, 0x00, 0xC3, 0x30, 0x2D,
        ])
      }
      let end = rng.chance(25) ? rng.int(0...bytes.count) : bytes.count
      let depth = rng.chance(5) ? JSONScanner.maximumDepth - rng.int(0...2) : rng.int(0...3)
      let skipped = Self.run(bytes, end: end) { (r, _) throws(JSONStreamError) in
        try r.skipValue(depth: depth)
      }
      let read = Self.run(bytes, end: end) { (r, _) throws(JSONStreamError) in _ = try r.value(depth: depth) }
      #expect(skipped == read, "round \(round): \(String(decoding: bytes[..<end], as: UTF8.self))")
      if skipped != read { return }
    }
  }

  @Test("property: a plain run ends at the first quote, backslash, control byte or end, and knows non-ASCII")
  func plainRunIsTheBytewiseRun() {
    var rng = SavedSearchRandom(seed: 42)
    for round in 0..<20000 {
      let bytes = (0..<rng.int(0...40)).map { _ in
        rng.chance(90)
          ? UInt8(rng.int(0x20...0x7E)) : rng.pick([0x22, 0x5C, 0x00, 0x1F, 0x0A, 0x80, 0xC3, 0xFF, 0x7F])
      }
      let start = rng.int(0...bytes.count)
      let end = rng.int(start...bytes.count)
      var reader = JSONTextReader(bytes: bytes, from: start, to: end)
      reader.offset = start
      let (runEnd, bits) = reader.plainRun()
      let expected = bytes[start..<end].firstIndex { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 } ?? end
      #expect(runEnd == expected, "round \(round): \(bytes) from \(start) to \(end)")
      #expect((bits >= 0x80) == bytes[start..<expected].contains { $0 >= 0x80 }, "round \(round): \(bytes)")
      if runEnd != expected { return }
    }
  }

  @Test("property: the quick check of a number token accepts exactly JSON's numbers")
  func numbersAreTheGrammars() {
    var rng = SavedSearchRandom(seed: 7)
    for _ in 0..<5000 {
      let token = (0..<rng.int(1...6)).map { _ in rng.pick(Array("-0123456789+.eE".utf8)) }
      let run = Self.run(token, end: token.count) { (r, _) throws(JSONStreamError) in try r.skipNumber() }
      // The token is all number characters: it is read whole, and fails only when not a number.
      let accepted = DecimalText.isJSONNumber(token)
      #expect((run.error == nil) == accepted, "\(String(decoding: token, as: UTF8.self))")
      if (run.error == nil) != accepted { return }
    }
  }
}
