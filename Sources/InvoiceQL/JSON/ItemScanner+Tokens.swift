/// The tokens of the fast path: each reads one token from `i` in a buffer of `n` bytes at `p` and
/// returns the index past it, or `incomplete` (the buffer ends first, valid so far) or `rejected`.
extension ItemScanner {

  /// Bit 7 set in exactly the bytes of `v` that are not `byte` (no borrows between bytes).
  @inline(__always)
  static func differs(_ v: UInt64, _ byte: UInt8) -> UInt64 {
    let y = v ^ (0x0101_0101_0101_0101 &* UInt64(byte))
    return (((y & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | y) & 0x8080_8080_8080_8080
  }

  /// After a backslash at `i - 1`: the index past the escape (a `\u` high surrogate with its low).
  @inline(__always)
  static func skipEscape(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Int {
    guard i < n else { return incomplete }
    let c = p[i]
    guard c == UInt8(ascii: "u") else {
      // The one-byte escapes, looked up without a branch on which.
      let set = c & 0x40 == 0 ? oneByteEscapesBelow64 : oneByteEscapesFrom64
      return c < 0x80 && (set >> UInt64(c & 63)) & 1 != 0 ? i &+ 1 : rejected
    }
    guard i &+ 5 <= n else { return escapeTail(p, n, from: i &+ 1, hexDigitsAt: 0) }
    let unit = hex4(p, i &+ 1)
    if unit < 0 || (0xDC00...0xDFFF).contains(unit) { return rejected }
    guard (0xD800...0xDBFF).contains(unit) else { return i &+ 5 }
    guard i &+ 11 <= n else { return escapeTail(p, n, from: i &+ 5, hexDigitsAt: 2) }
    guard p[i &+ 5] == backslash, p[i &+ 6] == UInt8(ascii: "u") else { return rejected }
    let low = hex4(p, i &+ 7)
    return (0xDC00...0xDFFF).contains(low) ? i &+ 11 : rejected
  }

  /// The bytes after a backslash that make a one-byte escape, one bit per byte: `"` and `/` below
  /// 0x40; `\`, `b`, `f`, `n`, `r`, `t` from 0x40 (bit `byte - 0x40`).
  static let oneByteEscapesBelow64: UInt64 = 1 << 0x22 | 1 << 0x2F
  static let oneByteEscapesFrom64: UInt64 =
    1 << (0x5C - 0x40) | 1 << (0x62 - 0x40) | 1 << (0x66 - 0x40) | 1 << (0x6E - 0x40) | 1 << (0x72 - 0x40)
    | 1 << (0x74 - 0x40)

  /// A buffer ending inside a `\u` escape: `incomplete` when the bytes from `start` to its end can
  /// begin what must follow (a backslash and `u` before `hexDigitsAt`, hex digits from it), else
  /// `rejected` — the scanner would reject them already.
  static func escapeTail(_ p: UnsafePointer<UInt8>, _ n: Int, from start: Int, hexDigitsAt: Int)
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
  static func hex4(_ p: UnsafePointer<UInt8>, _ i: Int) -> Int {
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
  static func skipUTF8(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int, _ c: UInt8) -> Int {
    guard let (length, low, high) = JSONScanner.utf8Sequence(lead: c) else { return rejected }
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
  static func skipNumber(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Int {
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
  static func skipDigits(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Int {
    var i = i
    while i &+ 8 <= n {
      // Bit 7 set in each byte that is no digit: `b ^ 0x30` is below 10 exactly for digits.
      let x =
        JSONScanner.loadWord(p, i) ^ 0x3030_3030_3030_3030
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
  static func skipLiteral(
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
