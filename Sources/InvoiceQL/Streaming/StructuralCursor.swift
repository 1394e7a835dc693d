/// Stage 2's view of stage 1: the structurals of a buffer in order, and the checks the masks leave
/// (escapes, UTF-8 sequences, control bytes) done for each block the walk has passed.
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

  /// A cursor from `start`, the first byte of a JSON value outside any string, over the buffer of
  /// `blocks` (whose stage 1 may go on from an earlier object: see `StructuralBlocks.start`).
  init(_ blocks: inout StructuralBlocks, _ start: Int, after previousEnd: Int?) {
    p = blocks.p
    n = blocks.n
    (base, pending) = blocks.start(at: start, after: previousEnd)
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

/// The blocks behind a `StructuralCursor`: indexes them a few at a time ahead of the walk, and
/// checks each once the walk has passed it.
///
/// Its owner keeps it from one object to the next in the same buffer: when the next object starts
/// right after the last one (only whitespace and a comma between), stage 1 goes on where it was
/// instead of indexing again the block they share.
struct StructuralBlocks {
  typealias Block = StructuralIndexer.Block
  /// How many blocks stage 1 indexes at a time, ahead of the walk.
  static let lookahead = 16

  let p: UnsafePointer<UInt8>
  let n: Int
  /// Blocks indexed ahead, from `ringBase`; then 64 bytes of scratch for the buffer's last,
  /// partial block. Owned by the `ItemScanner`, which outlives this.
  private let ring: UnsafeMutablePointer<Block>
  private let tail: UnsafeMutablePointer<UInt8>
  /// Where stage 1 and the checks are: what the owner keeps from one object to the next.
  private(set) var progress: Progress

  /// See `progress`: no pointers, only positions in the buffer.
  struct Progress: Sendable {
    fileprivate var indexer: StructuralIndexer
    /// Where `ring[0]` starts, and how many blocks the ring holds.
    fileprivate var ringBase = 0
    fileprivate var ringCount = 0
    /// Where the current block starts.
    fileprivate var base = 0
    fileprivate var block = Block(structurals: 0, escapes: 0, unusual: 0, errors: 0)
    fileprivate var lastEscape = -1
    /// Escapes and UTF-8 sequences are checked up to here (one may reach into the next block).
    fileprivate var escapesCheckedUpTo = 0
    fileprivate var utf8CheckedUpTo = 0
    /// The end of the last object the walk completed, where stage 1 may go on from; -1 for none.
    fileprivate var completedEnd = -1
    /// The buffer it was completed in (its address and count: identity only, never dereferenced).
    fileprivate var buffer = (address: 0, count: 0)
    /// How many objects stage 1 went on into (for tests).
    fileprivate(set) var resumptions = 0

    init(kernel: ByteClassKernel) { indexer = StructuralIndexer(kernel: kernel) }
  }

  /// Blocks over `p[0..<n]`, with scratch for `lookahead` blocks then 64 bytes at `scratch`
  /// (`scratchBytes`), going on from `progress` made in the same buffer and scratch.
  init(
    _ p: UnsafePointer<UInt8>, _ n: Int, scratch: UnsafeMutableRawPointer, progress: Progress
  ) {
    self.p = p
    self.n = n
    ring = scratch.bindMemory(to: Block.self, capacity: Self.lookahead)
    tail = (scratch + Self.lookahead * MemoryLayout<Block>.stride).bindMemory(to: UInt8.self, capacity: 64)
    self.progress = progress
  }

  /// The last escape in the blocks passed so far (-1 for none): a string ending before it may
  /// hold one, a string starting after it (and ending in the current block) holds none.
  var lastEscape: Int { progress.lastEscape }

  /// The bytes of scratch `init` needs.
  static let scratchBytes = lookahead * MemoryLayout<Block>.stride + 64

  /// Makes the block holding `start` current; returns its start and its structurals from `start`.
  ///
  /// Stage 1 goes on from the object before when `previousEnd` is where that object ended and only
  /// whitespace and a comma lie between: it was outside any string there, as a fresh start is. Else
  /// it starts afresh at `start`.
  mutating func start(at start: Int, after previousEnd: Int?) -> (Int, UInt64) {
    let buffer = (address: Int(bitPattern: p), count: n)
    if let previousEnd, previousEnd == progress.completedEnd, buffer == progress.buffer,
      start >= previousEnd, start >= progress.base, start < progress.ringBase &+ progress.ringCount &* 64,
      Self.onlySeparators(p, previousEnd, start)
    {
      progress.resumptions &+= 1
      let k = (start &- progress.ringBase) >> 6
      progress.base = progress.ringBase &+ k &* 64
      progress.block = ring[k]
      noteEscapes()
    } else {
      progress.indexer = StructuralIndexer(kernel: progress.indexer.kernel)
      progress.lastEscape = -1
      progress.escapesCheckedUpTo = 0
      progress.utf8CheckedUpTo = 0
      refill(from: start)
      progress.base = start
      progress.block = ring[0]
      noteEscapes()
    }
    progress.completedEnd = -1
    progress.buffer = buffer
    return (progress.base, progress.block.structurals & ~StructuralIndexer.bitsBelow(start &- progress.base))
  }

  /// Whether `p[from..<to]` holds whitespace and at most one comma, nothing else.
  private static func onlySeparators(_ p: UnsafePointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
    var commas = 0
    for i in from..<to {
      switch p[i] {
      case 0x20, 0x09, 0x0A, 0x0D: continue
      case UInt8(ascii: ","): commas &+= 1
      default: return false
      }
    }
    return commas <= 1
  }

  /// Indexes up to `lookahead` blocks from `start` into the ring (the buffer's last, partial block
  /// alone, padded with spaces).
  private mutating func refill(from start: Int) {
    progress.ringBase = start
    let whole = Swift.min(Self.lookahead, (n &- start) >> 6)
    if whole > 0 {
      progress.indexer.next(p + start, count: whole, into: ring)
      progress.ringCount = whole
    } else {
      tail.update(repeating: 0x20, count: 64)
      tail.update(from: p + start, count: n &- start)
      ring[0] = progress.indexer.next(tail)
      progress.ringCount = 1
    }
  }

  /// Notes the current block's last escape.
  @inline(__always)
  private mutating func noteEscapes() {
    if progress.block.escapes != 0 {
      progress.lastEscape = progress.base &+ 63 &- progress.block.escapes.leadingZeroBitCount
    }
  }

  /// Makes the block at `base` (the one after the current) current; returns its structurals.
  @inline(__always)
  private mutating func nextBlock() -> UInt64 {
    var k = (progress.base &- progress.ringBase) >> 6
    if k >= progress.ringCount {
      refill(from: progress.base)
      k = 0
    }
    progress.block = ring[k]
    noteEscapes()
    return progress.block.structurals
  }

  /// Checks the current block and moves to the next one with a structural: its start and its
  /// structurals, or `incomplete` or `rejected` (and no structurals).
  @inline(never)
  mutating func advance() -> (Int, UInt64) {
    while true {
      let checked = check(below: 64)
      if checked < 0 { return (checked, 0) }
      progress.base &+= 64
      guard progress.base < n else { return (ItemScanner.incomplete, 0) }
      let structurals = nextBlock()
      if structurals != 0 { return (progress.base, structurals) }
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
      while progress.base < n {
        let checked = check(below: 64)
        if checked == ItemScanner.rejected { return checked }
        progress.base &+= 64
        if progress.base < n { _ = nextBlock() }
      }
      return end
    default:
      let checked = check(below: end &- progress.base)
      if checked < 0 { return checked }
      progress.completedEnd = end
      return end
    }
  }

  /// Checks the current block's bytes below offset `limit`: no misplaced control bytes, every
  /// escape and UTF-8 sequence valid. Returns 0, `incomplete` (a sequence runs past the buffer's
  /// end) or `rejected`.
  @inline(__always)
  private mutating func check(below limit: Int) -> Int {
    let kept = StructuralIndexer.bitsBelow(limit)
    if progress.block.errors & kept != 0 { return ItemScanner.rejected }
    if (progress.block.escapes | progress.block.unusual) & kept == 0 { return 0 }
    return checkSequences(kept)
  }

  /// Checks the escapes and UTF-8 sequences of the current block within `kept`. A sequence cut by
  /// the buffer's end makes the answer `incomplete` unless another one is invalid: each sequence is
  /// checked alone, and a cut one covers every byte after it.
  @inline(never)
  private mutating func checkSequences(_ kept: UInt64) -> Int {
    var result = 0
    var escapes = progress.block.escapes & kept
    while escapes != 0 {
      let i = progress.base &+ escapes.trailingZeroBitCount
      escapes &= escapes &- 1
      // The second half of a surrogate pair was checked with the first.
      guard i >= progress.escapesCheckedUpTo else { continue }
      let end = ItemScanner.skipEscape(p, n, i &+ 1)
      if end == ItemScanner.rejected { return end }
      progress.escapesCheckedUpTo = end == ItemScanner.incomplete ? n : end
      if end == ItemScanner.incomplete { result = end }
    }
    // Bytes up to `utf8CheckedUpTo` belong to a sequence checked with the block before.
    var unusual =
      progress.block.unusual & kept & ~StructuralIndexer.bitsBelow(progress.utf8CheckedUpTo &- progress.base)
    while unusual != 0 {
      let i = progress.base &+ unusual.trailingZeroBitCount
      // No control byte inside a string (nor a continuation byte without its lead, which
      // `skipUTF8` rejects too).
      let lead = p[i]
      guard lead >= 0x80 else { return ItemScanner.rejected }
      let end = ItemScanner.skipUTF8(p, n, i, lead)
      if end == ItemScanner.rejected { return end }
      progress.utf8CheckedUpTo = end == ItemScanner.incomplete ? n : end
      if end == ItemScanner.incomplete { result = end }
      // The sequence's continuation bytes are checked with it.
      unusual &= ~StructuralIndexer.bitsBelow(progress.utf8CheckedUpTo &- progress.base)
    }
    return result
  }
}
