import Testing

@testable import InvoiceQL
@testable import InvoiceQLImport
@testable import InvoiceQLJSON
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSavedSearches
@testable import InvoiceQLSemantics
@testable import InvoiceQLStreaming
@testable import InvoiceQLSyntax

/// Each diagnostic kind of the lexer and parser: its message, and the exact caret under the source.
///
/// Cases are written as the source line and the caret line beneath it, so the expected column is
/// visible in the test itself.
@Suite struct DiagnosticTests {
  struct Case: Sendable, CustomStringConvertible {
    var kind: Diagnostic.Kind
    var source: String
    var caret: String
    var message: String
    var help: String?
    var description: String { source }
  }

  static let cases: [Case] = [
    Case(
      kind: .unterminatedString, source: #"memo = "abc"#, caret: "       ^~~~",
      message: "unterminated string", help: #"end the string with " on the same line"#),
    Case(
      kind: .unterminatedString, source: "`limit = 1", caret: "^~~~~~~~~~",
      message: "unterminated backquoted name"),
    Case(
      kind: .invalidEscape, source: #"memo = "a\qb""#, caret: "         ^~",
      message: #"invalid escape sequence '\q'"#),
    Case(
      kind: .invalidEscape, source: #"memo = "\u12""#, caret: "        ^~",
      message: #"'\u' needs four hexadecimal digits"#),
    Case(
      kind: .invalidEscape, source: #"memo = "\uD800x""#, caret: "        ^~~~~~",
      message: #"unpaired surrogate '\uD800'"#),
    Case(kind: .invalidCharacter, source: "a = 1 # b", caret: "      ^", message: "unexpected character '#'"),
    Case(
      kind: .invalidCharacter, source: "a == 1", caret: "  ^~", message: "'==' is not an operator",
      help: "use '=' to compare"),
    Case(kind: .invalidCharacter, source: "a <> 1", caret: "  ^~", message: "'<>' is not an operator"),
    Case(
      kind: .invalidCharacter, source: "status = written-off", caret: "                ^",
      message: "unexpected character '-'"),
    Case(kind: .invalidNumber, source: "total > 1.", caret: "        ^~", message: "invalid number '1.'"),
    Case(kind: .invalidNumber, source: "total > 1e", caret: "        ^~", message: "invalid number '1e'"),
    Case(
      kind: .invalidNumber, source: "total > .5", caret: "        ^~", message: "invalid number '.5'",
      help: "write a digit before the point: '0.5'"),
    Case(kind: .invalidNumber, source: "age > 30d", caret: "      ^~~", message: "invalid number '30d'"),
    Case(
      kind: .invalidDate, source: "dueDate < 2025-02-30", caret: "          ^~~~~~~~~~",
      message: "invalid date '2025-02-30': February 2025 has 28 days"),
    Case(
      kind: .invalidDate, source: "dueDate < 2025-13-01", caret: "          ^~~~~~~~~~",
      message: "invalid date '2025-13-01': there is no month 13"),
    Case(
      kind: .invalidDate, source: "dueDate < 2025-5-1", caret: "          ^~~~~~~~",
      message: "invalid date '2025-5-1'"),
    Case(
      kind: .invalidDateTime, source: "t > 2025-05-01T25:00:00Z", caret: "    ^~~~~~~~~~~~~~~~~~~~",
      message: "invalid date-time '2025-05-01T25:00:00Z': time out of range"),
    Case(
      kind: .invalidDateTime, source: "t > 2025-05-01T10:00:00+2", caret: "    ^~~~~~~~~~~~~~~~~~~~~",
      message: "invalid date-time '2025-05-01T10:00:00+2': expected 'Z' or an offset like +02:00"),
    Case(
      kind: .invalidRelativeDate, source: "d < today-2h", caret: "    ^~~~~~~~",
      message: "invalid relative date 'today-2h': 'today' takes no unit 'h'"),
    Case(
      kind: .invalidRelativeDate, source: "d < now-3x", caret: "    ^~~~~~",
      message: "invalid relative date 'now-3x': unknown unit 'x'"),
    Case(
      kind: .invalidRelativeDate, source: "d < today-30", caret: "    ^~~~~~~~",
      message: "invalid relative date 'today-30': missing unit"),
    Case(
      kind: .invalidRelativeDate, source: "d < today-99999999d", caret: "    ^~~~~~~~~~~~~~~",
      message: "relative date 'today-99999999d' is too far away"),
    Case(
      kind: .unexpectedToken, source: "a = 1 and", caret: "         ^",
      message: "expected a condition, found the end of the query"),
    Case(
      kind: .unexpectedToken, source: "a =", caret: "   ^",
      message: "expected a value, found the end of the query"),
    Case(
      kind: .unexpectedToken, source: "a = and", caret: "    ^~~", message: "expected a value, found 'and'",
      help: #"to use 'and' as text, quote it: "and""#),
    Case(
      kind: .unexpectedToken, source: "a 5", caret: "  ^",
      message: "expected an operator after 'a', found '5'"),
    Case(kind: .unexpectedToken, source: "5 = a", caret: "^", message: "expected a condition, found '5'"),
    Case(
      kind: .unexpectedToken, source: "a is 5", caret: "     ^",
      message: "expected 'null' or 'not null' after 'is', found '5'"),
    Case(
      kind: .unexpectedToken, source: "a not like 5", caret: "      ^~~~",
      message: "expected 'in' after 'not', found 'like'"),
    Case(
      kind: .unexpectedToken, source: "a between 1 or 2", caret: "            ^~",
      message: "expected 'and' in 'between … and …', found 'or'"),
    Case(
      kind: .unexpectedToken, source: "a in 1", caret: "     ^",
      message: "expected '(' to start the list of values, found '1'"),
    Case(
      kind: .unexpectedToken, source: "a in (1 2)", caret: "        ^",
      message: "expected ',' or ')' in the list, found '2'"),
    Case(
      kind: .unexpectedToken, source: "(a = 1 b = 2)", caret: "       ^",
      message: "expected ')' or a boolean operator, found 'b'"),
    Case(
      kind: .unexpectedToken, source: "()", caret: " ^", message: "empty parentheses: expected a condition"),
    Case(
      kind: .unexpectedToken, source: "any(items x = 1)", caret: "          ^",
      message: "expected ',' after the array field, found 'x'"),
    Case(
      kind: .unexpectedToken, source: "a = 1 sort dueDate", caret: "           ^~~~~~~",
      message: "expected 'by' after 'sort', found 'dueDate'"),
    Case(kind: .invalidNumber, source: "a.5 = 1", caret: " ^~", message: "invalid number '.5'"),
    Case(
      kind: .unexpectedToken, source: "a. = 1", caret: "   ^",
      message: "expected a field name after '.', found '='"),
    Case(
      kind: .unexpectedToken, source: "a = `b`", caret: "    ^~~", message: "expected a value, found '`b`'"),
    Case(
      kind: .unbalancedParentheses, source: "(a = 1 and (b = 2)", caret: "^",
      message: "unbalanced parentheses: this '(' is never closed"),
    Case(
      kind: .unbalancedParentheses, source: "a = 1)", caret: "     ^",
      message: "unbalanced parentheses: this ')' closes nothing"),
    Case(
      kind: .unbalancedParentheses, source: "a in (1, 2", caret: "     ^",
      message: "unbalanced parentheses: the list's '(' is never closed"),
    Case(
      kind: .emptyList, source: "status in ()", caret: "          ^~",
      message: "empty list: 'in' needs at least one value"),
    Case(
      kind: .emptyList, source: "status not in ( )", caret: "              ^~~",
      message: "empty list: 'in' needs at least one value"),
    Case(
      kind: .trailingInput, source: "a = 1 b", caret: "      ^",
      message: "unexpected 'b' after a complete condition", help: "join conditions with 'and' or 'or'"),
    Case(
      kind: .nullComparison, source: "f = null", caret: "  ^~~~~~",
      message: "'null' is not a value; '= null' compares with nothing",
      help: "to test for a missing value, write 'f is null'"),
    Case(
      kind: .nullComparison, source: "f != NULL", caret: "  ^~~~~~~",
      message: "'null' is not a value; '!= null' compares with nothing",
      help: "to test for a missing value, write 'f is not null'"),
    Case(
      kind: .nullComparison, source: "f in (1, null)", caret: "         ^~~~",
      message: "'null' cannot be in a list"),
    Case(
      kind: .nullComparison, source: "f contains null", caret: "           ^~~~",
      message: "'null' is not a value for 'contains'"),
    Case(
      kind: .keywordAsField, source: "limit = 5", caret: "^~~~~",
      message: "'limit' is a keyword, not a field name",
      help: "write a field with this name in backquotes: `limit`"),
    Case(
      kind: .keywordAsField, source: "a = 1 and sort.x = 2", caret: "          ^~~~",
      message: "'sort' is a keyword, not a field name"),
    Case(
      kind: .invalidLimit, source: "a = 1 limit -1", caret: "            ^~", message: "invalid limit '-1'"),
    Case(
      kind: .invalidLimit, source: "a = 1 limit 007", caret: "            ^~~", message: "invalid limit '007'"
    ),
    Case(
      kind: .invalidLimit, source: "a = 1 limit 2.5", caret: "            ^~~", message: "invalid limit '2.5'"
    ),
    Case(
      kind: .invalidLimit, source: "a = 1 limit 99999999999", caret: "            ^~~~~~~~~~~",
      message: "invalid limit '99999999999'"),
    Case(
      kind: .misplacedClause, source: "a = 1 limit 5 sort by b", caret: "              ^~~~",
      message: "'sort by' must come before 'limit'"),
    Case(
      kind: .misplacedClause, source: "a = 1 limit 5 limit 6", caret: "              ^~~~~",
      message: "a query has at most one 'limit' clause"),
  ]

  @Test(arguments: cases) func diagnosticHasMessageKindAndCaretColumn(_ c: Case) throws {
    let error = #expect(throws: DiagnosticError.self) { try Parser.parse(c.source) }
    guard let first = error?.diagnostics.first else { return }
    #expect(first.kind == c.kind)
    #expect(first.message == c.message)
    let lines = first.render(source: c.source).split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first == "error: \(c.message)")
    #expect(lines.count >= 3)
    if lines.count >= 3 {
      #expect(lines[1] == " | \(c.source)")
      #expect(lines[2] == " | \(c.caret)")
    }
    if let help = c.help { #expect(first.help.contains(help)) }
  }

  @Test func renderingMatchesTheSpecExampleLayout() throws {
    let error = #expect(throws: DiagnosticError.self) { try Parser.parse("status = open and due = null") }
    #expect(
      error?.description == """
        error: 'null' is not a value; '= null' compares with nothing
         | status = open and due = null
         |                       ^~~~~~
         = help: to test for a missing value, write 'due is null'
        """)
  }

  @Test func nullComparisonOffersAFixIt() throws {
    let error = #expect(throws: DiagnosticError.self) { try Parser.parse("f = null") }
    #expect(
      error?.diagnostics.first?.fixIts == [Diagnostic.FixIt(range: SourceRange(2, 8), replacement: "is null")]
    )
  }

  @Test func everyIndependentErrorIsReportedInSourceOrder() throws {
    let error = #expect(throws: DiagnosticError.self) {
      try Parser.parse("a = 2025-02-30 and b = \"x\\q\" and c in () or d = null and (e = 1")
    }
    #expect(
      error?.diagnostics.map(\.kind) == [
        .invalidDate, .invalidEscape, .emptyList, .nullComparison, .unbalancedParentheses,
      ])
  }

  @Test func misplacedNotReportsOnceAndSkipsTheWholeOperator() throws {
    let error = #expect(throws: DiagnosticError.self) { try Parser.parse("f not between 1 and 2 and g = 1") }
    #expect(error?.diagnostics.count == 1)
    #expect(error?.diagnostics.first?.help == ["put 'not' before the whole condition: not f between …"])
  }

  @Test func spacedRelativeDateParsesAndPrintsWithoutSpaces() throws {
    #expect(Formatter.format(try Parser.parse("d > today - 30d")) == "d > today-30d")
    #expect(Formatter.format(try Parser.parse("d > NOW + 2h")) == "d > now+2h")
  }

  @Test func aSignWithoutAnAmountAfterTodayGetsTheRelativeDateHelp() throws {
    let error = #expect(throws: DiagnosticError.self) { try Parser.parse("d > today - d") }
    #expect(
      error?.diagnostics.first?.help == ["write a relative date with a number and a unit: today-30d, now+2h"])
    let plus = #expect(throws: DiagnosticError.self) { try Parser.parse("d > NOW + h") }
    #expect(
      plus?.diagnostics.first?.help == ["write a relative date with a number and a unit: today-30d, now+2h"])
  }

  @Test func caretCountsCharactersNotBytes() throws {
    let source = "naïve = \"é\" and x = 2025-02-30"
    let error = #expect(throws: DiagnosticError.self) { try Parser.parse(source) }
    let caret = error?.diagnostics.first?.render(source: source).split(separator: "\n")[2]
    #expect(caret == " |                     ^~~~~~~~~~")
  }
}

