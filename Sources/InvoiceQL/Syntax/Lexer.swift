/// Turns query text into tokens. Never throws: unreadable text becomes an `.invalid` token whose
/// diagnostic says what is wrong, and lexing goes on after it.
///
/// Whitespace (space, tab, CR, LF) separates tokens and is otherwise insignificant. Every call to
/// the scanner consumes at least one byte or returns `.end`, so lexing always terminates.
package enum Lexer {
  /// All tokens of `source`, ending with exactly one `.end` token.
  package static func tokens(_ source: String) -> [Token] {
    let bytes = Array(source.utf8)
    let lexed = lex(utf8: bytes)
    return lexed.tokens.map { lexed.token($0, in: bytes) }
  }

  /// All tokens of the UTF-8 text `bytes` as the parser reads them (see `LexedToken`), ending
  /// with exactly one `.end` token.
  static func lex(utf8 bytes: [UInt8]) -> LexedTokens {
    var scanner = Scanner(bytes)
    var tokens: [LexedToken] = []
    // At most about one token per four bytes in queries as people write them: few regrowths.
    tokens.reserveCapacity(bytes.count / 4 + 4)
    while true {
      let token = scanner.next()
      tokens.append(token)
      if token.tag == .end { return LexedTokens(tokens: tokens, payloads: scanner.payloads) }
    }
  }

  /// Whether `name` can be written as a plain word: a letter or `_`, then letters, digits, marks
  /// or `_`. Other names (and keywords, in the first position of a field) need backquotes.
  package static func isPlainIdentifier(_ name: String) -> Bool {
    // ASCII names (nearly all) are told from their bytes.
    if name.utf8.allSatisfy({ $0 < 0x80 }) {
      guard let head = name.utf8.first, head == 0x5F || (head | 0x20 >= 0x61 && head | 0x20 <= 0x7A) else {
        return false
      }
      return name.utf8.allSatisfy(Scanner.isASCIIAlnum)
    }
    var first = true
    for scalar in name.unicodeScalars {
      if first ? !isIdentifierStart(scalar) : !isIdentifierContinue(scalar) { return false }
      first = false
    }
    return !first
  }

  static func isIdentifierStart(_ s: Unicode.Scalar) -> Bool {
    if s.isASCII {
      return (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || s == "_"
    }
    return s.properties.isAlphabetic
  }

  static func isIdentifierContinue(_ s: Unicode.Scalar) -> Bool {
    if s.isASCII { return isIdentifierStart(s) || (s >= "0" && s <= "9") }
    switch s.properties.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber: return true
    default: return s.properties.isAlphabetic
    }
  }
}

/// The byte-level cursor behind `Lexer`.
struct Scanner {
  let bytes: [UInt8]
  var position = 0
  /// Whether the previous token was the word `today` or `now` (for the help on `today - d`).
  var previousWasRelativeBase = false
  /// The kinds of the tokens that carry a value (see `LexedToken.payload`).
  var payloads: [Token.Kind] = []

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// The byte at `i`, or 0 past the end (0 never starts or continues a token).
  @inline(__always) func byte(_ i: Int) -> UInt8 { i >= 0 && i < bytes.count ? bytes[i] : 0 }

  static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
  static func isASCIIAlnum(_ b: UInt8) -> Bool {
    isDigit(b) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
  }

