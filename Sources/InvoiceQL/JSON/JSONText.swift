/// A small validating JSON reader over UTF-8 bytes that also reports *where* each value is.
///
/// Saved-search files are rewritten by splicing only the bytes of one string value, so the reader
/// must know byte ranges, which a plain decoder throws away. It never crashes on bad input: every
/// problem is a `JSONStreamError` with a byte offset, and nesting is capped at
/// `JSONScanner.maximumDepth`. The one tree reader of the package: `JSONValue(parsing:)` uses it too.
///
/// It notes whether it ever looked for a byte at `end` (`reachedEnd`): when `end` is only where the
/// bytes read so far stop, not the file's end, what it found without reaching `end` holds whatever
/// follows, and anything else must be read again with more bytes (`SavedSearchReader` does).
package struct JSONTextReader {
  let bytes: [UInt8]
  package var offset: Int
  let end: Int
  /// Whether the reader needed to know what comes at or after `end`.
  package private(set) var reachedEnd = false

  package init(bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
    self.bytes = bytes
    self.offset = start
    self.end = end ?? bytes.count
  }

  package var atEnd: Bool {
    mutating get { !has(0) }
  }

  /// Whether the byte `ahead` places after `offset` is before `end` (noting when it is not).
  @inline(__always)
  private mutating func has(_ ahead: Int) -> Bool {
    if offset + ahead < end { return true }
    reachedEnd = true
    return false
  }

  package mutating func skipWhitespace() {
    while has(0) && Self.isBlank(bytes[offset]) { offset += 1 }
  }

  /// JSON's whitespace: space, tab, line feed, carriage return.
  @inline(__always)
  package static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

  package mutating func peek() -> UInt8? { has(0) ? bytes[offset] : nil }

  package func error(_ message: String, at position: Int? = nil) -> JSONStreamError {
    JSONStreamError(message: message, offset: position ?? offset)
  }

  package mutating func expect(_ byte: UInt8, _ what: String) throws(JSONStreamError) {
    guard peek() == byte else { throw error("expected \(what)") }
    offset += 1
  }

  /// Reads any value, building its `JSONValue`; with `keeping` false it is only checked (with the
  /// same errors) and `.null` stands for it, so skipping a member costs no arrays or objects.
  package mutating func value(depth: Int = 0, keeping: Bool = true) throws(JSONStreamError) -> JSONValue {
    guard keeping else {
      try skipValue(depth: depth)
      return .null
    }
    switch try valueStart(depth: depth) {
    case UInt8(ascii: "{"):
      var members: [JSONMember] = []
      try objectMembers(depth: depth) { (key: String, _: Range<Int>, v: JSONValue) in
        members.append(JSONMember(key, v))
      }
      return .object(members)
    case UInt8(ascii: "["):
      var items: [JSONValue] = []
      try eachElement { (r: inout JSONTextReader) throws(JSONStreamError) in
        items.append(try r.value(depth: depth + 1))
      }
      return .array(items)
    case UInt8(ascii: "\""):
      return .string(try string())
    case UInt8(ascii: "t"): try literal("true"); return .bool(true)
    case UInt8(ascii: "f"): try literal("false"); return .bool(false)
    case UInt8(ascii: "n"): try literal("null"); return .null
    default:
      return .number(try number())
    }
  }

  /// Reads an object, calling `member` with each key, the byte range of its value and the value
  /// (`.null` for a value only checked: one whose key `keeping` declines).
  package mutating func objectMembers(
    depth: Int, keeping: (String) -> Bool = { _ in true },
    _ member: (String, Range<Int>, JSONValue) throws(JSONStreamError) -> Void
  ) throws(JSONStreamError) {
    try eachMember { (r: inout JSONTextReader) throws(JSONStreamError) in
      let key = try r.string()
      try r.nameSeparator()
      let start = r.offset
      let v = try r.value(depth: depth + 1, keeping: keeping(key))
      try member(key, start..<r.offset, v)
    }
  }

  /// Reads the object at `offset` with its punctuation checked: `member` reads each member from its
  /// key's opening quote through its value. The one loop over members for every way of reading one.
  @inline(__always)
  mutating func eachMember(
    _ member: (inout JSONTextReader) throws(JSONStreamError) -> Void
  ) throws(JSONStreamError) {
    try expect(UInt8(ascii: "{"), "'{'")
    skipWhitespace()
    if peek() == UInt8(ascii: "}") {
      offset += 1
      return
    }
    while true {
      skipWhitespace()
      guard peek() == UInt8(ascii: "\"") else { throw error("expected a member name in quotes") }
      try member(&self)
      skipWhitespace()
      if peek() == UInt8(ascii: ",") {
        offset += 1
        continue
      }
      try expect(UInt8(ascii: "}"), "',' or '}'")
      return
    }
  }

  /// Reads the array at `offset` with its punctuation checked: `element` reads each element.
  @inline(__always)
  mutating func eachElement(
    _ element: (inout JSONTextReader) throws(JSONStreamError) -> Void
  ) throws(JSONStreamError) {
    try expect(UInt8(ascii: "["), "'['")
    skipWhitespace()
    if peek() == UInt8(ascii: "]") {
      offset += 1
      return
    }
    while true {
      try element(&self)
      skipWhitespace()
      if peek() == UInt8(ascii: ",") {
        offset += 1
        continue
      }
      try expect(UInt8(ascii: "]"), "',' or ']'")
      return
    }
  }

  /// The first byte of the value at `offset` (whitespace skipped), once the nesting limit and the
  /// end of the input are checked.
  mutating func valueStart(depth: Int) throws(JSONStreamError) -> UInt8 {
    guard depth < JSONScanner.maximumDepth else {
      throw error("nesting deeper than \(JSONScanner.maximumDepth) levels")
    }
    skipWhitespace()
    guard let c = peek() else { throw error("unexpected end of input, expected a value") }
    return c
  }

  /// The `:` after a member's key, with the whitespace around it.
  mutating func nameSeparator() throws(JSONStreamError) {
    skipWhitespace()
    try expect(UInt8(ascii: ":"), "':'")
    skipWhitespace()
  }

  mutating func literal(_ word: StaticString) throws(JSONStreamError) {
    let start = offset
    // The literal's bytes where they lie: no array per literal (`true`, `false` and `null` are
    // words, which a `StaticString` always holds as a pointer).
    let text = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
    for b in text {
      guard peek() == b else { throw error("invalid literal", at: start) }
      offset += 1
    }
  }

  private mutating func number() throws(JSONStreamError) -> String {
    let start = offset
    try skipNumber()
    return String(decoding: bytes[start..<offset], as: UTF8.self)
  }

  /// Reads a number token only to check it (`number()` without its string).
  mutating func skipNumber() throws(JSONStreamError) {
    let start = offset
    while let c = peek(),
      c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
        || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") || (c >= 48 && c <= 57)
    {
      offset += 1
    }
    // A plain integer (`0`, `-12`: most numbers) is told here; anything else by the full grammar.
    var digits = start
    if digits < offset, bytes[digits] == UInt8(ascii: "-") { digits += 1 }
    var i = digits
    while i < offset, bytes[i] >= 48 && bytes[i] <= 57 { i += 1 }
    if i == offset, i > digits, bytes[digits] != 48 || i - digits == 1 { return }
    let slice = bytes[start..<offset]
    guard !slice.isEmpty, DecimalText.isJSONNumber(slice) else {
      throw error(slice.isEmpty ? "unexpected character, expected a value" : "invalid number", at: start)
    }
  }

  /// Where the run of plain string bytes from `offset` ends (at a quote, a backslash, a control
  /// character or the end), and `bits`, which is `>= 0x80` when a byte of the run is not ASCII.
  func plainRun() -> (end: Int, bits: UInt8) {
    let end = self.end
    var plainEnd = offset
    var bits: UInt8 = 0
    bytes.withUnsafeBufferPointer { b in
      guard let base = b.baseAddress, plainEnd < end else { return }
      // Eight bytes at a time while none of them ends the run (a quote, a backslash or a byte
      // below 0x20: the scanner's word tests, which never miss one), then byte by byte.
      let ones: UInt64 = 0x0101_0101_0101_0101
      let highs: UInt64 = 0x8080_8080_8080_8080
      var seen: UInt64 = 0
      while end - plainEnd >= 8 {
        let w = JSONScanner.loadWord(base, plainEnd)
        let stops = JSONScanner.quoteOrBackslashBytes(w) | ((w &- ones &* 0x20) & ~w)
        if stops & highs != 0 { break }
        seen |= w
        plainEnd += 8
      }
      if seen & highs != 0 { bits = 0x80 }
      while plainEnd < end {
        let c = base[plainEnd]
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20 { break }
        bits |= c
        plainEnd += 1
      }
    }
    return (plainEnd, bits)
  }

  /// Reads a string token only to check it, with `string()`'s errors: a string without escapes
  /// (nearly all) is checked where it lies, any other read as `string()` reads it.
  mutating func skipString() throws(JSONStreamError) {
    let start = offset
    try expect(UInt8(ascii: "\""), "'\"'")
    let (plainEnd, bits) = plainRun()
    guard plainEnd < end, bytes[plainEnd] == UInt8(ascii: "\"") else {
      offset = start
      _ = try string()
      return
    }
    if bits >= 0x80, String(validating: bytes[offset..<plainEnd], as: UTF8.self) == nil {
      throw error("invalid UTF-8 in string", at: start)
    }
    offset = plainEnd + 1
  }

  /// Reads a string token, decoding escapes; rejects raw control characters and invalid UTF-8.
  mutating func string() throws(JSONStreamError) -> String {
    let start = offset
    try expect(UInt8(ascii: "\""), "'\"'")
    // Most strings hold no escape: they are validated straight from the bytes, with no copy first.
    let (plainEnd, bits) = plainRun()
    if plainEnd < end, bytes[plainEnd] == UInt8(ascii: "\"") {
      let run = bytes[offset..<plainEnd]
      offset = plainEnd + 1
      // ASCII is valid UTF-8 as it stands (and decoding it is cheaper than validating it).
      if bits < 0x80 { return Self.asciiString(run) }
      guard let text = String(validating: run, as: UTF8.self) else {
        throw error("invalid UTF-8 in string", at: start)
      }
      return text
    }
    var out: [UInt8] = []
    // Whether every byte is ASCII so far (then the text needs no validating).
    var ascii = bits < 0x80
    var runStart = offset
    offset = plainEnd
    while true {
      guard has(0) else { throw error("unterminated string", at: start) }
      let c = bytes[offset]
      if c == UInt8(ascii: "\"") {
        out += bytes[runStart..<offset]
        offset += 1
        break
      }
      if c < 0x20 { throw error("control character in string") }
      if c != UInt8(ascii: "\\") {
        offset += 1
        continue
      }
      out += bytes[runStart..<offset]
      offset += 1
      guard has(0) else { throw error("unterminated string", at: start) }
      let e = bytes[offset]
      offset += 1
      switch e {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar) {
          guard has(1), bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u")
          else { throw error("unpaired surrogate in \\u escape") }
          offset += 2
          let low = try hex4()
          guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate in \\u escape") }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(scalar) {
          throw error("unpaired surrogate in \\u escape")
        }
        guard let u = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
        if scalar >= 0x80 { ascii = false }
        out += Array(String(Character(u)).utf8)
      default:
        throw error("invalid escape '\\\(String(decoding: [e], as: UTF8.self))'", at: offset - 2)
      }
      runStart = offset
      // On to the next quote, backslash or control character.
      let (next, runBits) = plainRun()
      if runBits >= 0x80 { ascii = false }
      offset = next
    }
    if ascii { return String(decoding: out, as: UTF8.self) }
    guard let text = String(validating: out, as: UTF8.self) else {
      throw error("invalid UTF-8 in string", at: start)
    }
    return text
  }

  /// A run of ASCII bytes as a `String`. ASCII is valid UTF-8 as it stands: a short run (a name,
  /// a provider) is copied straight into a small string, which then needs no validating; a longer
  /// one is decoded (which for ASCII costs less than validating it).
  static func asciiString(_ run: ArraySlice<UInt8>) -> String {
    guard run.count <= 15 else { return String(decoding: run, as: UTF8.self) }
    return run.withUnsafeBufferPointer { from in
      String(unsafeUninitializedCapacity: from.count) { to in
        guard let source = from.baseAddress, let target = to.baseAddress else { return 0 }
        target.initialize(from: source, count: from.count)
        return from.count
      }
    }
  }

  private mutating func hex4() throws(JSONStreamError) -> UInt32 {
    var v: UInt32 = 0
    for _ in 0..<4 {
      guard let c = peek() else { throw error("truncated \\u escape") }
      let d: UInt32
      switch c {
      case 48...57: d = UInt32(c - 48)
      case 65...70: d = UInt32(c - 55)
      case 97...102: d = UInt32(c - 87)
      default: throw error("invalid hex digit in \\u escape")
      }
      v = v * 16 + d
      offset += 1
    }
    return v
  }
}

extension JSONStreamError {
  /// A syntax or shape problem described in words, at a byte offset.
  package init(message: String, offset: Int) { self.init(.syntax(message), byteOffset: offset) }
}

extension JSONValue {
  /// Parses one JSON document (RFC 8259) exactly: numbers keep their spelling, members their order.
  public static func parseDocument(_ bytes: [UInt8]) throws(JSONStreamError) -> JSONValue {
    var reader = JSONTextReader(bytes: bytes)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.offset = 3 }
    let v = try reader.value()
    reader.skipWhitespace()
    guard reader.atEnd else { throw reader.error("unexpected text after the JSON value") }
    return v
  }
}
