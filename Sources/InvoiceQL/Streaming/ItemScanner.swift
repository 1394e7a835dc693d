#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The fast path for one invoice: validates a JSON object lying whole in one contiguous buffer with
/// straight-line code (no resumable states, eight or sixteen bytes at a time through plain string
/// runs and indentation), and notes where the members the projection reads begin.
///
/// It is an *optimistic* twin of `JSONScanner`: it accepts exactly what the scanner accepts, and
/// whenever it meets anything else it answers `.rejected` without saying why: its owner then feeds
/// the same bytes to the scanner, whose error (kind and offset) is the one reported. So errors have
/// one source, and the fast path only ever has to be right about valid JSON.
///
/// It needs the whole object: when the buffer ends first it answers `.incomplete`, and its owner
/// tries again once more bytes have arrived (at geometrically growing sizes, so a giant invoice
/// split into tiny chunks still costs linear time).
struct ItemScanner: Sendable {
  /// What `scan` found.
  enum Outcome: Equatable {
    /// A valid object ends just before `end`.
    case complete(end: Int)
    /// Valid so far, but the buffer ends inside the object.
    case incomplete
    /// Not valid JSON (or not an object); the scanner will say why.
    case rejected
  }

  /// One member of the scanned object that the projection reads: which root member of the
  /// projection it is, and where its value starts in the buffer.
  struct Member: Sendable, Hashable {
    var index: Int
    var valueStart: Int
  }

  /// The projection's root member keys (raw UTF-8), which top-level keys are matched against.
  private let keys: [[UInt8]]
  /// Bit `k` is set when some key is `k` bytes long (bit 63: 63 or more).
  private let keyLengths: UInt64
  /// The members found by the last `scan`, in document order (a repeated key once per occurrence).
  private(set) var members: [Member] = []

  init(keys: [[UInt8]]) {
    self.keys = keys
    var lengths: UInt64 = 0
    for key in keys { lengths |= 1 << UInt64(Swift.min(key.count, 63)) }
    keyLengths = lengths
  }

  static let quote = UInt8(ascii: "\"")
  static let backslash = UInt8(ascii: "\\")
  private static let incomplete = -1
  private static let rejected = -2

