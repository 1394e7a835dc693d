/// A JSON document that could not be read: what was wrong and at which byte.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The UTF-8 byte offset of the problem.
  public var offset: Int
  public var message: String
  public init(offset: Int, message: String) {
    self.offset = offset
    self.message = message
  }
  public var description: String { "invalid JSON at byte \(offset): \(message)" }
}

extension JSONValue {
  /// The deepest nesting accepted: deeper documents are an error, never a stack overflow.
  public static let maximumDepth = 512

  /// Parses one complete JSON document (RFC 8259), keeping numbers exactly as written and object
  /// members in order. Whitespace may surround the value; anything else after it is an error.
  public init(parsing text: String) throws(JSONParseError) {
    try self.init(parsing: Array(text.utf8))
  }

  /// Parses one complete JSON document from UTF-8 bytes.
  public init(parsing bytes: some Collection<UInt8>) throws(JSONParseError) {
    var parser = JSONTreeParser(bytes: Array(bytes))
    self = try parser.parseDocument()
  }

  /// The value as compact JSON: no whitespace, numbers as written, strings with the minimal escapes.
  public var compactText: String {
    var out = ""
    write(to: &out)
    return out
  }

  private func write(to out: inout String) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let n): out += n
    case .string(let s): JSONValue.writeString(s, to: &out)
    case .array(let items):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        item.write(to: &out)
      }
      out += "]"
    case .object(let members):
      out += "{"
      for (i, m) in members.enumerated() {
        if i > 0 { out += "," }
        JSONValue.writeString(m.key, to: &out)
        out += ":"
        m.value.write(to: &out)
      }
      out += "}"
    }
  }

  /// Writes `s` as a JSON string literal: quote, backslash and control characters escaped (also DEL and
  /// U+2028/U+2029, which break JavaScript embedding), everything else, non-ASCII included, as is.
  /// The one JSON string writer of the package: plan JSON, compact values and saved-search splicing.
  static func writeString(_ s: String, to out: inout String) {
    // Most strings need no escape (U+2028 and U+2029 are the only ones that start with 0xE2 0x80
    // 0xA8/0xA9; any 0xE2 takes the scalar path): then they are copied whole.
    if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 }) {
      out += "\""
      out += s
      out += "\""
      return
    }
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      case _
      where scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{2028}" || scalar == "\u{2029}":
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }

  /// `s` as a JSON string literal (see `writeString`).
  static func quoted(_ s: String) -> String {
    var out = ""
    writeString(s, to: &out)
    return out
  }
}

/// A recursive-descent reader of one in-memory JSON document (the streaming decoder is separate).
struct JSONTreeParser {
  let bytes: [UInt8]
  var i = 0

  init(bytes: [UInt8]) { self.bytes = bytes }

  mutating func parseDocument() throws(JSONParseError) -> JSONValue {
    skipWhitespace()
    let v = try parseValue(depth: 0)
    skipWhitespace()
    guard i == bytes.count else { throw fail("unexpected content after the value") }
    return v
  }

  private func fail(_ message: String, at offset: Int? = nil) -> JSONParseError {
    JSONParseError(offset: offset ?? i, message: message)
  }

  private mutating func skipWhitespace() {
    while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
  }

  private mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
    guard depth < JSONValue.maximumDepth else { throw fail("nesting deeper than 512") }
    guard i < bytes.count else { throw fail("unexpected end of input") }
    switch bytes[i] {
    case UInt8(ascii: "{"): return try parseObject(depth: depth)
    case UInt8(ascii: "["): return try parseArray(depth: depth)
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try literal("true"); return .bool(true)
    case UInt8(ascii: "f"): try literal("false"); return .bool(false)
    case UInt8(ascii: "n"): try literal("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    default: throw fail("unexpected character")
    }
  }

  private mutating func literal(_ word: StaticString) throws(JSONParseError) {
    let start = i
    let count = word.utf8CodeUnitCount
    guard bytes.count - i >= count else { throw fail("invalid literal", at: start) }
    for k in 0..<count where bytes[i + k] != word.utf8Start[k] {
      throw fail("invalid literal", at: start)
    }
    i += count
  }

