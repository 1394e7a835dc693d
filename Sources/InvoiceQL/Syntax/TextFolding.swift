/// Case folding and character counting with an ASCII fast path: the same answers as
/// `lowercased()` and `String.count`, without Unicode tables or a copy for the ASCII text that
/// field names, keywords and nearly all queries are. Error paths (did-you-mean, rendering) ask these
/// of every candidate and every long line, so they must not cost more than parsing did.
extension String {
  /// `lowercased()`: `self` when it is ASCII with no capital, ASCII-lowercased bytes when it is
  /// ASCII, else the full Unicode mapping.
  package var foldedLowercase: String {
    // The bytes in place (a native or small string has them contiguous), not `for b in utf8`,
    // whose iterator cost more per byte than the rest of the work.
    let folded = utf8.withContiguousStorageIfAvailable { bytes -> String? in
      var capitals = false
      for b in bytes {
        if b >= 0x80 { return nil }
        if b &- 0x41 < 26 { capitals = true }
      }
      guard capitals else { return self }
      return String(unsafeUninitializedCapacity: bytes.count) { out in
        for i in 0..<bytes.count { out[i] = bytes[i] &- 0x41 < 26 ? bytes[i] | 0x20 : bytes[i] }
        return bytes.count
      }
    }
    if let folded, let folded { return folded }
    if folded != nil { return lowercased() }
    return foldedLowercaseByIteration
  }

  /// `foldedLowercase` for a string whose bytes are not contiguous.
  private var foldedLowercaseByIteration: String {
    var ascii = true
    var upper = false
    for b in utf8 {
      if b >= 0x80 {
        ascii = false
        break
      }
      if b &- 0x41 < 26 { upper = true }
    }
    guard ascii else { return lowercased() }
    guard upper else { return self }
    return String(decoding: utf8.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self)
  }

  /// Whether `lowercased()` of both is equal: byte by byte when both are ASCII (where lowercasing
  /// only maps `A`–`Z`), else through `lowercased()` (a non-ASCII capital may fold to ASCII, as the
  /// Kelvin sign folds to `k`).
  package func equalsFolded(_ other: String) -> Bool {
    let fast = utf8.withContiguousStorageIfAvailable { a in
      other.utf8.withContiguousStorageIfAvailable { b in Self.asciiEqualsFolded(a, b) }
    }
    if let known = fast.flatMap({ $0 }), let known { return known }
    return lowercased() == other.lowercased()
  }

  /// The answer for two ASCII texts, nil when either holds another byte (the caller folds those
  /// with Unicode's tables).
  private static func asciiEqualsFolded(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>)
    -> Bool?
  {
    guard a.count == b.count else {
      return a.allSatisfy({ $0 < 0x80 }) && b.allSatisfy({ $0 < 0x80 }) ? false : nil
    }
    for i in 0..<a.count {
      let x = a[i]
      let y = b[i]
      if x | y >= 0x80 { return nil }
      // Both ASCII and every byte before equal once folded: unequal here is unequal for good.
      if x != y && (x | 0x20 != y | 0x20 || (x | 0x20) &- 0x61 >= 26) { return false }
    }
    return true
  }
}

/// Characters (grapheme clusters, as `String.count`) in UTF-8 text.
package enum CharacterCount {
  /// The characters of `bytes` with each tab read as a space (as diagnostics show a line). In
  /// ASCII text each byte is a character, except that CR LF is one.
  package static func of(_ bytes: ArraySlice<UInt8>) -> Int {
    var pairs = 0
    var previous: UInt8 = 0
    for b in bytes {
      if b >= 0x80 {
        // A space, unlike a tab, joins a combining mark after it into one character.
        return String(decoding: bytes.map { $0 == 0x09 ? 0x20 : $0 }, as: UTF8.self).count
      }
      if b == 0x0A && previous == 0x0D { pairs += 1 }
      previous = b
    }
    return bytes.count - pairs
  }

  /// Whether each byte of `text` is one character: ASCII without CR.
  package static func isOneBytePerCharacter(_ text: String) -> Bool {
    text.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D }
  }
}
