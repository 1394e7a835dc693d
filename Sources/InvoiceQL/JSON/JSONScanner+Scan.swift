/// The scanning loop: one resumable state machine over the bytes of a chunk.
extension JSONScanner {
  private static let quote = UInt8(ascii: "\"")
  private static let backslash = UInt8(ascii: "\\")

  /// Consumes bytes from `i` until an event (returned) or the chunk's end (nil).
  /// `start` is where this call began, so `byteOffset + i - start` is the absolute offset.
  mutating func scan(_ chunk: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ start: Int)
    throws(JSONStreamError) -> Event?
  {
    // Captured bytes are copied in runs: `runStart` is the first consumed byte not yet copied.
    var runStart = i
    let event = try scanLoop(chunk, &i, start, &runStart)
    if isCapturing && i > runStart {
      captured.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[runStart..<i]))
    }
    return event
  }

  /// Skips whitespace from `i`, first copying the pending captured run.
  @inline(__always)
  private mutating func skipWhitespace(
    _ chunk: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ runStart: inout Int
  ) {
    if isCapturing && i > runStart {
      captured.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[runStart..<i]))
    }
    i += 1
    while i < chunk.count && Self.isWhitespace(chunk[i]) { i += 1 }
    runStart = i
  }

  private mutating func scanLoop(
    _ chunk: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ start: Int, _ runStart: inout Int
  ) throws(JSONStreamError) -> Event? {
    let n = chunk.count
    let base = byteOffset - start
    let fail = { (kind: JSONStreamError.Reason, at: Int) in JSONStreamError(kind, byteOffset: base + at) }
    while i < n {
      let b = chunk[i]
      switch mode {
      // The structural states come in the order a member is read (after a value, a comma, a key,
      // its colon, the next value), so the common path falls through without a new dispatch.
      case .afterValue:
        var c = b
        if Self.isWhitespace(c) {
          skipWhitespace(chunk, &i, &runStart)
          guard i < n else { return nil }
          c = chunk[i]
        }
        let inObject = containers.last ?? false
        if c == UInt8(ascii: ",") {
          i += 1
          guard inObject else {
            mode = .value
            continue
          }
          mode = .key
          guard i < n else { return nil }
          fallthrough
        } else if (c == UInt8(ascii: "}") && inObject) || (c == UInt8(ascii: "]") && !inObject) {
          i += 1
          containers.removeLast()
          if let event = endValue() { return event }
          continue
        } else {
          throw fail(.unexpectedByte(c), i)
        }

      case .keyOrClose, .key:
        var c = chunk[i]
        if Self.isWhitespace(c) {
          skipWhitespace(chunk, &i, &runStart)
          guard i < n else { return nil }
          c = chunk[i]
        }
        if c == UInt8(ascii: "}") && mode == .keyOrClose {
          i += 1
          containers.removeLast()
          if let event = endValue() { return event }
          continue
        }
        guard c == Self.quote else { throw fail(.unexpectedByte(c), i) }
        if recordsMemberOffsets && containers.count == memberOffsetDepth { memberOffsets.append(base + i) }
        i += 1
        stringIsKey = true
        keyReporting = containers.count <= reportDepth
        if keyReporting {
          keyBytes.removeAll(keepingCapacity: true)
          keyIsTruncated = false
          mode = .string
          continue
        }
        // Fast path: a plain key followed by its colon, all in this chunk.
        let end = Self.plainStringEnd(chunk, from: i)
        guard end < n && chunk[end] == Self.quote else {
          i = end
          mode = .string
          continue
        }
        i = end + 1
        guard i < n && chunk[i] == UInt8(ascii: ":") else {
          mode = .colon
          continue
        }
        i += 1
        stringIsKey = false
        mode = .value
        guard i < n else { return nil }
        fallthrough

      case .value, .valueOrClose:
        var c = chunk[i]
        if Self.isWhitespace(c) {
          skipWhitespace(chunk, &i, &runStart)
          guard i < n else { return nil }
          c = chunk[i]
        }
        if c == UInt8(ascii: "]") && mode == .valueOrClose {
          i += 1
          containers.removeLast()
          if let event = endValue() { return event }
          continue
        }
        let kind: ValueKind
        switch c {
        case UInt8(ascii: "{"): kind = .object
        case UInt8(ascii: "["): kind = .array
        case Self.quote: kind = .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): kind = .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"): kind = .literal
        default: throw fail(.unexpectedByte(c), i)
        }
        if containers.count <= reportDepth && !beginAnnounced {
          beginAnnounced = true
          return .begin(depth: containers.count, kind: kind, byteOffset: base + i)
        }
        beginAnnounced = false
        if kind == .object || kind == .array {
          guard containers.count < Self.maximumDepth else {
            throw fail(.depthLimitExceeded(limit: Self.maximumDepth), i)
          }
        }
        i += 1
        switch kind {
        case .object:
          containers.append(true)
          mode = .keyOrClose
        case .array:
          containers.append(false)
          mode = .valueOrClose
        case .string:
          stringIsKey = false
          // Fast path: a plain string that ends in this chunk.
          let end = Self.plainStringEnd(chunk, from: i)
          if end < n && chunk[end] == Self.quote {
            i = end + 1
            if let event = endValue() { return event }
            continue
          }
          i = end
          mode = .string
        case .number:
          numberState = c == UInt8(ascii: "-") ? .afterMinus : (c == UInt8(ascii: "0") ? .zero : .integer)
          mode = .number
          if let event = try scanNumber(chunk, &i, fail) { return event }
        case .literal:
          literalBytes = c == UInt8(ascii: "t") ? "true" : (c == UInt8(ascii: "f") ? "false" : "null")
          literalIndex = 1
          mode = .literal
        }

      case .colon:
        if Self.isWhitespace(b) {
          skipWhitespace(chunk, &i, &runStart)
          continue
        }
        guard b == UInt8(ascii: ":") else { throw fail(.unexpectedByte(b), i) }
        i += 1
        stringIsKey = false
        mode = .value

      case .string:
        let stringRunStart = i
        i = Self.plainStringEnd(chunk, from: i)
        if keyReporting && stringIsKey && i > stringRunStart {
          appendKey(UnsafeBufferPointer(rebasing: chunk[stringRunStart..<i]))
        }
        guard i < n else { return nil }
        let c = chunk[i]
        if c == Self.quote {
          i += 1
          if stringIsKey {
            mode = .colon
            if keyReporting { return .key(depth: containers.count) }
          } else if let event = endValue() {
            return event
          }
        } else if c == Self.backslash {
          i += 1
          keyByte(c)
          mode = .escape
        } else if c < 0x20 {
          throw fail(.controlCharacterInString(c), i)
        } else {
          try startUTF8Sequence(c, at: i, fail)
          i += 1
          keyByte(c)
          mode = .utf8
        }

      case .utf8:
        guard b >= utf8Low && b <= utf8High else { throw fail(.invalidUTF8, i) }
        i += 1
        keyByte(b)
        utf8Low = 0x80
        utf8High = 0xBF
        utf8Remaining -= 1
        if utf8Remaining == 0 { mode = .string }

      case .escape:
        switch b {
        case Self.quote, Self.backslash, UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
          UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
          mode = .string
        case UInt8(ascii: "u"):
          hexCount = 0
          codeUnit = 0
          mode = .unicode
        default:
          throw fail(.invalidEscape(b), i)
        }
        i += 1
        keyByte(b)

      case .unicode:
        guard let v = Self.hexValue(b) else { throw fail(.invalidUnicodeEscape, i) }
        codeUnit = codeUnit << 4 | v
        hexCount += 1
        if hexCount == 4 {
          let isHigh = (0xD800...0xDBFF).contains(codeUnit)
          let isLow = (0xDC00...0xDFFF).contains(codeUnit)
          if expectingLowSurrogate {
            guard isLow else { throw fail(.loneSurrogate, i) }
            expectingLowSurrogate = false
            mode = .string
          } else if isHigh {
            expectingLowSurrogate = true
            mode = .surrogateBackslash
          } else if isLow {
            throw fail(.loneSurrogate, i)
          } else {
            mode = .string
          }
        }
        i += 1
        keyByte(b)

      case .surrogateBackslash:
        guard b == Self.backslash else { throw fail(.loneSurrogate, i) }
        i += 1
        keyByte(b)
        mode = .surrogateU

      case .surrogateU:
        guard b == UInt8(ascii: "u") else { throw fail(.loneSurrogate, i) }
        i += 1
        keyByte(b)
        hexCount = 0
        codeUnit = 0
        mode = .unicode

      case .number:
        if let event = try scanNumber(chunk, &i, fail) { return event }

      case .literal:
        let expected = literalBytes.withUTF8Buffer { $0[literalIndex] }
        guard b == expected else { throw fail(.invalidLiteral, i) }
        i += 1
        literalIndex += 1
        if literalIndex == literalBytes.utf8CodeUnitCount, let event = endValue() { return event }

      case .done:
        guard Self.isWhitespace(b) else { throw fail(.trailingData, i) }
        skipWhitespace(chunk, &i, &runStart)
      }
    }
    return nil
  }

  /// Checks a UTF-8 lead byte (≥ 0x80) and sets up the continuation bytes it needs.
  @inline(__always)
  private mutating func startUTF8Sequence(
    _ c: UInt8, at i: Int, _ fail: (JSONStreamError.Reason, Int) -> JSONStreamError
  ) throws(JSONStreamError) {
    guard let sequence = Self.utf8Sequence(lead: c) else { throw fail(.invalidUTF8, i) }
    utf8Remaining = UInt8(sequence.length - 1)
    utf8Low = sequence.low
    utf8High = sequence.high
  }

  /// Number bytes: JSON's grammar as a small automaton. The number ends at the first byte that
  /// cannot continue it (left unconsumed for the structural states).
  @inline(__always)
  private mutating func scanNumber(
    _ chunk: UnsafeBufferPointer<UInt8>, _ i: inout Int,
    _ fail: (JSONStreamError.Reason, Int) -> JSONStreamError
  ) throws(JSONStreamError) -> Event? {
    let n = chunk.count
    while i < n {
      let b = chunk[i]
      let digit = Self.isDigit(b)
      switch numberState {
      case .afterMinus:
        guard digit else { throw fail(.invalidNumber, i) }
        numberState = b == UInt8(ascii: "0") ? .zero : .integer
      case .zero, .integer, .fraction:
        if digit {
          if numberState == .zero { throw fail(.leadingZero, i) }
        } else if b == UInt8(ascii: ".") && numberState != .fraction {
          numberState = .afterPoint
        } else if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
          numberState = .afterE
        } else {
          return endValue()
        }
      case .afterPoint:
        guard digit else { throw fail(.invalidNumber, i) }
        numberState = .fraction
      case .afterE:
        if b == UInt8(ascii: "+") || b == UInt8(ascii: "-") {
          numberState = .afterExponentSign
        } else if digit {
          numberState = .exponent
        } else {
          throw fail(.invalidNumber, i)
        }
      case .afterExponentSign:
        guard digit else { throw fail(.invalidNumber, i) }
        numberState = .exponent
      case .exponent:
        if !digit { return endValue() }
      }
      i += 1
    }
    return nil
  }
}