  /// Scans the object whose `{` is at `start`. `depth` is how many containers enclose it, so that
  /// nesting is capped exactly where `JSONScanner` caps it.
  mutating func scan(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, depth: Int) -> Outcome {
    members.removeAll(keepingCapacity: true)
    guard let p = buffer.baseAddress, start < buffer.count else { return .incomplete }
    guard p[start] == UInt8(ascii: "{"), depth < JSONScanner.maximumDepth else { return .rejected }
    let end = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: JSONScanner.maximumDepth / 64 + 1) {
      stack in
      scanObject(p, buffer.count, start, maximumDepth: JSONScanner.maximumDepth - depth, stack)
    }
    switch end {
    case Self.incomplete: return .incomplete
    case Self.rejected: return .rejected
    default: return .complete(end: end)
    }
  }

  /// The loop: `stack` holds one bit per open container (set for an object). Returns the index past
  /// the object, `incomplete` or `rejected`.
  private mutating func scanObject(
    _ p: UnsafePointer<UInt8>, _ n: Int, _ start: Int, maximumDepth: Int,
    _ stack: UnsafeMutableBufferPointer<UInt64>
  ) -> Int {
    let quote = Self.quote
    var depth = 1
    var inObject = true
    stack[0] = 1
    // Right after `{`: the first key, or `}`.
    var i = Self.skipWhitespace(p, n, start &+ 1)
    guard i < n else { return Self.incomplete }
    if p[i] == UInt8(ascii: "}") { return i &+ 1 }
    var needsKey = true

    while true {
      if needsKey {
        // A member: its key (quote at `i`), the colon, and the whitespace before the value.
        guard p[i] == quote else { return Self.rejected }
        var escaped = false
        var j = Self.skipString(p, n, i &+ 1, escaped: &escaped)
        if j < 0 { return j }
        let read = depth == 1 ? keyIndex(p, i &+ 1, j &- 1, escaped: escaped) : nil
        if j &+ 2 < n && p[j] == UInt8(ascii: ":") {
          // The usual spellings: `":v` and `": v`.
          j &+= p[j &+ 1] == 0x20 ? 2 : 1
          if p[j] <= 0x20 { j = Self.skipWhitespace(p, n, j) }
        } else {
          j = Self.skipWhitespace(p, n, j)
          guard j < n else { return Self.incomplete }
          guard p[j] == UInt8(ascii: ":") else { return Self.rejected }
          j = Self.skipWhitespace(p, n, j &+ 1)
        }
        i = j
        if let read { members.append(Member(index: read, valueStart: i)) }
      }

      // A value starts at `i` (whitespace skipped).
      guard i < n else { return Self.incomplete }
      let c = p[i]
      if c == quote {
        i = Self.skipString(p, n, i &+ 1)
      } else if JSONScanner.isDigit(c) || c == UInt8(ascii: "-") {
        i = Self.skipNumber(p, n, i)
      } else if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
        guard depth < maximumDepth else { return Self.rejected }
        let isObject = c == UInt8(ascii: "{")
        let word = depth >> 6
        let bit = UInt64(1) << UInt64(depth & 63)
        stack[word] = isObject ? stack[word] | bit : stack[word] & ~bit
        depth &+= 1
        inObject = isObject
        i = Self.skipWhitespace(p, n, i &+ 1)
        guard i < n else { return Self.incomplete }
        if p[i] != (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
          needsKey = isObject
          continue
        }
        i &+= 1
        depth &-= 1
        inObject = Self.isObject(stack, depth)
      } else if c == UInt8(ascii: "t") {
        i = Self.skipLiteral(p, n, i, 0x6575_7274, 4)
      } else if c == UInt8(ascii: "f") {
        i = Self.skipLiteral(p, n, i, 0x65_736C_6166, 5)
      } else if c == UInt8(ascii: "n") {
        i = Self.skipLiteral(p, n, i, 0x6C6C_756E, 4)
      } else {
        return Self.rejected
      }
      if i < 0 { return i }

      // After a value: `,` and the next one, or the container's end (perhaps several).
      while true {
        if i < n && p[i] <= 0x20 { i = Self.skipWhitespace(p, n, i) }
        guard i < n else { return Self.incomplete }
        let d = p[i]
        if d == UInt8(ascii: ",") {
          i = Self.skipWhitespace(p, n, i &+ 1)
          guard i < n else { return Self.incomplete }
          needsKey = inObject
          break
        }
        guard d == (inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { return Self.rejected }
        i &+= 1
        depth &-= 1
        if depth == 0 { return i }
        inObject = Self.isObject(stack, depth)
      }
    }
  }

  @inline(__always)
  private static func isObject(_ stack: UnsafeMutableBufferPointer<UInt64>, _ depth: Int) -> Bool {
    let d = depth &- 1
    return stack[d >> 6] & (UInt64(1) << UInt64(d & 63)) != 0
  }

  /// The projection key the raw key bytes spell, if any (escapes decoded only when present).
  @inline(__always)
  private func keyIndex(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, escaped: Bool) -> Int? {
    let raw = UnsafeBufferPointer(start: p + start, count: end &- start)
    // A key with an escape is compared decoded only: `"a\\b"` is not the key `a\b`.
    if !escaped && keyLengths & (1 << UInt64(Swift.min(raw.count, 63))) != 0 {
      for k in keys.indices where keys[k].count == raw.count {
        if keys[k].withUnsafeBufferPointer({ memcmp($0.baseAddress!, raw.baseAddress!, raw.count) == 0 }) {
          return k
        }
      }
    }
    guard escaped else { return nil }
    let decoded = Array(JSONReader.unescape(raw).utf8)
    return keys.firstIndex(of: decoded)
  }

  // MARK: - Tokens

  /// The index of the first non-whitespace byte from `i`, eight bytes at a time.
  @inline(__always)
  static func skipWhitespace(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Int {
    var i = i
    if i < n && p[i] > 0x20 { return i }
    while i &+ 8 <= n {
      let notWhitespace = nonWhitespaceBytes(load(p, i))
      if notWhitespace != 0 { return i &+ notWhitespace.trailingZeroBitCount >> 3 }
      i &+= 8
    }
    while i < n && JSONScanner.isWhitespace(p[i]) { i &+= 1 }
    return i
  }

  /// Eight bytes from `i` (at most `n - 8`), in memory order.
  @inline(__always)
  static func load(_ p: UnsafePointer<UInt8>, _ i: Int) -> UInt64 {
    UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
  }

  /// Bit 7 set in exactly the bytes of `v` that are not JSON whitespace (space, tab, LF, CR).
  @inline(__always)
  static func nonWhitespaceBytes(_ v: UInt64) -> UInt64 {
    differs(v, 0x20) & differs(v, 0x0A) & differs(v, 0x0D) & differs(v, 0x09)
  }

  /// Bit 7 set in exactly the bytes of `v` that are not `byte` (no borrows between bytes).
  @inline(__always)
  static func differs(_ v: UInt64, _ byte: UInt8) -> UInt64 {
    let y = v ^ (0x0101_0101_0101_0101 &* UInt64(byte))
    return (((y & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | y) & 0x8080_8080_8080_8080
  }

  /// The index past the closing quote of the string whose content starts at `i`: escapes,
  /// surrogate pairs, control characters and UTF-8 (RFC 3629) checked as `JSONScanner` checks them.
  @inline(__always)
  static func skipString(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Int {
    var escaped = false
    return skipString(p, n, i, escaped: &escaped)
  }

  /// `skipString`, also telling whether the string holds an escape. Sixteen bytes a step, the
  /// first special byte found without branching; anything but the closing quote is handled out of
  /// line.
  @inline(__always)
  static func skipString(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int, escaped: inout Bool) -> Int {
    var i = i
    while i &+ 16 <= n {
      let first = JSONScanner.specialStringBytes(load(p, i))
      let second = JSONScanner.specialStringBytes(load(p, i &+ 8))
      if first | second == 0 {
        i &+= 16
        continue
      }
      let low = first.trailingZeroBitCount
      i &+= (low &+ (low >> 6) &* second.trailingZeroBitCount) >> 3
      if p[i] == quote { return i &+ 1 }
      i = skipSpecial(p, n, i, escaped: &escaped)
      if i < 0 { return i }
    }
    return skipStringTail(p, n, i, escaped: &escaped)
  }

  /// The last bytes of a buffer inside a string, one at a time.
  @inline(never)
  private static func skipStringTail(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int, escaped: inout Bool)
    -> Int
  {
    var i = i
    while i < n {
      let c = p[i]
      if c == quote { return i &+ 1 }
      if c == backslash || c &- 0x20 >= 0x60 {
        i = skipSpecial(p, n, i, escaped: &escaped)
        if i < 0 { return i }
      } else {
        i &+= 1
      }
    }
    return incomplete
  }

  /// The index past an escape, a UTF-8 sequence or (rejected) a control character at `i`.
  @inline(never)
  private static func skipSpecial(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int, escaped: inout Bool) -> Int {
    let c = p[i]
    if c == backslash {
      escaped = true
      return skipEscape(p, n, i &+ 1)
    }
    return c >= 0x80 ? skipUTF8(p, n, i, c) : rejected
  }

  /// After a backslash at `i - 1`: the index past the escape (a `\u` high surrogate with its low).
  @inline(__always)
  private static func skipEscape(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Int {
    guard i < n else { return incomplete }
    switch p[i] {
    case quote, backslash, UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
      UInt8(ascii: "r"), UInt8(ascii: "t"):
      return i &+ 1
    case UInt8(ascii: "u"):
      guard i &+ 5 <= n else { return escapeTail(p, n, from: i &+ 1, hexDigitsAt: 0) }
      let unit = hex4(p, i &+ 1)
      if unit < 0 || (0xDC00...0xDFFF).contains(unit) { return rejected }
      guard (0xD800...0xDBFF).contains(unit) else { return i &+ 5 }
      guard i &+ 11 <= n else { return escapeTail(p, n, from: i &+ 5, hexDigitsAt: 2) }
      guard p[i &+ 5] == backslash, p[i &+ 6] == UInt8(ascii: "u") else { return rejected }
      let low = hex4(p, i &+ 7)
      return (0xDC00...0xDFFF).contains(low) ? i &+ 11 : rejected
    default:
      return rejected
    }
  }

  /// A buffer ending inside a `\u` escape: `incomplete` when the bytes from `start` to its end can
  /// begin what must follow (a backslash and `u` before `hexDigitsAt`, hex digits from it), else
  /// `rejected` — the scanner would reject them already.
  private static func escapeTail(_ p: UnsafePointer<UInt8>, _ n: Int, from start: Int, hexDigitsAt: Int)
    -> Int
  {
    for k in 0..<(n &- start) {
      let b = p[start &+ k]
      let fits =
        k >= hexDigitsAt
        ? JSONScanner.hexValue(b) != nil : b == (k == 0 ? backslash : UInt8(ascii: "u"))
      if !fits { return rejected }
    }
    return incomplete
  }

  /// Four hex digits at `i` as a number, or -1.
  @inline(__always)
  private static func hex4(_ p: UnsafePointer<UInt8>, _ i: Int) -> Int {
    var v = 0
    for k in 0..<4 {
      guard let h = JSONScanner.hexValue(p[i &+ k]) else { return -1 }
      v = v << 4 | Int(h)
    }
    return v
  }

  /// The index past the UTF-8 sequence whose lead byte `c` (≥ 0x80) is at `i`: no overlong forms,
  /// no surrogates, nothing above U+10FFFF.
  @inline(__always)
  private static func skipUTF8(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int, _ c: UInt8) -> Int {
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    let length: Int
    switch c {
    case 0xC2...0xDF: length = 2
    case 0xE0:
      length = 3
      low = 0xA0
    case 0xE1...0xEC, 0xEE, 0xEF: length = 3
    case 0xED:
      length = 3
      high = 0x9F
    case 0xF0:
      length = 4
      low = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4:
      length = 4
      high = 0x8F
    default: return rejected
    }
    // Check the continuation bytes that are there; when some are missing, the sequence may still
    // complete in the next chunk.
    let present = Swift.min(length, n &- i)
    if present > 1 {
      let second = p[i &+ 1]
      guard second >= low && second <= high else { return rejected }
      for k in 2..<present where p[i &+ k] & 0xC0 != 0x80 { return rejected }
    }
    return present == length ? i &+ length : incomplete
  }

  /// The index past the number starting at `i` (JSON's grammar: no leading zeros, digits after `.`
  /// and `e`). A number running to the buffer's end is incomplete: more digits may follow.
  @inline(__always)
  private static func skipNumber(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Int {
    var i = i
    if p[i] == UInt8(ascii: "-") {
      i &+= 1
      guard i < n else { return incomplete }
    }
    guard JSONScanner.isDigit(p[i]) else { return rejected }
    if p[i] == UInt8(ascii: "0") {
      i &+= 1
      if i < n && JSONScanner.isDigit(p[i]) { return rejected }
    } else {
      i = skipDigits(p, n, i &+ 1)
    }
    guard i < n else { return incomplete }
    if p[i] == UInt8(ascii: ".") {
      i &+= 1
      guard i < n else { return incomplete }
      guard JSONScanner.isDigit(p[i]) else { return rejected }
      i = skipDigits(p, n, i &+ 1)
      guard i < n else { return incomplete }
    }
    if p[i] | 0x20 == UInt8(ascii: "e") {
      i &+= 1
      guard i < n else { return incomplete }
      if p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") {
        i &+= 1
        guard i < n else { return incomplete }
      }
      guard JSONScanner.isDigit(p[i]) else { return rejected }
      i = skipDigits(p, n, i &+ 1)
      guard i < n else { return incomplete }
    }
    return i
  }

  @inline(__always)
  private static func skipDigits(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Int {
    var i = i
    while i &+ 8 <= n {
      // Bit 7 set in each byte that is no digit: `b ^ 0x30` is below 10 exactly for digits.
      let x =
        UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)) ^ 0x3030_3030_3030_3030
      let notDigit = (((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7676_7676_7676_7676) | x) & 0x8080_8080_8080_8080
      if notDigit != 0 { return i &+ notDigit.trailingZeroBitCount >> 3 }
      i &+= 8
    }
    while i < n && JSONScanner.isDigit(p[i]) { i &+= 1 }
    return i
  }

  /// The index past the literal (`true`, `false`, `null`) at `i`, whose bytes are `word` in little
  /// endian order and `length` long.
  @inline(__always)
  private static func skipLiteral(
    _ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int, _ word: UInt64, _ length: Int
  )
    -> Int
  {
    guard i &+ length <= n else {
      // Valid so far only if the bytes present agree.
      for k in 0..<(n &- i) where p[i &+ k] != UInt8(truncatingIfNeeded: word >> UInt64(8 * k)) {
        return rejected
      }
      return incomplete
    }
    for k in 0..<length where p[i &+ k] != UInt8(truncatingIfNeeded: word >> UInt64(8 * k)) {
      return rejected
    }
    return i &+ length
  }
}

/// Finds where a JSON container ends across chunks, counting brackets outside strings: all the
/// fast path needs to know before it validates an invoice that arrived in pieces. On valid JSON it
/// is exact; on anything else `ItemScanner` rejects what it found, and the scanner reports why.
struct ContainerEndFinder: Sendable {
  private var depth = 0
  private var inString = false
  private var escaped = false

  /// Scans `buffer` from `start`; returns the index just past the container's last byte, or nil
  /// when it goes on after the buffer.
  mutating func scan(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    guard let p = buffer.baseAddress else { return nil }
    let n = buffer.count
    var i = start
    while i < n {
      if inString {
        if escaped {
          escaped = false
          i &+= 1
          continue
        }
        while i &+ 8 <= n {
          let v = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
          let mask = Self.quoteOrBackslash(v)
          if mask != 0 {
            i &+= mask.trailingZeroBitCount >> 3
            break
          }
          i &+= 8
        }
        guard i < n else { return nil }
        let c = p[i]
        if c == UInt8(ascii: "\\") {
          escaped = true
        } else if c == UInt8(ascii: "\"") {
          inString = false
        }
      } else {
        switch p[i] {
        case UInt8(ascii: "\""): inString = true
        case UInt8(ascii: "{"), UInt8(ascii: "["): depth &+= 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
          depth &-= 1
          if depth <= 0 { return i &+ 1 }
        default: break
        }
      }
      i &+= 1
    }
    return nil
  }

  /// Bit 7 set in the bytes that are a quote or a backslash (exact for the lowest one).
  @inline(__always)
  private static func quoteOrBackslash(_ v: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let high: UInt64 = 0x8080_8080_8080_8080
    let q = v ^ (ones &* 0x22)
    let b = v ^ (ones &* 0x5C)
    return ((q &- ones) & ~q & high) | ((b &- ones) & ~b & high)
  }
}
