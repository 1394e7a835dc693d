/// The scanning loop: one resumable state machine over the bytes of a chunk.
extension JSONScanner {
  private static let quote = UInt8(ascii: "\"")
  private static let backslash = UInt8(ascii: "\\")

  /// Consumes bytes from `i` until an event (returned) or the chunk's end (nil).
  /// `start` is where this call began, so `byteOffset + i - start` is the absolute offset.
  mutating func scan(_ chunk: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ start: Int)
    throws(JSONStreamError) -> Event?
  {
    let n = chunk.count
    let base = byteOffset - start
    let fail = { (kind: JSONStreamError.Kind, at: Int) in JSONStreamError(kind, byteOffset: base + at) }
    while i < n {
      let b = chunk[i]
      switch mode {
      case .string:
        let runStart = i
        while i < n {
          let c = chunk[i]
          if c == Self.quote || c == Self.backslash || c < 0x20 || c >= 0x80 { break }
          i += 1
        }
        if i > runStart {
          emitStringRun(UnsafeBufferPointer(rebasing: chunk[runStart..<i]))
          if captured.count > captureLimit {
            throw fail(.valueTooLarge(limit: captureLimit), i)
          }
        }
        guard i < n else { return nil }
        let c = chunk[i]
        if c == Self.quote {
          i += 1
          emit(c)
          if stringIsKey {
            mode = .colon
            if keyReporting { return .key(depth: containers.count) }
          } else if let event = endValue() {
            return event
          }
        } else if c == Self.backslash {
          i += 1
          emitStringByte(c)
          mode = .escape
        } else if c < 0x20 {
          throw fail(.controlCharacterInString(c), i)
        } else {
          try startUTF8Sequence(c, at: i, fail)
          i += 1
          emitStringByte(c)
          mode = .utf8
        }

      case .utf8:
        guard b >= utf8Low && b <= utf8High else { throw fail(.invalidUTF8, i) }
        i += 1
        emitStringByte(b)
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
        emitStringByte(b)

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
        emitStringByte(b)

      case .surrogateBackslash:
        guard b == Self.backslash else { throw fail(.loneSurrogate, i) }
        i += 1
        emitStringByte(b)
        mode = .surrogateU

      case .surrogateU:
        guard b == UInt8(ascii: "u") else { throw fail(.loneSurrogate, i) }
        i += 1
        emitStringByte(b)
        hexCount = 0
        codeUnit = 0
        mode = .unicode

      case .number:
        if let event = try scanNumber(chunk, &i, fail) { return event }

      case .literal:
        let expected = literalBytes.withUTF8Buffer { $0[literalIndex] }
        guard b == expected else { throw fail(.invalidLiteral, i) }
        i += 1
        emit(b)
        literalIndex += 1
        if literalIndex == literalBytes.utf8CodeUnitCount, let event = endValue() { return event }

      case .value, .valueOrClose:
        if Self.isWhitespace(b) {
          i += 1
          continue
        }
        if b == UInt8(ascii: "]") && mode == .valueOrClose {
          i += 1
          emit(b)
          containers.removeLast()
          if let event = endValue() { return event }
          continue
        }
        let kind: ValueKind
        switch b {
        case UInt8(ascii: "{"): kind = .object
        case UInt8(ascii: "["): kind = .array
        case Self.quote: kind = .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): kind = .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"): kind = .literal
        default: throw fail(.unexpectedByte(b), i)
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
        emit(b)
        switch kind {
        case .object:
          containers.append(true)
          mode = .keyOrClose
        case .array:
          containers.append(false)
          mode = .valueOrClose
        case .string:
          stringIsKey = false
          mode = .string
        case .number:
          numberState = b == UInt8(ascii: "-") ? .afterMinus : (b == UInt8(ascii: "0") ? .zero : .integer)
          mode = .number
        case .literal:
          literalBytes = b == UInt8(ascii: "t") ? "true" : (b == UInt8(ascii: "f") ? "false" : "null")
          literalIndex = 1
          mode = .literal
        }

      case .keyOrClose, .key:
        if Self.isWhitespace(b) {
          i += 1
          continue
        }
        if b == UInt8(ascii: "}") && mode == .keyOrClose {
          i += 1
          emit(b)
          containers.removeLast()
          if let event = endValue() { return event }
          continue
        }
        guard b == Self.quote else { throw fail(.unexpectedByte(b), i) }
        i += 1
        emit(b)
        stringIsKey = true
        keyReporting = containers.count <= reportDepth
        if keyReporting {
          keyBytes.removeAll(keepingCapacity: true)
          keyIsTruncated = false
        }
        mode = .string

      case .colon:
        if Self.isWhitespace(b) {
          i += 1
          continue
        }
        guard b == UInt8(ascii: ":") else { throw fail(.unexpectedByte(b), i) }
        i += 1
        emit(b)
        stringIsKey = false
        mode = .value

      case .afterValue:
        if Self.isWhitespace(b) {
          i += 1
          continue
        }
        let inObject = containers.last ?? false
        if b == UInt8(ascii: ",") {
          i += 1
          emit(b)
          mode = inObject ? .key : .value
        } else if (b == UInt8(ascii: "}") && inObject) || (b == UInt8(ascii: "]") && !inObject) {
          i += 1
          emit(b)
          containers.removeLast()
          if let event = endValue() { return event }
        } else {
          throw fail(.unexpectedByte(b), i)
        }

      case .done:
        guard Self.isWhitespace(b) else { throw fail(.trailingData, i) }
        i += 1
      }
    }
    return nil
  }

  /// Checks a UTF-8 lead byte (≥ 0x80) and sets up the continuation bytes it needs (RFC 3629:
  /// no overlong forms, no surrogates, nothing above U+10FFFF).
  @inline(__always)
  private mutating func startUTF8Sequence(
    _ c: UInt8, at i: Int, _ fail: (JSONStreamError.Kind, Int) -> JSONStreamError
  ) throws(JSONStreamError) {
    utf8Low = 0x80
    utf8High = 0xBF
    switch c {
    case 0xC2...0xDF: utf8Remaining = 1
    case 0xE0:
      utf8Remaining = 2
      utf8Low = 0xA0
    case 0xE1...0xEC, 0xEE, 0xEF: utf8Remaining = 2
    case 0xED:
      utf8Remaining = 2
      utf8High = 0x9F
    case 0xF0:
      utf8Remaining = 3
      utf8Low = 0x90
    case 0xF1...0xF3: utf8Remaining = 3
    case 0xF4:
      utf8Remaining = 3
      utf8High = 0x8F
    default: throw fail(.invalidUTF8, i)
    }
  }

  /// Number bytes: JSON's grammar as a small automaton. The number ends at the first byte that
  /// cannot continue it (left unconsumed for the structural states).
  @inline(__always)
  private mutating func scanNumber(
    _ chunk: UnsafeBufferPointer<UInt8>, _ i: inout Int,
    _ fail: (JSONStreamError.Kind, Int) -> JSONStreamError
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
      emit(b)
    }
    return nil
  }
}
