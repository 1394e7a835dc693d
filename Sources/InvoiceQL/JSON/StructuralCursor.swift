/// Stage 2's view of stage 1: the structurals of a buffer in order, one block of 64 bytes indexed
/// at a time as the walk reaches it, and the checks the masks leave (escapes, UTF-8 sequences,
/// control bytes) done for each block the walk has passed.
///
/// Checks run only on bytes the walk has passed because stage 1 reads whole blocks: the bytes
/// after the object's end belong to whatever follows it, and must neither fail it nor be vouched
/// for by it.
///
/// Keep it in a local variable of the walk, apart from its `StructuralBlocks`: its two fields then
/// live in registers, and only the blocks (what moving to the next block needs) go through memory.
struct StructuralCursor {
  let p: UnsafePointer<UInt8>
  let n: Int
  /// Where the current block starts.
  private var base: Int
  /// The current block's structurals not visited yet.
  private var pending: UInt64

  /// A cursor over the buffer of `blocks` from `start`, where a JSON value begins outside any
  /// string.
  init(_ blocks: inout StructuralBlocks, _ start: Int) {
    p = blocks.p
    n = blocks.n
    base = start
    pending = blocks.index(at: start)
  }

  /// The index of the next structural, or `ItemScanner.incomplete` when the buffer ends first, or
  /// `ItemScanner.rejected` when a passed block fails its checks.
  @inline(__always)
  mutating func next(_ blocks: inout StructuralBlocks) -> Int {
    if pending == 0 {
      let (next, structurals) = blocks.advance()
      if next < 0 { return next }
      base = next
      pending = structurals
    }
    let i = base &+ pending.trailingZeroBitCount
    pending &= pending &- 1
    return i
  }
}

/// The blocks behind a `StructuralCursor`: indexes them, and checks each once the walk has passed
/// it.
struct StructuralBlocks {
  let p: UnsafePointer<UInt8>
  let n: Int
  /// 64 bytes of scratch for the buffer's last, partial block.
  private let tail: UnsafeMutablePointer<UInt8>
  private var indexer: StructuralIndexer
  /// Where the current block starts.
  private var base = 0
  private var block = StructuralIndexer.Block(structurals: 0, escapes: 0, unusual: 0, errors: 0)
  /// The last escape in the blocks indexed so far (-1 for none): a string ending before it may
  /// hold one, a string starting after it holds none.
  private(set) var lastEscape = -1
  /// Escapes and UTF-8 sequences are checked up to here (one may reach into the next block).
  private var escapesCheckedUpTo = 0
  private var utf8CheckedUpTo = 0

  init(_ p: UnsafePointer<UInt8>, _ n: Int, tail: UnsafeMutablePointer<UInt8>, kernel: ByteClassKernel) {
    self.p = p
    self.n = n
    self.tail = tail
    indexer = StructuralIndexer(kernel: kernel)
  }

  /// Checks the current block and moves to the next one with a structural: its start and its
  /// structurals, or `incomplete` or `rejected` (and no structurals).
  @inline(never)
  mutating func advance() -> (Int, UInt64) {
    while true {
      let checked = check(below: 64)
      if checked < 0 { return (checked, 0) }
      base &+= 64
      guard base < n else { return (ItemScanner.incomplete, 0) }
      let structurals = index(at: base)
      if structurals != 0 { return (base, structurals) }
    }
  }

  /// The walk's result `end` (an index past the object, or `incomplete`, or `rejected`) once the
  /// bytes it covers pass their checks: up to the end of the object, or to the buffer's end.
  mutating func finish(_ end: Int) -> Int {
    switch end {
    case ItemScanner.rejected: return end
    case ItemScanner.incomplete:
      // Valid so far only if every byte present is: check the rest of the buffer's blocks too
      // (when the walk ran out of structurals, it has checked them all).
      while base < n {
        let checked = check(below: 64)
        if checked == ItemScanner.rejected { return checked }
        base &+= 64
        if base < n { _ = index(at: base) }
      }
      return end
    default:
      let checked = check(below: end &- base)
      return checked < 0 ? checked : end
    }
  }

  /// Makes the block at `start` current (padded with spaces past the buffer's end); returns its
  /// structurals.
  mutating func index(at start: Int) -> UInt64 {
    base = start
    var q = p + start
    if n &- start < 64 {
      tail.update(repeating: 0x20, count: 64)
      tail.update(from: q, count: n &- start)
      q = UnsafePointer(tail)
    }
    block = indexer.next(q)
    if block.escapes != 0 { lastEscape = start &+ 63 &- block.escapes.leadingZeroBitCount }
    return block.structurals
  }

  /// Checks the current block's bytes below offset `limit`: no misplaced control bytes, every
  /// escape and UTF-8 sequence valid. Returns 0, `incomplete` (a sequence runs past the buffer's
  /// end) or `rejected`.
  @inline(__always)
  private mutating func check(below limit: Int) -> Int {
    let kept = StructuralIndexer.bitsBelow(limit)
    if block.errors & kept != 0 { return ItemScanner.rejected }
    if (block.escapes | block.unusual) & kept == 0 { return 0 }
    return checkSequences(kept)
  }

  /// Checks the escapes and UTF-8 sequences of the current block within `kept`. A sequence cut by
  /// the buffer's end makes the answer `incomplete` unless another one is invalid: each sequence is
  /// checked alone, and a cut one covers every byte after it.
  @inline(never)
  private mutating func checkSequences(_ kept: UInt64) -> Int {
    var result = 0
    var escapes = block.escapes & kept
    while escapes != 0 {
      let i = base &+ escapes.trailingZeroBitCount
      escapes &= escapes &- 1
      // The second half of a surrogate pair was checked with the first.
      guard i >= escapesCheckedUpTo else { continue }
      let end = ItemScanner.skipEscape(p, n, i &+ 1)
      if end == ItemScanner.rejected { return end }
      escapesCheckedUpTo = end == ItemScanner.incomplete ? n : end
      if end == ItemScanner.incomplete { result = end }
    }
    // Bytes up to `utf8CheckedUpTo` belong to a sequence checked with the block before.
    var unusual = block.unusual & kept & ~StructuralIndexer.bitsBelow(utf8CheckedUpTo &- base)
    while unusual != 0 {
      let i = base &+ unusual.trailingZeroBitCount
      // No control byte inside a string (nor a continuation byte without its lead, which
      // `skipUTF8` rejects too).
      let lead = p[i]
      guard lead >= 0x80 else { return ItemScanner.rejected }
      let end = ItemScanner.skipUTF8(p, n, i, lead)
      if end == ItemScanner.rejected { return end }
      utf8CheckedUpTo = end == ItemScanner.incomplete ? n : end
      if end == ItemScanner.incomplete { result = end }
      // The sequence's continuation bytes are checked with it.
      unusual &= ~StructuralIndexer.bitsBelow(utf8CheckedUpTo &- base)
    }
    return result
  }
}
