/// Finds where a JSON container ends across chunks, counting brackets outside strings: all the
/// fast path needs to know before it validates an invoice that arrived in pieces. On valid JSON it
/// is exact; on anything else `ItemScanner` rejects what it found, and the scanner reports why.
package struct ContainerEndFinder: Sendable {
  private var depth = 0
  private var inString = false
  private var escaped = false

  package init() {}

  /// Scans `buffer` from `start`; returns the index just past the container's last byte, or nil
  /// when it goes on after the buffer.
  package mutating func scan(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
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
          let mask = JSONScanner.quoteOrBackslashBytes(JSONScanner.loadWord(p, i))
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
}