  /// `isASCIIAlnum` by one table look-up (bit `b` of a 128-bit set): the word loop asks it of
  /// every byte of every word. `LexerTests` checks it against `isASCIIAlnum` for all 256 bytes.
  @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
    // Bits 0x30–0x39 (digits) of the low half; 0x41–0x5A, 0x5F and 0x61–0x7A of the high half.
    let half: UInt64 = b & 0x40 == 0 ? 0x03FF_0000_0000_0000 : 0x07FF_FFFE_87FF_FFFE
    return b < 0x80 && half &>> UInt64(b & 0x3F) & 1 == 1
  }

  /// The Unicode scalar starting at byte `i` and its length in bytes.
  func scalar(at i: Int) -> (scalar: Unicode.Scalar, length: Int)? {
    let b0 = byte(i)
    let length = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4
    guard i < bytes.count, i + length <= bytes.count else { return nil }
    var value: UInt32 =
      switch length {
      case 1: UInt32(b0)
      case 2: UInt32(b0 & 0x1F)
      case 3: UInt32(b0 & 0x0F)
      default: UInt32(b0 & 0x07)
      }
    for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
    guard let s = Unicode.Scalar(value) else { return nil }
    return (s, length)
  }

  func text(_ range: Range<Int>) -> String {
    let lower = Swift.max(0, Swift.min(range.lowerBound, bytes.count))
    let upper = Swift.max(lower, Swift.min(range.upperBound, bytes.count))
    return String(decoding: bytes[lower..<upper], as: UTF8.self)
  }

  mutating func invalid(
    _ kind: Diagnostic.Kind, _ message: String, from start: Int, help: [String] = []
  ) -> LexedToken {
    let range = SourceRange(start, Swift.max(start, position))
    return valued(.invalid(Diagnostic(kind: kind, message: message, range: range, help: help)), range: range)
  }

  /// A `.quotedName`, `.literal` or `.invalid` token, its kind kept in `payloads`.
  mutating func valued(_ kind: Token.Kind, range: SourceRange) -> LexedToken {
    let tag: LexedToken.Tag
    switch kind {
    case .quotedName: tag = .quotedName
    case .literal: tag = .literal
    default: tag = .invalid
    }
    payloads.append(kind)
    return LexedToken(tag, range: range, payload: payloads.count - 1)
  }

  /// Inlined into `next()`, which calls it once per token.
  @inline(__always) mutating func skipWhitespace() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x09, 0x0A, 0x0D: position += 1
      default: return
      }
    }
  }

  mutating func next() -> LexedToken {
    skipWhitespace()
    let afterBase = previousWasRelativeBase
    previousWasRelativeBase = false
    let start = position
    let spacedRelativeHelp = "write a relative date with a number and a unit: today-30d, now+2h"
    guard position < bytes.count else { return LexedToken(.end, range: .at(position)) }
    let b = bytes[position]
    func single(_ tag: LexedToken.Tag, _ length: Int = 1) -> LexedToken {
      position += length
      return LexedToken(tag, range: SourceRange(start, position))
    }
    func single(_ op: ComparisonOperator, _ length: Int = 1) -> LexedToken {
      position += length
      return LexedToken(.comparison, range: SourceRange(start, position), comparison: op)
    }
    switch b {
    case UInt8(ascii: "("): return single(.leftParen)
    case UInt8(ascii: ")"): return single(.rightParen)
    case UInt8(ascii: ","): return single(.comma)
    case UInt8(ascii: "."):
      if Self.isDigit(byte(position + 1)) {
        position += 1
        while Self.isASCIIAlnum(byte(position)) || byte(position) == UInt8(ascii: ".") { position += 1 }
        let spelled = text(start..<position)
        return invalid(
          .invalidNumber, "invalid number '\(spelled)'", from: start,
          help: ["write a digit before the point: '0\(spelled)'"])
      }
      return single(.dot)
    case UInt8(ascii: "="):
      if byte(position + 1) == UInt8(ascii: "=") {
        position += 2
        return invalid(
          .invalidCharacter, "'==' is not an operator", from: start, help: ["use '=' to compare"])
      }
      return single(ComparisonOperator.equal)
    case UInt8(ascii: "!"):
      if byte(position + 1) == UInt8(ascii: "=") { return single(ComparisonOperator.notEqual, 2) }
      position += 1
      return invalid(
        .invalidCharacter, "unexpected character '!'", from: start,
        help: ["use '!=' for 'not equal' and 'not' to negate a condition"])
    case UInt8(ascii: "<"):
      if byte(position + 1) == UInt8(ascii: "=") { return single(ComparisonOperator.lessOrEqual, 2) }
      if byte(position + 1) == UInt8(ascii: ">") {
        position += 2
        return invalid(
          .invalidCharacter, "'<>' is not an operator", from: start, help: ["use '!=' for 'not equal'"])
      }
      return single(ComparisonOperator.less)
    case UInt8(ascii: ">"):
      if byte(position + 1) == UInt8(ascii: "=") { return single(ComparisonOperator.greaterOrEqual, 2) }
      return single(ComparisonOperator.greater)
    case UInt8(ascii: "\""), UInt8(ascii: "'"):
      return string()
    case UInt8(ascii: "`"):
      return quotedName()
    case UInt8(ascii: "-"):
      if Self.isDigit(byte(position + 1)) { return numberOrDate() }
      position += 1
      return invalid(
        .invalidCharacter, "unexpected character '-'", from: start,
        help: [afterBase ? spacedRelativeHelp : "put text that contains '-' in quotes: \"written-off\""])
    case _ where Self.isDigit(b):
      return numberOrDate()
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
      // An ASCII letter or `_` starts a word (no scalar to decode first).
      return word()
    default:
      return otherCharacter(afterBase: afterBase, spacedRelativeHelp: spacedRelativeHelp)
    }
  }

  /// A token starting with a character that is not ASCII punctuation, a digit or an ASCII letter:
  /// a word when it is a letter, else an invalid character (kept out of `next()`, with its Unicode
  /// property tables).
  @inline(never)
  mutating func otherCharacter(afterBase: Bool, spacedRelativeHelp: String) -> LexedToken {
    let start = position
    guard let (s, length) = scalar(at: position) else {
      position = bytes.count
      return invalid(.invalidCharacter, "unexpected end of text", from: start)
    }
    if Lexer.isIdentifierStart(s) { return word() }
    position += length
    let help =
      s == "+" && afterBase
      ? [spacedRelativeHelp]
      : s == "+"
        ? ["numbers are written without '+'; relative dates as today+7d"]
        : s == "\u{00A0}" || s.properties.isWhitespace
          ? ["use an ordinary space"]
          : ["put text that contains '\(s)' in quotes"]
    return invalid(.invalidCharacter, "unexpected character '\(s)'", from: start, help: help)
  }

  /// Reads on over the letters, digits, marks and `_` of a word that has a non-ASCII character
  /// (kept out of `word()`, which nearly every word leaves after its ASCII loop).
  @inline(never)
  mutating func readNonASCIIWordRest() {
    while true {
      let b = byte(position)
      if Self.isASCIIAlnum(b) {
        position += 1
      } else if b >= 0x80, let (s, length) = scalar(at: position), Lexer.isIdentifierContinue(s) {
        position += length
      } else {
        break
      }
    }
  }

  /// A plain word, or `today±N unit` / `now±N unit` when a sign follows `today` or `now` (directly,
  /// or after spaces when a digit follows the sign).
  mutating func word() -> LexedToken {
    let start = position
    // ASCII letters, digits and `_` (nearly every word is only these) in one tight loop first, and
    // the keyword, or `today` or `now`, in any case, told from those bytes (no string for the word).
    let (asciiEnd, asciiKey) = bytes.withUnsafeBufferPointer { b in
      var i = start
      while i < b.count, Self.isWordByte(b[i]) { i &+= 1 }
      return (i, WordKey(alphanumericRun: b, start..<i))
    }
    position = asciiEnd
    if byte(position) >= 0x80 { readNonASCIIWordRest() }
    // A word with a non-ASCII letter is no keyword and no base.
    let key = position == asciiEnd ? asciiKey : nil
    let base = key?.relativeBase
    if let base {
      // `today-30d`, or with spaces around the sign (`today - 30d`, the language reference): a sign never follows
      // a value or a field otherwise, so reading on is unambiguous.
      var sign = position
      while byte(sign) == 0x20 || byte(sign) == 0x09 { sign += 1 }
      var amount = sign + 1
      while byte(amount) == 0x20 || byte(amount) == 0x09 { amount += 1 }
      let signByte = byte(sign)
      if (signByte == UInt8(ascii: "+") || signByte == UInt8(ascii: "-"))
        && (sign == position || Self.isDigit(byte(amount)))
      {
        position = sign
        return relative(base: base, start: start)
      }
    }
    previousWasRelativeBase = base != nil
    return LexedToken(.word, range: SourceRange(start, position), keyword: key?.keyword, relativeBase: base)
  }
}
