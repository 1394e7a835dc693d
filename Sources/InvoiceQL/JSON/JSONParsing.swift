extension JSONValue {
  /// Parses one complete JSON document (RFC 8259), keeping numbers exactly as written and object
  /// members in order. Whitespace (and a leading byte-order mark) may surround the value; anything
  /// else after it is an error. Nesting is capped at `JSONScanner.maximumDepth`.
  public init(parsing text: String) throws(JSONStreamError) {
    self = try JSONValue.parseDocument(Array(text.utf8))
  }

  /// Parses one complete JSON document from UTF-8 bytes.
  public init(parsing bytes: some Collection<UInt8>) throws(JSONStreamError) {
    self = try JSONValue.parseDocument(Array(bytes))
  }

  /// The value as compact JSON: no whitespace, numbers as written, strings with the minimal escapes.
  public var compactText: String { text(spaced: false) }

  /// The value as one line of JSON; `spaced` puts a space after each `,` and `:` (the style of
  /// `invoiceql plan`). The one JSON writer of the package.
  public func text(spaced: Bool) -> String {
    var out = ""
    write(to: &out, comma: spaced ? ", " : ",", colon: spaced ? ": " : ":")
    return out
  }

  private func write(to out: inout String, comma: String, colon: String) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let n): out += n
    case .string(let s): JSONValue.writeString(s, to: &out)
    case .array(let items):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += comma }
        item.write(to: &out, comma: comma, colon: colon)
      }
      out += "]"
    case .object(let members):
      out += "{"
      for (i, m) in members.enumerated() {
        if i > 0 { out += comma }
        JSONValue.writeString(m.key, to: &out)
        out += colon
        m.value.write(to: &out, comma: comma, colon: colon)
      }
      out += "}"
    }
  }

  /// Writes `s` as a JSON string literal: quote, backslash and control characters escaped (also DEL and
  /// U+2028/U+2029, which break JavaScript embedding), everything else, non-ASCII included, as is.
  /// The one JSON string writer of the package: plan JSON, compact values and saved-search splicing.
  package static func writeString(_ s: String, to out: inout String) {
    // Most strings need no escape (U+2028 and U+2029 are the only ones that start with 0xE2 0x80
    // 0xA8/0xA9; any 0xE2 takes the byte path): then they are copied whole.
    if !needsEscape(s) {
      out += "\""
      out += s
      out += "\""
      return
    }
    var bytes: [UInt8] = []
    writeString(s, to: &bytes)
    out += String(decoding: bytes, as: UTF8.self)
  }

  static func needsEscape(_ s: String) -> Bool {
    @inline(__always) func special(_ b: UInt8) -> Bool {
      b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F || b == 0xE2
    }
    var s = s
    // The bytes in place, eight at a time (the classic tests for a zero byte and for a byte below
    // 0x20, which never miss one), the last few one by one.
    return s.withUTF8 { b in
      guard let base = b.baseAddress else { return false }
      let ones: UInt64 = 0x0101_0101_0101_0101
      let highs: UInt64 = 0x8080_8080_8080_8080
      @inline(__always) func hasZero(_ x: UInt64) -> UInt64 { (x &- ones) & ~x }
      var i = 0
      while b.count - i >= 8 {
        let w = JSONScanner.loadWord(base, i)
        let found =
          ((w &- ones &* 0x20) & ~w) | JSONScanner.quoteOrBackslashBytes(w) | hasZero(w ^ (ones &* 0x7F))
          | hasZero(w ^ (ones &* 0xE2))
        if found & highs != 0 { return true }
        i += 8
      }
      while i < b.count {
        if special(b[i]) { return true }
        i += 1
      }
      return false
    }
  }

  /// `writeString` appending the literal's UTF-8 bytes.
  package static func writeString(_ s: String, to bytes: inout [UInt8]) {
    guard needsEscape(s) else {
      bytes.append(UInt8(ascii: "\""))
      var s = s
      s.withUTF8 { bytes.append(contentsOf: $0) }
      bytes.append(UInt8(ascii: "\""))
      return
    }
    // Byte by byte: only ASCII bytes and U+2028/U+2029 (E2 80 A8/A9) are escaped, and every other
    // byte of valid UTF-8 is copied as it is.
    bytes.append(UInt8(ascii: "\""))
    bytes.reserveCapacity(bytes.count + s.utf8.count + 16)
    func escape(_ text: StaticString) {
      text.withUTF8Buffer { bytes += $0 }
    }
    func unicodeEscape(_ value: UInt32) {
      let hex = Array(String(value, radix: 16).utf8)
      escape("\\u")
      bytes += repeatElement(UInt8(ascii: "0"), count: 4 - hex.count)
      bytes += hex
    }
    let utf8 = Array(s.utf8)
    var i = 0
    while i < utf8.count {
      let b = utf8[i]
      i += 1
      switch b {
      case UInt8(ascii: "\""): escape("\\\"")
      case UInt8(ascii: "\\"): escape("\\\\")
      case 0x0A: escape("\\n")
      case 0x0D: escape("\\r")
      case 0x09: escape("\\t")
      case 0x08: escape("\\b")
      case 0x0C: escape("\\f")
      case 0x00..<0x20, 0x7F: unicodeEscape(UInt32(b))
      case 0xE2 where i + 1 < utf8.count && utf8[i] == 0x80 && (utf8[i + 1] == 0xA8 || utf8[i + 1] == 0xA9):
        unicodeEscape(utf8[i + 1] == 0xA8 ? 0x2028 : 0x2029)
        i += 2
      default: bytes.append(b)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// `s` as a JSON string literal (see `writeString`).
  public static func quoted(_ s: String) -> String {
    var out = ""
    writeString(s, to: &out)
    return out
  }
}
