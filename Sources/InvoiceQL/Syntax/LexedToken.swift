/// A token as the parser reads it: its kind, keyword and range, and no strings.
///
/// `Token` carries its text (`.word(String)`), so every token cost a string to make, and reading
/// or dropping one retained and released it. The parser reads tokens at every step but needs the
/// text of only some (field names, bare-word values), so it works on these plain values instead: a
/// word's text is read from the source bytes where the tree needs it, and the few tokens with a
/// decoded value (literals, backquoted names, invalid text) keep it in `LexedTokens.payloads`.
/// `Lexer.tokens(_:)` turns them into `Token`s for the callers that want those.
struct LexedToken {
  enum Tag: UInt8 {
    case word, quotedName, literal, leftParen, rightParen, comma, dot, comparison, invalid, end
  }

  var tag: Tag
  /// The keyword a word spells (case-insensitive); nil for other tokens.
  var keyword: Keyword?
  /// The operator of a `.comparison` token (`.equal` for other tokens).
  var comparison: ComparisonOperator
  /// Whether a word spells `today` or `now` (case-insensitive).
  var relativeBase: RelativeDate.Base?
  /// Whether this is a number literal.
  var isNumber: Bool
  /// The index of a `.quotedName`, `.literal` or `.invalid` token's kind in `LexedTokens.payloads`.
  var payload: Int32
  /// UTF-8 byte offsets into the source.
  var range: SourceRange

  init(
    _ tag: Tag, range: SourceRange, keyword: Keyword? = nil, comparison: ComparisonOperator = .equal,
    relativeBase: RelativeDate.Base? = nil, isNumber: Bool = false, payload: Int = -1
  ) {
    self.tag = tag
    self.keyword = keyword
    self.comparison = comparison
    self.relativeBase = relativeBase
    self.isNumber = isNumber
    self.payload = Int32(truncatingIfNeeded: payload)
    self.range = range
  }
}

/// The tokens of one source text, and the kinds of those that carry a value.
struct LexedTokens {
  /// Ends with exactly one `.end` token.
  var tokens: [LexedToken]
  /// The full kinds of the `.quotedName`, `.literal` and `.invalid` tokens, by `payload`.
  var payloads: [Token.Kind]

  /// The token as a `Token`: its word read from `bytes`, its value from `payloads`.
  func token(_ t: LexedToken, in bytes: [UInt8]) -> Token {
    switch t.tag {
    case .word:
      return Token(
        word: String(decoding: bytes[t.range.lowerBound..<t.range.upperBound], as: UTF8.self),
        keyword: t.keyword, range: t.range)
    case .quotedName, .literal, .invalid: return Token(payloads[Int(t.payload)], range: t.range)
    case .leftParen: return Token(.leftParen, range: t.range)
    case .rightParen: return Token(.rightParen, range: t.range)
    case .comma: return Token(.comma, range: t.range)
    case .dot: return Token(.dot, range: t.range)
    case .comparison: return Token(.comparison(t.comparison), range: t.range)
    case .end: return Token(.end, range: t.range)
    }
  }
}
