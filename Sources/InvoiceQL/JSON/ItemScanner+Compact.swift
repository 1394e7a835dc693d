/// The compact form of a validated invoice, for its `InvoiceMatch`: 64 bytes at a time, stage 1
/// (`StructuralIndexer.nextWhitespace`) tells which bytes are whitespace outside strings, and the
/// runs of bytes between them are copied 32 bytes at a time, without looking at a byte alone.
extension ItemScanner {
  /// How far a run's copy may read past the end of its block, and write past the end of the
  /// compact form: its first 32 bytes are copied whatever its length.
  private static let overshoot = 32
  /// Scratch for the buffer's last blocks: two blocks and the overshoot.
  private static let tailCapacity = 128 + overshoot

  /// `item` (validated JSON) without whitespace between tokens; strings and numbers byte-exact.
  ///
  /// Any other bytes are safe too: every byte is kept but the whitespace (space, tab, LF, CR)
  /// outside strings, strings being told by the quotes no backslash escapes — a string left open
  /// keeps the rest as it is. The item's bytes are read, never a byte past them.
  package static func compact(_ item: UnsafeBufferPointer<UInt8>, kernel: ByteClassKernel = .selected)
    -> [UInt8]
  {
    guard let p = item.baseAddress else { return [] }
    let n = item.count
    return [UInt8](unsafeUninitializedCapacity: n &+ overshoot) { out, count in
      guard let o = UnsafeMutableRawPointer(out.baseAddress) else { return }
      var indexer = StructuralIndexer(kernel: kernel)
      var w = 0
      var base = 0
      // Blocks whose runs' copies stay inside the item.
      while base &+ 64 &+ overshoot <= n {
        let src = UnsafeRawPointer(p + base)
        w = copyKept(src, ~indexer.nextWhitespace(p + base), o, w)
        base &+= 64
      }
      // The last one or two blocks, from a copy padded with spaces, their bytes past the item left
      // out of the runs.
      if base < n {
        w = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: tailCapacity) { scratch in
          guard let t = scratch.baseAddress else { return w }
          t.initialize(repeating: 0x20, count: tailCapacity)
          t.update(from: p + base, count: n &- base)
          var w = w
          var offset = 0
          while base &+ offset < n {
            let present = StructuralIndexer.bitsBelow(n &- base &- offset)
            let keep = ~indexer.nextWhitespace(t + offset) & present
            w = copyKept(UnsafeRawPointer(t + offset), keep, o, w)
            offset &+= 64
          }
          return w
        }
      }
      count = w
    }
  }

  /// Copies the bytes of the block at `src` whose bits are set in `keep` to `o + w`, in order, and
  /// returns the index past them. Reads up to `overshoot` bytes past the block and writes up to
  /// `overshoot` bytes past the bytes kept.
  @inline(__always)
  private static func copyKept(
    _ src: UnsafeRawPointer, _ keep: UInt64, _ o: UnsafeMutableRawPointer, _ w: Int
  )
    -> Int
  {
    var w = w
    if keep == ~0 {
      copy32(src, o + w)
      copy32(src + 32, o + (w &+ 32))
      return w &+ 64
    }
    var keep = keep
    while keep != 0 {
      let start = keep.trailingZeroBitCount
      // Adding the lowest bit clears the lowest run and sets the bit after it (none at bit 63).
      let after = keep &+ (keep & (0 &- keep))
      let length = after.trailingZeroBitCount &- start
      keep &= after
      copy32(src + start, o + w)
      // The run's last 32 bytes, overlapping its first, inside the block.
      if length > 32 { copy32(src + (start &+ length &- 32), o + (w &+ length &- 32)) }
      w &+= length
    }
    return w
  }

  /// Copies 32 bytes, unaligned.
  @inline(__always)
  private static func copy32(_ from: UnsafeRawPointer, _ to: UnsafeMutableRawPointer) {
    let low = from.loadUnaligned(as: SIMD16<UInt8>.self)
    let high = from.loadUnaligned(fromByteOffset: 16, as: SIMD16<UInt8>.self)
    to.storeBytes(of: low, as: SIMD16<UInt8>.self)
    to.storeBytes(of: high, toByteOffset: 16, as: SIMD16<UInt8>.self)
  }
}
