/// One lexical unit of a query, with the exact source range it was read from.
///
/// The lexer never throws: text it cannot read becomes an `.invalid` token carrying its diagnostic,
/// and the parser decides what to do with it (report it once and recover).
package struct Token: Sendable, Hashable {
  package enum Kind: Sendable, Hashable {
    /// A plain word: a field name, a keyword (case-insensitive) or a bare-word value, as written.
    case word(String)
    /// A backquoted field-name component (`` `limit` ``), escapes decoded.
    case quotedName(String)
    /// A string, number, date, date-time or relative-date literal.
    case literal(Literal.Kind)
    case leftParen
    case rightParen
    case comma
    case dot
    case comparison(ComparisonOperator)
    /// Text that is not a token; the diagnostic says why. Boxed: rare, and the largest payload
    /// (the parser copies tokens at every step).
    indirect case invalid(Diagnostic)
    /// The end of the input (always the last token).
    case end
  }

  package let kind: Kind
  /// UTF-8 byte offsets into the source.
  package let range: SourceRange

  /// The keyword this token spells (case-insensitive), if it is a plain word that is a keyword.
  /// Computed once here, since the parser asks for it at every decision.
  package let keyword: Keyword?

  package init(_ kind: Kind, range: SourceRange) {
    self.kind = kind
    self.range = range
    if case .word(let w) = kind { keyword = Keyword(word: w) } else { keyword = nil }
  }

  /// A word token whose keyword the lexer has already told from its bytes.
  init(word: String, keyword: Keyword?, range: SourceRange) {
    self.kind = .word(word)
    self.range = range
    self.keyword = keyword
  }
}

/// The reserved words of the language. Matched case-insensitively; a field with one of these names
/// is written in backquotes (`` `limit` ``), a value with one of these spellings in quotes.
package enum Keyword: String, Sendable, Hashable, CaseIterable {
  case and, or, not, `in`, between, `is`, null, contains, startswith, endswith, any, all
  case sort, by, asc, desc, limit, `true`, `false`

  /// The keyword spelled by `word`, ignoring ASCII case.
  package init?(word: String) {
    var word = word
    guard let found = word.withUTF8({ Self.spelled(by: $0, 0..<$0.count) }) else { return nil }
    self = found
  }

  /// The keyword spelled by `bytes[range]`, ignoring ASCII case: read in place (no slice, no
  /// string, no generic collection code), as the lexer and the formatter ask this of every word.
  static func spelled(by bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Keyword? {
    guard let key = WordKey(bytes, range) else { return nil }
    return key.keyword
  }
}

/// The ASCII letters of a word of 2 to 10 letters, lowercased and packed into two integers (the
/// first eight bytes in `low`, the rest in `high`): compared with constants, it tells keywords and
/// the relative-date bases from other words without allocating.
struct WordKey: Equatable {
  var low: UInt64
  var high: UInt64

  /// Nil when `bytes[range]` is not 2 to 10 ASCII letters (then it is no keyword and no base).
  init?(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
    guard range.count >= 2, range.count <= 10, range.lowerBound >= 0, range.upperBound <= bytes.count else {
      return nil
    }
    var low: UInt64 = 0
    var high: UInt64 = 0
    // Masking shifts and wrapping arithmetic: the bounds are checked above, so no traps to test.
    var i = range.lowerBound
    var shift: UInt64 = 0
    while i < range.upperBound {
      let lower = bytes[i] | 0x20
      // An ASCII letter, either case (`| 0x20` maps only `A`–`Z` into `a`–`z`).
      guard lower &- 0x61 < 26 else { return nil }
      if shift < 64 { low |= UInt64(lower) &<< shift } else { high |= UInt64(lower) &<< (shift &- 64) }
      shift &+= 8
      i &+= 1
    }
    self.low = low
    self.high = high
  }

  /// The key of `bytes[range]`, a run of ASCII letters, digits and `_` as the lexer reads a word
  /// (nil when it is not 2 to 10 bytes long). Unlike `init?(_:_:)` it does not test for letters:
  /// in such a run only a letter lowercases (`| 0x20`) into `a`–`z` (a digit stays below 0x40, `_`
  /// becomes 0x7F), and the keyword and base constants are letters only, so a run with a digit or
  /// `_` matches none of them, just as its nil key would not. `LexerTests` compares the two.
  @inline(__always)
  init?(alphanumericRun bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
    guard range.count >= 2, range.count <= 10, range.lowerBound >= 0, range.upperBound <= bytes.count else {
      return nil
    }
    // From the last byte down, each shifted in below the ones after it: little-endian order,
    // with no per-byte test of which half it goes to.
    let split = Swift.min(range.upperBound, range.lowerBound &+ 8)
    var high: UInt64 = 0
    var i = range.upperBound
    while i > split {
      i &-= 1
      high = high &<< 8 | UInt64(bytes[i] | 0x20)
    }
    var low: UInt64 = 0
    while i > range.lowerBound {
      i &-= 1
      low = low &<< 8 | UInt64(bytes[i] | 0x20)
    }
    self.low = low
    self.high = high
  }

  /// The keyword these letters spell. The constants are the keywords' lowercase ASCII bytes,
  /// little-endian (`and` is 0x64_6e_61); `LexerTests` checks every keyword against them.
  var keyword: Keyword? {
    let found: Keyword
    switch low {
    case 0x64_6e61: found = .and
    case 0x72_6f: found = .or
    case 0x74_6f6e: found = .not
    case 0x6e_69: found = .in
    case 0x6e_6565_7774_6562: found = .between
    case 0x73_69: found = .is
    case 0x6c6c_756e: found = .null
    case 0x736e_6961_746e_6f63: found = .contains
    case 0x6977_7374_7261_7473: found = .startswith
    case 0x6874_6977_7364_6e65: found = .endswith
    case 0x79_6e61: found = .any
    case 0x6c_6c61: found = .all
    case 0x7472_6f73: found = .sort
    case 0x79_62: found = .by
    case 0x63_7361: found = .asc
    case 0x6373_6564: found = .desc
    case 0x74_696d_696c: found = .limit
    case 0x6575_7274: found = .true
    case 0x65_736c_6166: found = .false
    default: return nil
    }
    // Only `startswith` is longer than eight letters: its last two are `th`.
    return high == (found == .startswith ? 0x6874 : 0) ? found : nil
  }

  /// The relative date's base these letters spell: `today` or `now`.
  var relativeBase: RelativeDate.Base? {
    guard high == 0 else { return nil }
    switch low {
    case 0x79_6164_6f74: return .today
    case 0x77_6f6e: return .now
    default: return nil
    }
  }
}