@Suite struct LongLineRenderingTests {
  @Test func aLongLineIsShownAsAWindowWithTheCaretUnderTheRange() throws {
    let source =
      String(repeating: "a = 1 and ", count: 50) + "dueDat < 2025-05-01 and "
      + String(
        repeating: "b = 2 and ", count: 50) + "c = 3"
    let found = try #require(source.range(of: "dueDat"))
    let start = source.utf8.distance(from: source.startIndex, to: found.lowerBound)
    let diagnostic = Diagnostic(
      kind: .unknownField, message: "unknown field 'dueDat'", range: SourceRange(start, start + 6))
    let lines = diagnostic.render(source: source).split(separator: "\n").map(String.init)
    #expect(lines.count == 3)
    #expect(lines[1].count <= Diagnostic.maxLineWidth + 5)
    #expect(lines[1].hasPrefix(" | …") && lines[1].hasSuffix("…"))
    let caret = try #require(lines[2].firstIndex(of: "^"))
    let column = lines[2].distance(from: lines[2].startIndex, to: caret)
    let under = lines[1].dropFirst(column).prefix(6)
    #expect(under == "dueDat")
    #expect(lines[2].hasSuffix("^~~~~~"))
  }

  @Test func aTabIsShownAsOneSpaceAndTheCaretStaysUnderTheRange() {
    // A combining accent after a tab joins the space shown for it, and takes no column of its own.
    let source = "status\t=\t\u{301}open and\tdueDat < 2025-05-01"
    let start = source.utf8.count - "dueDat < 2025-05-01".utf8.count
    let diagnostic = Diagnostic(
      kind: .unknownField, message: "unknown field 'dueDat'", range: SourceRange(start, start + 6))
    let lines = diagnostic.render(source: source).split(separator: "\n").map(String.init)
    #expect(lines[1] == " | status = \u{301}open and dueDat < 2025-05-01")
    #expect(lines[2] == " | " + String(repeating: " ", count: 18) + "^~~~~~")
  }

  @Test func aShortLineIsShownWhole() {
    let source = "status = open and dueDat < 2025-05-01"
    let diagnostic = Diagnostic(
      kind: .unknownField, message: "unknown field 'dueDat'", range: SourceRange(18, 24))
    #expect(
      diagnostic.render(source: source)
        == "error: unknown field 'dueDat'\n | \(source)\n |                   ^~~~~~")
  }
}