  private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
    let start = i
    while i < bytes.count, Self.isNumberByte(bytes[i]) { i += 1 }
    let slice = bytes[start..<i]
    guard ExactDecimal.isJSONNumber(slice) else { throw fail("invalid number", at: start) }
    return .number(String(decoding: slice, as: UTF8.self))
  }

  private static func isNumberByte(_ c: UInt8) -> Bool {
    (c >= 48 && c <= 57) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
      || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
  }

  private mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
    i += 1
    var items: [JSONValue] = []
    skipWhitespace()
    if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
      i += 1
      return .array(items)
    }
    while true {
      skipWhitespace()
      items.append(try parseValue(depth: depth + 1))
      skipWhitespace()
      guard i < bytes.count else { throw fail("unterminated array") }
      if bytes[i] == UInt8(ascii: ",") {
        i += 1
      } else if bytes[i] == UInt8(ascii: "]") {
        i += 1
        return .array(items)
      } else {
        throw fail("expected ',' or ']'")
      }
    }
  }

  private mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
    i += 1
    var members: [JSONMember] = []
    skipWhitespace()
    if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
      i += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a member name") }
      let key = try parseString()
      skipWhitespace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':'") }
      i += 1
      skipWhitespace()
      members.append(JSONMember(key, try parseValue(depth: depth + 1)))
      skipWhitespace()
      guard i < bytes.count else { throw fail("unterminated object") }
      if bytes[i] == UInt8(ascii: ",") {
        i += 1
      } else if bytes[i] == UInt8(ascii: "}") {
        i += 1
        return .object(members)
      } else {
        throw fail("expected ',' or '}'")
      }
    }
  }

  /// Reads a string literal starting at the opening quote; validates UTF-8 and escapes.
  private mutating func parseString() throws(JSONParseError) -> String {
    let open = i
    i += 1
    var scalars = String.UnicodeScalarView()
    var runStart = i
    func flushRun(_ end: Int) throws(JSONParseError) {
      guard runStart < end else { return }
      guard let s = String(validating: bytes[runStart..<end], as: UTF8.self) else {
        throw fail("invalid UTF-8 in string", at: runStart)
      }
      scalars.append(contentsOf: s.unicodeScalars)
    }
    while true {
      guard i < bytes.count else { throw fail("unterminated string", at: open) }
      let c = bytes[i]
      if c == UInt8(ascii: "\"") {
        try flushRun(i)
        i += 1
        return String(scalars)
      }
      if c < 0x20 { throw fail("control character in string") }
      if c != UInt8(ascii: "\\") {
        i += 1
        continue
      }
      try flushRun(i)
      let escapeStart = i
      i += 1
      guard i < bytes.count else { throw fail("unterminated string", at: open) }
      let e = bytes[i]
      i += 1
      switch e {
      case UInt8(ascii: "\""): scalars.append("\"")
      case UInt8(ascii: "\\"): scalars.append("\\")
      case UInt8(ascii: "/"): scalars.append("/")
      case UInt8(ascii: "b"): scalars.append("\u{8}")
      case UInt8(ascii: "f"): scalars.append("\u{C}")
      case UInt8(ascii: "n"): scalars.append("\n")
      case UInt8(ascii: "r"): scalars.append("\r")
      case UInt8(ascii: "t"): scalars.append("\t")
      case UInt8(ascii: "u"):
        let first = try hex4(escapeStart)
        if (0xD800...0xDBFF).contains(first) {
          guard bytes.count - i >= 6, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u")
          else { throw fail("unpaired surrogate", at: escapeStart) }
          i += 2
          let second = try hex4(escapeStart)
          guard (0xDC00...0xDFFF).contains(second) else { throw fail("unpaired surrogate", at: escapeStart) }
          let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
          guard let s = Unicode.Scalar(value) else { throw fail("invalid escape", at: escapeStart) }
          scalars.append(s)
        } else {
          guard let s = Unicode.Scalar(first) else { throw fail("unpaired surrogate", at: escapeStart) }
          scalars.append(s)
        }
      default:
        throw fail("invalid escape", at: escapeStart)
      }
      runStart = i
    }
  }

  private mutating func hex4(_ escapeStart: Int) throws(JSONParseError) -> UInt32 {
    guard bytes.count - i >= 4 else { throw fail("invalid \\u escape", at: escapeStart) }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = bytes[i]
      let d: UInt32
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - 48)
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - 87)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - 55)
      default: throw fail("invalid \\u escape", at: escapeStart)
      }
      v = v * 16 + d
      i += 1
    }
    return v
  }
}
