/// The diagnostic kinds of the lexer and the parser (`Diagnostic.Kind` is an open set; each stage
/// declares its own).
extension Diagnostic.Kind {
  /// A quoted string or backquoted name without its closing quote on the same line.
  public static let unterminatedString = Self("unterminated-string")
  /// `\q` and other escapes the language does not define, or a `\u` that is not a scalar.
  public static let invalidEscape = Self("invalid-escape")
  /// A character that starts no token (`#`, a lone `!`).
  public static let invalidCharacter = Self("invalid-character")
  /// A malformed number (`1.`, `1e`, `.5`, `30d`).
  public static let invalidNumber = Self("invalid-number")
  /// A date that is malformed or does not exist (`2025-02-30`).
  public static let invalidDate = Self("invalid-date")
  /// A malformed date-time, time or offset (`2025-05-01T25:00:00Z`).
  public static let invalidDateTime = Self("invalid-datetime")
  /// A malformed relative date (`today-2h`, `now-3x`).
  public static let invalidRelativeDate = Self("invalid-relative-date")
  /// A token where another was expected.
  public static let unexpectedToken = Self("unexpected-token")
  /// Nothing to parse.
  public static let emptyQuery = Self("empty-query")
  /// A `(` never closed, or a `)` never opened.
  public static let unbalancedParentheses = Self("unbalanced-parentheses")
  /// `in ()`.
  public static let emptyList = Self("empty-list")
  /// Input left over after a complete query.
  public static let trailingInput = Self("trailing-input")
  /// `f = null` and friends; the help says `is null`.
  public static let nullComparison = Self("null-comparison")
  /// A reserved word where a field name was expected.
  public static let keywordAsField = Self("keyword-as-field")
  /// `limit -1`, `limit 1.5`, `limit 007`, a limit too large.
  public static let invalidLimit = Self("invalid-limit")
  /// Clauses out of order (`limit` before `sort by`) or repeated.
  public static let misplacedClause = Self("misplaced-clause")
  /// The query is longer than `ParserLimits.maximumSourceBytes`.
  public static let queryTooLong = Self("query-too-long")
  /// Parentheses, `not` and quantifiers nested deeper than `ParserLimits.maximumDepth`.
  public static let nestingTooDeep = Self("nesting-too-deep")
  /// An `in (…)` list longer than `ParserLimits.maximumListCount`.
  public static let listTooLong = Self("list-too-long")
  /// More than `ParserLimits.maximumDiagnostics` problems: the parser stopped reporting.
  public static let tooManyErrors = Self("too-many-errors")
}
