/// The compact form of a validated invoice, for its `Match`: one pass that copies the runs between
/// whitespace eight bytes at a time and jumps over strings sixteen bytes at a time.
extension ItemScanner {
  /// `item` (validated JSON) without whitespace between tokens; strings and numbers byte-exact.
  static func compact(_ item: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    guard let p = item.baseAddress else { return [] }
    let n = item.count
    return [UInt8](unsafeUninitializedCapacity: n + 8) { out, count in
      guard let o = UnsafeMutableRawPointer(out.baseAddress) else { return }
      var w = 0
      var i = 0
      // Copies p[from..<to] to the output; a word at a time while the input has eight bytes left
      // (the output, never ahead of the input, has room for the overshoot).
      func copy(_ from: Int, _ to: Int) {
        var k = from
        while k < to {
          if k &+ 8 <= n {
            o.storeBytes(of: JSONScanner.loadWord(p, k), toByteOffset: w, as: UInt64.self)
            let step = Swift.min(8, to &- k)
            k &+= step
            w &+= step
          } else {
            o.storeBytes(of: p[k], toByteOffset: w, as: UInt8.self)
            k &+= 1
            w &+= 1
          }
        }
      }
      while i < n {
        let stop = nextQuoteOrWhitespace(p, n, i)
        copy(i, stop)
        guard stop < n else { break }
        if p[stop] == quote {
          let end = skipString(p, n, stop &+ 1)
          guard end > stop else {
            // Not validated after all: keep the rest as it is.
            copy(stop, n)
            break
          }
          copy(stop, end)
          i = end
        } else {
          i = skipWhitespace(p, n, stop)
          if i == stop {
            // A control byte outside a string (not validated): keep it.
            copy(stop, stop &+ 1)
            i = stop &+ 1
          }
        }
      }
      count = w
    }
  }

  /// The index of the first quote or byte up to 0x20 from `i` (or `n`).
  @inline(__always)
  private static func nextQuoteOrWhitespace(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Int {
    var i = i
    let high: UInt64 = 0x8080_8080_8080_8080
    while i &+ 8 <= n {
      let v = JSONScanner.loadWord(p, i)
      let above = (((v & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x5F5F_5F5F_5F5F_5F5F) | v) & high
      let stop = (above & differs(v, UInt8(ascii: "\""))) ^ high
      if stop != 0 { return i &+ stop.trailingZeroBitCount >> 3 }
      i &+= 8
    }
    while i < n && p[i] > 0x20 && p[i] != UInt8(ascii: "\"") { i &+= 1 }
    return i
  }
}
