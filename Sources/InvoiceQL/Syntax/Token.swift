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
    self.init(utf8: word.utf8)
  }

  /// The keyword spelled by the UTF-8 bytes `utf8`, ignoring ASCII case.
  init?(utf8: some Collection<UInt8>) {
    // Packs the lowercased ASCII letters into two integers and compares with a precomputed table:
    // no allocation, since the lexer asks this of every word.
    guard let key = Self.key(utf8) else { return nil }
    guard let found = Self.table.first(where: { $0.key == key }) else { return nil }
    self = found.keyword
  }

  private struct Key: Equatable {
    var low: UInt64
    var high: UInt64
  }

  private static func key(_ utf8: some Collection<UInt8>) -> Key? {
    guard (2...10).contains(utf8.count) else { return nil }
    var key = Key(low: 0, high: 0)
    var i = 0
    for b in utf8 {
      let lower: UInt8
      switch b {
      case 0x41...0x5A: lower = b | 0x20
      case 0x61...0x7A: lower = b
      default: return nil
      }
      if i < 8 { key.low |= UInt64(lower) << (8 * i) } else { key.high |= UInt64(lower) << (8 * (i - 8)) }
      i += 1
    }
    return key
  }

  private static let table: [(key: Key, keyword: Keyword)] = allCases.compactMap { k in
    key(k.rawValue.utf8).map { ($0, k) }
  }
}
