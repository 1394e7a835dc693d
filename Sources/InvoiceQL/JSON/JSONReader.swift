#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads JSON that `JSONScanner` has already validated (whitespace between tokens allowed): skipping
/// a value is a bracket count, decoding builds a `JSONValue`. Every access is bounds-checked and every
/// loop makes progress, so even bytes that were not validated cannot crash or hang it.
package struct JSONReader {
  package let bytes: UnsafeBufferPointer<UInt8>

  package init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  package static let quote = UInt8(ascii: "\"")
  static let backslash = UInt8(ascii: "\\")

  /// The byte at `i`, or 0 past the end.
  @inline(__always)
  package func byte(_ i: Int) -> UInt8 { i >= 0 && i < bytes.count ? bytes[i] : 0 }

  /// The first index from `i` that is not whitespace.
  @inline(__always)
  package func skipWhitespace(_ i: Int) -> Int {
    var j = i
    while j < bytes.count && JSONScanner.isWhitespace(bytes[j]) { j += 1 }
    return j
  }

  /// The index just past the string whose opening quote is at `i`.
  @inline(__always)
  package func skipString(_ i: Int) -> Int { stringEnd(i).end }

  /// The index just past the string whose opening quote is at `i`, and whether it holds an escape.
  package func stringEnd(_ i: Int) -> (end: Int, escaped: Bool) {
    var j = i + 1
    while j + 8 <= bytes.count {
      let mask = JSONScanner.quoteOrBackslashBytes(JSONScanner.loadWord(bytes, j))
      if mask != 0 {
        j += mask.trailingZeroBitCount >> 3
        break
      }
      j += 8
    }
    var escaped = false
    while j < bytes.count {
      let c = bytes[j]
      if c == Self.backslash {
        escaped = true
        j += 2
      } else if c == Self.quote {
        return (j + 1, escaped)
      } else {
        j += 1
      }
    }
    return (bytes.count, escaped)
  }

  /// The index just past the value starting at `i`.
  package func skipValue(_ i: Int) -> Int {
    let c = byte(i)
    if c == Self.quote { return skipString(i) }
    if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
      var depth = 0
      var j = i
      while j < bytes.count {
        let d = bytes[j]
        if d == Self.quote {
          j = skipString(j)
          continue
        }
        if d == UInt8(ascii: "{") || d == UInt8(ascii: "[") {
          depth += 1
        } else if d == UInt8(ascii: "}") || d == UInt8(ascii: "]") {
          depth -= 1
          if depth == 0 { return j + 1 }
        }
        j += 1
      }
      return bytes.count
    }
    return scalarEnd(i)
  }

  /// The end of a number or literal starting at `i` (at least one byte past `i`).
  package func scalarEnd(_ i: Int) -> Int {
    var j = i + 1
    while j < bytes.count {
      let c = bytes[j]
      if c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}")
        || JSONScanner.isWhitespace(c)
      {
        break
      }
      j += 1
    }
    return Swift.min(j, bytes.count)
  }

  /// Decodes the whole value at `i`; returns it and the index just past it.
  package func decode(_ i: Int) -> (JSONValue, Int) {
    switch byte(i) {
    case Self.quote:
      let (end, escaped) = stringEnd(i)
      guard !escaped, i + 1 <= end - 1 else { return (.string(decodeString(i + 1, end - 1)), end) }
      return (
        .string(String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 1)..<(end - 1)]), as: UTF8.self)),
        end
      )
    case UInt8(ascii: "{"):
      var members: [JSONMember] = []
      let end = forEachMember(i) { keyStart, keyEnd, valueStart in
        let (value, next) = decode(valueStart)
        members.append(JSONMember(decodeString(keyStart, keyEnd), value))
        return next
      }
      return (.object(members), end)
    case UInt8(ascii: "["):
      var elements: [JSONValue] = []
      let end = forEachElement(i) { start in
        let (value, next) = decode(start)
        elements.append(value)
        return next
      }
      return (.array(elements), end)
    case UInt8(ascii: "t"): return (.bool(true), scalarEnd(i))
    case UInt8(ascii: "f"): return (.bool(false), scalarEnd(i))
    case UInt8(ascii: "n"): return (.null, scalarEnd(i))
    default:
      let end = scalarEnd(i)
      return (.number(String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<end]), as: UTF8.self)), end)
    }
  }

  /// Calls `body(keyStart, keyEnd, valueStart)` for each member of the object at `i` (key bytes
  /// between the quotes); `body` returns the index just past the value. Returns the index past `}`.
  package func forEachMember(_ i: Int, _ body: (Int, Int, Int) -> Int) -> Int {
    var j = skipWhitespace(i + 1)
    if byte(j) == UInt8(ascii: "}") { return j + 1 }
    while j < bytes.count && byte(j) == Self.quote {
      let keyEnd = skipString(j)
      let valueStart = skipWhitespace(skipWhitespace(keyEnd) + 1)
      let next = body(j + 1, keyEnd - 1, valueStart)
      guard next > j else { return bytes.count }
      j = skipWhitespace(next)
      if byte(j) == UInt8(ascii: ",") {
        j = skipWhitespace(j + 1)
      } else {
        return j + 1
      }
    }
    return bytes.count
  }

  /// Calls `body(valueStart)` for each element of the array at `i`; `body` returns the index just
  /// past the element. Returns the index past `]`.
  package func forEachElement(_ i: Int, _ body: (Int) -> Int) -> Int {
    var j = skipWhitespace(i + 1)
    if byte(j) == UInt8(ascii: "]") { return j + 1 }
    while j < bytes.count {
      let next = body(j)
      guard next > j else { return bytes.count }
      j = skipWhitespace(next)
      if byte(j) == UInt8(ascii: ",") {
        j = skipWhitespace(j + 1)
      } else {
        return j + 1
      }
    }
    return bytes.count
  }

  /// Whether the raw key bytes `start..<end` spell `key` (escapes decoded only when present).
  @inline(__always)
  package func keyEquals(_ start: Int, _ end: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    guard start <= end, end <= bytes.count else { return false }
    let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
    if !raw.contains(Self.backslash) {
      return raw.count == key.count
        && (key.isEmpty || memcmp(raw.baseAddress!, key.baseAddress!, key.count) == 0)
    }
    return decodeString(start, end).utf8.elementsEqual(key)
  }

  /// Whether the raw key bytes `start..<end` spell `key` (escapes decoded only when present).
  package func keyEquals(_ start: Int, _ end: Int, _ key: [UInt8]) -> Bool {
    key.withUnsafeBufferPointer { keyEquals(start, end, $0) }
  }

  /// Whether the raw string bytes `start..<end` hold an escape.
  package func hasEscape(_ start: Int, _ end: Int) -> Bool {
    guard start <= end, end <= bytes.count else { return false }
    return UnsafeBufferPointer(rebasing: bytes[start..<end]).contains(Self.backslash)
  }

  /// The string whose raw content (between the quotes) is `start..<end`, escapes decoded.
  package func decodeString(_ start: Int, _ end: Int) -> String {
    guard start <= end, end <= bytes.count else { return "" }
    let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
    guard raw.contains(Self.backslash) else { return String(decoding: raw, as: UTF8.self) }
    return Self.unescape(raw)
  }

  /// Decodes JSON string escapes (`\n`, `\u00e9`, surrogate pairs) in validated raw string bytes.
  package static func unescape(_ raw: some Collection<UInt8>) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(raw.count)
    var it = raw.makeIterator()
    func hex4(_ it: inout some IteratorProtocol<UInt8>) -> UInt32 {
      var v: UInt32 = 0
      for _ in 0..<4 { v = v << 4 | (it.next().flatMap(JSONScanner.hexValue) ?? 0) }
      return v
    }
    while let c = it.next() {
      guard c == backslash, let e = it.next() else {
        out.append(c)
        continue
      }
      switch e {
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = hex4(&it)
        if (0xD800...0xDBFF).contains(scalar) {
          _ = it.next()
          _ = it.next()
          let low = hex4(&it)
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low &- 0xDC00)
        }
        out.append(contentsOf: Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8))
      default: out.append(e)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
