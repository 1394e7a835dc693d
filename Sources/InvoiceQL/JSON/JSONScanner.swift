/// An incremental, validating JSON scanner: fed a body in chunks split anywhere (inside a string, an
/// escape, a number, a `\u` surrogate pair, a UTF-8 sequence), it validates the whole document
/// (RFC 8259: grammar, UTF-8, escapes, numbers, one value, nesting capped at `maximumDepth`) and
/// reports only what its owner asked for. It knows nothing of invoices.
///
/// The contract:
/// - `next(in:at:)` consumes bytes from the chunk until an *event* happens or the chunk is used up
///   (then it returns nil). Call it again with the same index to go on. `finish()` ends the body.
/// - Events are reported only for values at depth `reportDepth` or shallower (the root is depth 0, its
///   members or elements depth 1, …): `.begin` just *before* a value's first byte (so the owner can
///   switch capturing on for that value), `.key` after the key of a member at a reported depth (its raw
///   bytes are in `keyBytes`), `.end` just after a value's last byte.
/// - While `isCapturing` is true every byte except whitespace between tokens is appended to
///   `captured`: the value's compact JSON, strings and numbers byte-exact. With capturing off a value
///   is skipped (still validated) without building anything.
/// - Errors carry the absolute byte offset; after an error every call throws it again.
package struct JSONScanner: Sendable {
  /// Arrays and objects may nest this deep; one more is an error (never a stack overflow).
  package static let maximumDepth = 512

  /// What a reported value starts with.
  package enum ValueKind: Sendable, Hashable {
    case object, array, string, number, literal
  }

  /// What `next(in:at:)` stops for.
  package enum Event: Sendable, Hashable {
    /// A value at `depth` is about to begin at `byteOffset`; nothing of it is consumed yet.
    case begin(depth: Int, kind: ValueKind, byteOffset: Int)
    /// The key of a member at `depth` was read; its raw bytes (escapes undecoded) are in `keyBytes`.
    case key(depth: Int)
    /// The value at `depth` just ended.
    case end(depth: Int)
  }

  /// Values at this depth or shallower are reported.
  package var reportDepth: Int
  /// Whether consumed bytes are appended to `captured`.
  package var isCapturing = false
  /// `captured` may not grow beyond this (plus at most one chunk): a bigger value is an error.
  package var captureLimit: Int
  /// Compact JSON of what was consumed while capturing.
  package internal(set) var captured: [UInt8] = []
  /// The raw bytes of the last reported key, between its quotes (up to `maximumKeyBytes`).
  package internal(set) var keyBytes: [UInt8] = []
  /// True when the last reported key was longer than `maximumKeyBytes` (so it is no short key).
  package internal(set) var keyIsTruncated = false
  /// Bytes consumed so far: the offset of the next byte.
  package private(set) var byteOffset = 0

  /// While true, the absolute offset of the opening quote of every key of an object member at depth
  /// `memberOffsetDepth` is appended to `memberOffsets`: an index of an object's members, so its
  /// owner can find them later without scanning it again.
  package var recordsMemberOffsets = false
  package var memberOffsetDepth = -1
  package var memberOffsets: [Int] = []

  /// Longest key kept in `keyBytes`; envelope keys are short, longer ones are only marked.
  package static let maximumKeyBytes = 1024

  var mode: Mode = .value
  /// One entry per open container: true for an object.
  var containers: [Bool] = []
  var beginAnnounced = false
  var stringIsKey = false
  var keyReporting = false
  var hexCount: UInt8 = 0
  var codeUnit: UInt32 = 0
  var expectingLowSurrogate = false
  var utf8Remaining: UInt8 = 0
  var utf8Low: UInt8 = 0x80
  var utf8High: UInt8 = 0xBF
  var numberState: NumberState = .afterMinus
  var literalBytes: StaticString = "true"
  var literalIndex = 0
  var failure: JSONStreamError?

  enum Mode: UInt8, Sendable {
    case value, valueOrClose, keyOrClose, key, colon, afterValue, done
    case string, escape, unicode, surrogateBackslash, surrogateU, utf8, number, literal
  }

  enum NumberState: UInt8, Sendable {
    case afterMinus, zero, integer, afterPoint, fraction, afterE, afterExponentSign, exponent
    var isAccepting: Bool {
      switch self {
      case .zero, .integer, .fraction, .exponent: true
      default: false
      }
    }
  }

  package init(reportDepth: Int = 0, captureLimit: Int = Int.max) {
    self.reportDepth = reportDepth
    self.captureLimit = captureLimit
  }

  /// A scanner for one value of a larger document, met part-way: the value's first byte is the next
  /// one, at `byteOffset`, inside `depth` open containers (so nesting is capped where it is in the
  /// whole document). It validates the value as its bytes arrive and reports only its `.end`, so an
  /// owner holding the value until it is whole still stops at its first malformed byte.
  package init(valueAtDepth depth: Int, byteOffset: Int) {
    self.init(reportDepth: depth)
    containers = Array(repeating: false, count: depth)
    self.byteOffset = byteOffset
    beginAnnounced = true
  }

  /// The current nesting depth (open arrays and objects).
  package var depth: Int { containers.count }
  /// Whether the document's single value is complete (only whitespace may follow).
  package var isComplete: Bool { mode == .done }

  /// Drops what was captured (keeping the storage for the next value).
  package mutating func clearCaptured() {
    captured.removeAll(keepingCapacity: true)
  }

  /// Drops the captured bytes before `count`, keeping the rest.
  package mutating func dropCaptured(after count: Int) {
    if count < captured.count { captured.removeSubrange(count...) }
  }

  /// Scans bytes of `chunk` from `index` until an event or the chunk's end (nil).
  package mutating func next(in chunk: UnsafeBufferPointer<UInt8>, at index: inout Int)
    throws(JSONStreamError) -> Event?
  {
    if let failure { throw failure }
    let start = index
    var i = index
    defer {
      index = i
      byteOffset += i - start
    }
    do throws(JSONStreamError) {
      let event = try scan(chunk, &i, start)
      if captured.count > captureLimit {
        throw JSONStreamError(.valueTooLarge(limit: captureLimit), byteOffset: byteOffset + i - start)
      }
      return event
    } catch {
      failure = error
      throw error
    }
  }

  /// Consumes, without looking at it, the value whose `.begin` was just reported and which the
  /// owner has validated itself (`length` bytes from that `.begin`'s offset): the scanner goes on
  /// after it as if it had scanned it, without reporting its `.end`.
  package mutating func consumeAnnouncedValue(length: Int) {
    precondition(beginAnnounced && failure == nil, "no value was announced")
    beginAnnounced = false
    byteOffset += length
    mode = containers.isEmpty ? .done : .afterValue
  }

  /// Ends the body: completes a number at the very end, or throws when the document is incomplete.
  /// Returns the last `.end` event when the body ended right after a reported number; call again
  /// until it returns nil.
  package mutating func finish() throws(JSONStreamError) -> Event? {
    if let failure { throw failure }
    switch mode {
    case .done:
      return nil
    case .number where numberState.isAccepting:
      if let event = endValue() { return event }
      return try finish()
    default:
      let error = JSONStreamError(.unexpectedEnd, byteOffset: byteOffset)
      failure = error
      throw error
    }
  }

  // MARK: - Helpers shared by the scanning loop

  /// A string byte that is not part of a plain run: kept when it belongs to a reported key.
  @inline(__always)
  mutating func keyByte(_ b: UInt8) {
    if keyReporting && stringIsKey { appendKey(CollectionOfOne(b)) }
  }

  /// The index of the first byte from `i` that ends a plain run inside a string: a quote, a
  /// backslash, a control character or a non-ASCII byte (or the chunk's end). Eight bytes at a time.
  @inline(__always)
  static func plainStringEnd(_ chunk: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var i = start
    let n = chunk.count
    while i + 8 <= n {
      let mask = specialStringBytes(loadWord(chunk, i))
      if mask != 0 { return i + mask.trailingZeroBitCount >> 3 }
      i += 8
    }
    while i < n {
      let c = chunk[i]
      if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c &- 0x20 >= 0x60 { return i }
      i += 1
    }
    return n
  }

  /// Eight bytes from `i` (which must be at most `count - 8`), in memory order.
  @inline(__always)
  static func loadWord(_ chunk: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt64 {
    loadWord(chunk.baseAddress.unsafelyUnwrapped, i)
  }

  /// Eight bytes at `p + i`, in memory order.
  @inline(__always)
  static func loadWord(_ p: UnsafePointer<UInt8>, _ i: Int) -> UInt64 {
    UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
  }

  /// A mask with bit 7 set in the bytes of a word that are a quote or a backslash: exact for the
  /// lowest one (borrows only reach higher bytes). Enough to skip a string already validated.
  @inline(__always)
  static func quoteOrBackslashBytes(_ v: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let q = v ^ (ones &* 0x22)
    let b = v ^ (ones &* 0x5C)
    return ((q &- ones) & ~q | (b &- ones) & ~b) & 0x8080_8080_8080_8080
  }

  /// A mask with bit 7 set in the bytes of a word that are a quote, a backslash, below 0x20 or from
  /// 0x80. Higher bytes may be flagged falsely (borrows), never lower ones: the lowest set bit marks
  /// the first such byte exactly.
  @inline(__always)
  static func specialStringBytes(_ v: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let high: UInt64 = 0x8080_8080_8080_8080
    let q = v ^ (ones &* 0x22)
    let b = v ^ (ones &* 0x5C)
    // A zero byte of `q` or `b` borrows into bit 7; so does a byte below 0x20 minus 0x20, and a
    // byte from 0x80 has it already. Borrows only reach higher bytes, so the lowest bit is exact.
    return (((q &- ones) & ~q) | ((b &- ones) & ~b) | v | (v &- ones &* 0x20)) & high
  }

  mutating func appendKey(_ bytes: some Collection<UInt8>) {
    let room = Self.maximumKeyBytes - keyBytes.count
    if bytes.count > room {
      keyIsTruncated = true
      keyBytes.append(contentsOf: bytes.prefix(room))
    } else {
      keyBytes.append(contentsOf: bytes)
    }
  }

  /// After a value's last byte: back to the container (or done) and maybe an `.end` event.
  @inline(__always)
  mutating func endValue() -> Event? {
    let depth = containers.count
    mode = depth == 0 ? .done : .afterValue
    return depth <= reportDepth ? .end(depth: depth) : nil
  }

  @inline(__always)
  static func isWhitespace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
  }

  @inline(__always)
  package static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

  /// What a UTF-8 lead byte (≥ 0x80) starts, RFC 3629's way (no overlong forms, no surrogates,
  /// nothing above U+10FFFF): the sequence's length and the range its second byte must be in (the
  /// others are 0x80–0xBF). Nil for a byte that cannot lead.
  @inline(__always)
  static func utf8Sequence(lead c: UInt8) -> (length: Int, low: UInt8, high: UInt8)? {
    switch c {
    case 0xC2...0xDF: (2, 0x80, 0xBF)
    case 0xE0: (3, 0xA0, 0xBF)
    case 0xE1...0xEC, 0xEE, 0xEF: (3, 0x80, 0xBF)
    case 0xED: (3, 0x80, 0x9F)
    case 0xF0: (4, 0x90, 0xBF)
    case 0xF1...0xF3: (4, 0x80, 0xBF)
    case 0xF4: (4, 0x80, 0x8F)
    default: nil
    }
  }

  static func hexValue(_ b: UInt8) -> UInt32? {
    switch b {
    case 0x30...0x39: UInt32(b - 0x30)
    case 0x41...0x46: UInt32(b - 0x41 + 10)
    case 0x61...0x66: UInt32(b - 0x61 + 10)
    default: nil
    }
  }
}
