/// One lexical unit of a query, with the exact source range it was read from.
///
/// The lexer never throws: text it cannot read becomes an `.invalid` token carrying its diagnostic,
/// and the parser decides what to do with it (report it once and recover).
public struct Token: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
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
    /// Text that is not a token; the diagnostic says why.
    case invalid(Diagnostic)
    /// The end of the input (always the last token).
    case end
  }

  public var kind: Kind
  /// UTF-8 byte offsets into the source.
  public var range: SourceRange

  public init(_ kind: Kind, range: SourceRange) {
    self.kind = kind
    self.range = range
  }

  /// The keyword this token spells (case-insensitive), if it is a plain word that is a keyword.
  public var keyword: Keyword? {
    if case .word(let w) = kind { return Keyword(word: w) }
    return nil
  }
}

/// The reserved words of the language. Matched case-insensitively; a field with one of these names
/// is written in backquotes (`` `limit` ``), a value with one of these spellings in quotes.
public enum Keyword: String, Sendable, Hashable, CaseIterable {
  case and, or, not, `in`, between, `is`, null, contains, startswith, endswith, any, all
  case sort, by, asc, desc, limit, `true`, `false`

  /// The keyword spelled by `word`, ignoring ASCII case.
  public init?(word: String) {
    guard word.utf8.count <= 10, word.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
    self.init(rawValue: word.lowercased())
  }
}
