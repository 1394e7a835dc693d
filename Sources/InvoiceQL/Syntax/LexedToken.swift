/// A token as the parser reads it: its kind, keyword and range, and no strings.
///
/// `Token` carries its text (`.word(String)`), so every token cost a string to make, and reading
/// or dropping one retained and released it. The parser reads tokens at every step but needs the
/// text of only some (field names, values), so it works on these plain values instead: a word's,
/// a number's and a plain string's text is read from the source bytes where the tree needs it, a
/// date is packed into `payload`, and the few tokens with another decoded value (strings with
/// escapes, date-times, relative dates, backquoted names, invalid text) keep it in
/// `LexedTokens.payloads`. `Lexer.tokens(_:)` turns them into `Token`s for the callers that want
/// those.
struct LexedToken {
  enum Tag: UInt8 {
    case word, quotedName, literal, leftParen, rightParen, comma, dot, comparison, invalid, end
  }

  /// Where a `.literal` token's value is.
  enum LiteralForm: UInt8 {
    /// Not a literal, or one whose kind is in `LexedTokens.payloads`.
    case stored
    /// A number: its spelling, the exponent letter lowercased.
    case number
    /// A string without escapes: the bytes between the quotes.
    case plainString
    /// A date, packed into `payload` (`year << 9 | month << 5 | day`).
    case date
  }

  var tag: Tag
  var form: LiteralForm
  /// The keyword a word spells (case-insensitive); nil for other tokens.
  var keyword: Keyword?
  /// The operator of a `.comparison` token (`.equal` for other tokens).
  var comparison: ComparisonOperator
  /// Whether a word spells `today` or `now` (case-insensitive).
  var relativeBase: RelativeDate.Base?
  /// The index of a stored token's kind in `LexedTokens.payloads`, or a packed date.
  var payload: Int32
  /// UTF-8 byte offsets into the source.
  var range: SourceRange

  init(
    _ tag: Tag, range: SourceRange, form: LiteralForm = .stored, keyword: Keyword? = nil,
    comparison: ComparisonOperator = .equal, relativeBase: RelativeDate.Base? = nil, payload: Int = -1
  ) {
    self.tag = tag
    self.form = form
    self.keyword = keyword
    self.comparison = comparison
    self.relativeBase = relativeBase
    self.payload = Int32(truncatingIfNeeded: payload)
    self.range = range
  }

  /// Whether this is a number literal.
  var isNumber: Bool { tag == .literal && form == .number }

  /// A date token (`CivilDate` always has a year of at most 9999, so it fits).
  static func date(_ date: CivilDate, range: SourceRange) -> LexedToken {
    LexedToken(.literal, range: range, form: .date, payload: date.year << 9 | date.month << 5 | date.day)
  }
}

/// The tokens of one source text, and the kinds of those whose value is stored.
struct LexedTokens {
  /// Ends with exactly one `.end` token.
  var tokens: [LexedToken]
  /// The full kinds of the tokens with `form == .stored` that carry a value (`.quotedName`,
  /// `.literal`, `.invalid`), by `payload`.
  var payloads: [Token.Kind]

  /// The value of a `.literal` token of the text `bytes`.
  func literal(_ t: LexedToken, in bytes: [UInt8]) -> Literal.Kind? {
    guard t.tag == .literal else { return nil }
    switch t.form {
    case .number:
      return .number(Scanner.canonicalNumber(bytes, t.range.lowerBound..<t.range.upperBound))
    case .plainString:
      return .string(Self.text(bytes, t.range.lowerBound + 1..<t.range.upperBound - 1))
    case .date:
      let p = Int(t.payload)
      return CivilDate(year: p >> 9, month: p >> 5 & 0xF, day: p & 0x1F).map { .date($0) }
    case .stored:
      guard case .literal(let kind) = payloads[Int(t.payload)] else { return nil }
      return kind
    }
  }

  /// The text of a `.word` token of the text `bytes`, or the name of a `.quotedName` one ("" for
  /// other tokens).
  func name(_ t: LexedToken, in bytes: [UInt8]) -> String {
    if t.tag == .word {
      return Self.text(bytes, t.range.lowerBound..<t.range.upperBound)
    }
    if t.tag == .quotedName, case .quotedName(let name) = payloads[Int(t.payload)] { return name }
    return ""
  }

  /// `String(decoding: bytes[range], as: UTF8.self)`, written in place: a text of at most 15
  /// bytes (nearly every name, word and number the parser reads) goes straight into a small string,
  /// checked for ASCII in one step, instead of through the generic decoding path, which cost about
  /// as much as lexing the token. Other text is validated and repaired exactly as by `decoding`.
  static func text(_ bytes: [UInt8], _ range: Range<Int>) -> String {
    precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "range outside the text")
    return bytes.withUnsafeBufferPointer { whole in
      String(unsafeUninitializedCapacity: range.count) { out in
        guard let from = whole.baseAddress, let to = out.baseAddress else { return 0 }
        to.initialize(from: from + range.lowerBound, count: range.count)
        return range.count
      }
    }
  }

  /// The token as a `Token`: its text read from `bytes`, its value from `payloads`.
  func token(_ t: LexedToken, in bytes: [UInt8]) -> Token {
    switch t.tag {
    case .word:
      return Token(word: name(t, in: bytes), keyword: t.keyword, range: t.range)
    case .literal: return Token(literal(t, in: bytes).map { .literal($0) } ?? .end, range: t.range)
    case .quotedName, .invalid: return Token(payloads[Int(t.payload)], range: t.range)
    case .leftParen: return Token(.leftParen, range: t.range)
    case .rightParen: return Token(.rightParen, range: t.range)
    case .comma: return Token(.comma, range: t.range)
    case .dot: return Token(.dot, range: t.range)
    case .comparison: return Token(.comparison(t.comparison), range: t.range)
    case .end: return Token(.end, range: t.range)
    }
  }
}
