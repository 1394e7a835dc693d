#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The fast path for one invoice: validates a JSON object lying whole in one contiguous buffer in
/// two stages, and notes where the members the projection reads begin.
/// - Stage 1 (`StructuralIndexer`) turns each 64 bytes into bit masks without branching on them:
///   where strings are, and where every other token starts.
/// - Stage 2 (`scanObject`, through a `StructuralCursor`) walks those positions only: it checks the
///   grammar token by token, numbers and literals byte by byte, and never steps through a string
///   or through whitespace. The escapes and UTF-8 sequences inside strings, and control bytes, are
///   checked per block as the walk passes it.
///
/// It is an *optimistic* twin of `JSONScanner`: it accepts exactly what the scanner accepts, and
/// whenever it meets anything else it answers `.rejected` without saying why: its owner then feeds
/// the same bytes to the scanner, whose error (kind and offset) is the one reported. So errors have
/// one source, and the fast path only ever has to be right about valid JSON.
///
/// It needs the whole object: when the buffer ends first it answers `.incomplete`, and its owner
/// keeps the object's bytes until a `JSONScanner` watching them (and validating each as it arrives)
/// sees the object end, then tries again once, so a giant invoice split into tiny chunks still
/// costs linear time.
package struct ItemScanner: Sendable {
  /// What `scan` found.
  package enum Outcome: Equatable {
    /// A valid object ends just before `end`.
    case complete(end: Int)
    /// Valid so far, but the buffer ends inside the object.
    case incomplete
    /// Not valid JSON (or not an object); the scanner will say why.
    case rejected
  }

  /// One member of the scanned object that the projection reads: which root member of the
  /// projection it is, and where its value starts in the buffer.
  package struct Member: Sendable, Hashable {
    package var index: Int
    package var valueStart: Int

    package init(index: Int, valueStart: Int) {
      self.index = index
      self.valueStart = valueStart
    }
  }

  /// The projection's root member keys (raw UTF-8), which top-level keys are matched against.
  private let keys: [[UInt8]]
  /// Bit `k` is set when some key is `k` bytes long (bit 63: 63 or more).
  private let keyLengths: UInt64
  /// The members found by the last `scan`, in document order (a repeated key once per occurrence).
  package private(set) var members: [Member] = []
  /// Stage 1's byte classifier.
  package let kernel: ByteClassKernel

  package init(keys: [[UInt8]], kernel: ByteClassKernel = .selected) {
    self.keys = keys
    self.kernel = kernel
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
  package mutating func scan(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, depth: Int) -> Outcome {
    members.removeAll(keepingCapacity: true)
    guard let p = buffer.baseAddress, start < buffer.count else { return .incomplete }
    guard p[start] == UInt8(ascii: "{"), depth < JSONScanner.maximumDepth else { return .rejected }
    let stackWords = JSONScanner.maximumDepth / 64 + 1
    // The container stack, then 64 bytes for the last, partial block.
    let end = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: stackWords + 8) { scratch in
      let base = scratch.baseAddress.unsafelyUnwrapped
      let tail = UnsafeMutableRawPointer(base + stackWords).assumingMemoryBound(to: UInt8.self)
      return scanObject(
        StructuralBlocks(p, buffer.count, tail: tail, kernel: kernel), from: start,
        maximumDepth: JSONScanner.maximumDepth - depth,
        UnsafeMutableBufferPointer(start: base, count: stackWords))
    }
    switch end {
    case Self.incomplete: return .incomplete
    case Self.rejected: return .rejected
    default: return .complete(end: end)
    }
  }

  /// Stage 2: walks the structurals of the object that starts the cursor's first block. `stack`
  /// holds one bit per open container (set for an object). Returns the index past the object,
  /// `incomplete` or `rejected`, once the cursor has checked the bytes it covers.
  private mutating func scanObject(
    _ blocks: StructuralBlocks, from start: Int, maximumDepth: Int,
    _ stack: UnsafeMutableBufferPointer<UInt64>
  ) -> Int {
    var blocks = blocks
    var cursor = StructuralCursor(&blocks, start)
    return blocks.finish(walk(&cursor, &blocks, maximumDepth: maximumDepth, stack))
  }

  /// The walk itself (see `scanObject`), before the cursor's last checks.
  @inline(__always)
  private mutating func walk(
    _ cursor: inout StructuralCursor, _ blocks: inout StructuralBlocks, maximumDepth: Int,
    _ stack: UnsafeMutableBufferPointer<UInt64>
  ) -> Int {
    let p = cursor.p
    let quote = Self.quote
    var depth = 1
    var inObject = true
    stack[0] = 1
    _ = cursor.next(&blocks)  // the `{`
    // Right after `{`: the first key, or `}`.
    var i = cursor.next(&blocks)
    if i < 0 { return i }
    if p[i] == UInt8(ascii: "}") { return i &+ 1 }
    var needsKey = true

    while true {
      if needsKey {
        // A member: its key (quote at `i`), the colon and the value.
        guard p[i] == quote else { return Self.rejected }
        let colon = cursor.next(&blocks)
        if colon < 0 { return colon }
        guard p[colon] == UInt8(ascii: ":") else { return Self.rejected }
        let read =
          depth == 1 ? keyIndex(p, keyStart: i &+ 1, colon: colon, mayBeEscaped: blocks.lastEscape > i) : nil
        i = cursor.next(&blocks)
        if i < 0 { return i }
        if let read { members.append(Member(index: read, valueStart: i)) }
      }

      // A value starts at `i`.
      let c = p[i]
      if c == quote {
        // Stage 1 found its end; stage 2 checks its escapes and UTF-8 block by block.
      } else if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
        guard depth < maximumDepth else { return Self.rejected }
        let isObject = c == UInt8(ascii: "{")
        let word = depth >> 6
        let bit = UInt64(1) << UInt64(depth & 63)
        stack[word] = isObject ? stack[word] | bit : stack[word] & ~bit
        depth &+= 1
        inObject = isObject
        i = cursor.next(&blocks)
        if i < 0 { return i }
        if p[i] != (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
          needsKey = isObject
          continue
        }
        depth &-= 1
        inObject = Self.isObject(stack, depth)
      } else {
        let end: Int
        if JSONScanner.isDigit(c) || c == UInt8(ascii: "-") {
          end = Self.skipNumber(p, cursor.n, i)
        } else if c == UInt8(ascii: "t") {
          end = Self.skipLiteral(p, cursor.n, i, 0x6575_7274, 4)
        } else if c == UInt8(ascii: "f") {
          end = Self.skipLiteral(p, cursor.n, i, 0x65_736C_6166, 5)
        } else if c == UInt8(ascii: "n") {
          end = Self.skipLiteral(p, cursor.n, i, 0x6C6C_756E, 4)
        } else {
          return Self.rejected
        }
        if end < 0 { return end }
        guard end < cursor.n else { return Self.incomplete }
        // The token must end here: what follows is whitespace or punctuation, never more of it.
        let d = p[end]
        guard
          d <= 0x20 || d == UInt8(ascii: ",") || d == UInt8(ascii: "}") || d == UInt8(ascii: "]")
        else { return Self.rejected }
      }

      // After a value: `,` and the next one, or the container's end (perhaps several).
      while true {
        i = cursor.next(&blocks)
        if i < 0 { return i }
        let d = p[i]
        if d == UInt8(ascii: ",") {
          i = cursor.next(&blocks)
          if i < 0 { return i }
          needsKey = inObject
          break
        }
        guard d == (inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { return Self.rejected }
        depth &-= 1
        if depth == 0 { return i &+ 1 }
        inObject = Self.isObject(stack, depth)
      }
    }
  }

  @inline(__always)
  private static func isObject(_ stack: UnsafeMutableBufferPointer<UInt64>, _ depth: Int) -> Bool {
    let d = depth &- 1
    return stack[d >> 6] & (UInt64(1) << UInt64(d & 63)) != 0
  }

  /// The projection key spelled by the key that starts at `keyStart` (after its quote) and whose
  /// colon is at `colon`, if any (escapes decoded only when present; `mayBeEscaped` false when
  /// stage 1 found none in it). Most keys are told apart by their length alone, here.
  @inline(__always)
  private func keyIndex(_ p: UnsafePointer<UInt8>, keyStart: Int, colon: Int, mayBeEscaped: Bool) -> Int? {
    // Only whitespace lies between the closing quote and the colon.
    var end = colon &- 1
    while p[end] != Self.quote { end &-= 1 }
    let length = end &- keyStart
    guard mayBeEscaped || keyLengths & (1 << UInt64(Swift.min(length, 63))) != 0 else { return nil }
    return Self.keyIndex(
      UnsafeBufferPointer(start: p + keyStart, count: length), mayBeEscaped: mayBeEscaped, keys: keys)
  }

  /// `keyIndex` for the key whose raw bytes are `raw`, once its length may match. Static, so that
  /// calling it passes one field, not the whole scanner.
  @inline(never)
  private static func keyIndex(_ raw: UnsafeBufferPointer<UInt8>, mayBeEscaped: Bool, keys: [[UInt8]]) -> Int?
  {
    let escaped = mayBeEscaped && raw.contains(Self.backslash)
    // A key with an escape is compared decoded only: `"a\\b"` is not the key `a\b`.
    if !escaped {
      for k in keys.indices where keys[k].count == raw.count {
        if keys[k].withUnsafeBufferPointer({ memcmp($0.baseAddress!, raw.baseAddress!, raw.count) == 0 }) {
          return k
        }
      }
    }
    // Escapes are checked only after the walk: check this key's now, before decoding it (an
    // invalid one fails the object anyway).
    guard escaped, let p = raw.baseAddress else { return nil }
    var j = 0
    while j < raw.count {
      guard p[j] == Self.backslash else {
        j &+= 1
        continue
      }
      j = Self.skipEscape(p, raw.count, j &+ 1)
      if j < 0 { return nil }
    }
    let decoded = Array(JSONReader.unescape(raw).utf8)
    return keys.firstIndex(of: decoded)
  }
}
