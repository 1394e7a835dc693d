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
  static let incomplete = -1
  static let rejected = -2

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
}
