/// Reading a few members of an object and only checking the rest, without building a `JSONValue`
/// or a `String` for anything not asked for: how a saved search's line is read, once per search.
extension JSONTextReader {
  /// The names of the members `pickMembers` hands out: short ASCII names, each also packed into one
  /// integer, so that a plain key is told by one comparison instead of a decoded `String`.
  package struct MemberNames: Sendable {
    /// The names, as `String`s: keys with escapes or non-ASCII bytes are decoded and compared with
    /// these (by `==`, as a `String` key would be).
    let names: [String]
    /// Each name's bytes, packed into one integer.
    let packed: [UInt64]

    /// Names of one to eight ASCII characters each, none a quote, a backslash or a control character.
    package init(_ names: [String]) {
      for name in names {
        precondition(
          (1...8).contains(name.utf8.count)
            && name.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != 0x22 && $0 != 0x5C },
          "a member name of one to eight plain ASCII characters")
      }
      self.names = names
      // Little end first, as `memberName` packs a key (which holds no zero byte, so names of
      // different lengths never pack alike).
      packed = names.map { name in
        name.utf8.enumerated().reduce(0) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
      }
    }
  }

  /// Reads an object with `objectMembers(depth:keeping:_:)`'s checks and errors, calling `member`
  /// for each member whose key is one of `names` (as `==` compares it), in document order: with the
  /// name's index in `names`, the byte range of the value, and the value when it is a string (nil
  /// when it is any other value, which is only checked). The other members are checked and skipped.
  package mutating func pickMembers(
    depth: Int, _ names: MemberNames,
    _ member: (Int, Range<Int>, String?) throws(JSONStreamError) -> Void
  ) throws(JSONStreamError) {
    try eachMember { (r: inout JSONTextReader) throws(JSONStreamError) in
      let picked = try r.memberName(in: names)
      try r.nameSeparator()
      let start = r.offset
      if let picked {
        let value = try r.stringOrSkip(depth: depth + 1)
        try member(picked, start..<r.offset, value)
      } else {
        try r.skipValue(depth: depth + 1)
      }
    }
  }

  /// The key at `offset` (a quote), read with `string()`'s checks and errors: the index of its name
  /// in `names`, nil when it is none of them.
  private mutating func memberName(in names: MemberNames) throws(JSONStreamError) -> Int? {
    if let packed = shortPlainKey() { return names.packed.firstIndex(of: packed) }
    return try memberNameByRun(in: names)
  }

  /// The key at `offset` (a quote) packed as `MemberNames` packs a name, and `offset` past its
  /// closing quote, when it is one to eight plain ASCII bytes (not a quote, a backslash or a
  /// control character) followed by that quote before `end`; else nil with `offset` unchanged.
  /// Most keys are: they are told byte by byte as they are packed, with no run scanned first.
  @inline(__always)
  mutating func shortPlainKey() -> UInt64? {
    let first = offset + 1
    let last = min(end, first + 9)
    let found = bytes.withUnsafeBufferPointer { b -> (packed: UInt64, quote: Int)? in
      var packed: UInt64 = 0
      var i = first
      while i < last {
        let c = b[i]
        if c == UInt8(ascii: "\"") { return i > first ? (packed, i) : nil }
        guard i - first < 8, c >= 0x20, c < 0x80, c != UInt8(ascii: "\\") else { return nil }
        packed |= UInt64(c) << UInt64(8 * (i - first))
        i += 1
      }
      return nil
    }
    guard let found else { return nil }
    offset = found.quote + 1
    return found.packed
  }

  /// `memberName(in:)` for any key: its plain run scanned first, decoded when it is not plain ASCII.
  private mutating func memberNameByRun(in names: MemberNames) throws(JSONStreamError) -> Int? {
    let start = offset
    offset += 1
    let (plainEnd, bits) = plainRun()
    if plainEnd < end, bytes[plainEnd] == UInt8(ascii: "\""), bits < 0x80 {
      // Plain ASCII, as most keys are: the key is its bytes.
      offset = plainEnd + 1
      let count = plainEnd - start - 1
      guard count <= 8 else { return nil }
      let packed = bytes.withUnsafeBufferPointer { b in
        var packed: UInt64 = 0
        for i in 0..<count { packed |= UInt64(b[start + 1 + i]) << UInt64(8 * i) }
        return packed
      }
      return names.packed.firstIndex(of: packed)
    }
    offset = start
    let key = try string()
    return names.names.firstIndex(of: key)
  }

  /// A value read as `value(depth:)` reads it (same checks and errors): the string when it is
  /// one, else nil, the value only checked.
  private mutating func stringOrSkip(depth: Int) throws(JSONStreamError) -> String? {
    if depth < JSONScanner.maximumDepth {
      skipWhitespace()
      if peek() == UInt8(ascii: "\"") { return try string() }
    }
    try skipValue(depth: depth)
    return nil
  }

  /// `value(depth:keeping:)` with `keeping` false: the value is checked, with the same errors, and
  /// nothing is built (not even the keys of its objects).
  package mutating func skipValue(depth: Int) throws(JSONStreamError) {
    switch try valueStart(depth: depth) {
    case UInt8(ascii: "{"):
      try eachMember { (r: inout JSONTextReader) throws(JSONStreamError) in
        // A short plain key (most) is checked as it is scanned; any other as a string.
        if r.shortPlainKey() == nil { try r.skipString() }
        try r.nameSeparator()
        try r.skipValue(depth: depth + 1)
      }
    case UInt8(ascii: "["):
      try eachElement { (r: inout JSONTextReader) throws(JSONStreamError) in try r.skipValue(depth: depth + 1)
      }
    case UInt8(ascii: "\""): try skipString()
    case UInt8(ascii: "t"): try literal("true")
    case UInt8(ascii: "f"): try literal("false")
    case UInt8(ascii: "n"): try literal("null")
    default: try skipNumber()
    }
  }
}
