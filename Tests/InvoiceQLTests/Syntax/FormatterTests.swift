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

@Suite struct FormatterTests {
  static let canonical: [(String, String)] = [
    ("STATUS IN (open,PAID)AND dueDate<2025-05-01", "STATUS in (open, PAID) and dueDate < 2025-05-01"),
    ("((a = 1))", "a = 1"),
    ("(a = 1 or b = 2) and c = 3", "(a = 1 or b = 2) and c = 3"),
    ("a = 1 or (b = 2 and c = 3)", "a = 1 or b = 2 and c = 3"),
    ("a = 1 or (b = 2 or c = 3)", "a = 1 or b = 2 or c = 3"),
    ("not (a = 1)", "not a = 1"),
    ("not (a = 1 and b = 2)", "not (a = 1 and b = 2)"),
    ("NOT NOT a IS NOT NULL", "not not a is not null"),
    ("x = 'it\\'s' and y = \"tab\\there\"", "x = \"it's\" and y = \"tab\\there\""),
    ("x = \"\\u0001\"", "x = \"\\u0001\""),
    ("n = 1E+3", "n = 1e+3"),
    ("t = 2025-05-01t10:00+00:00", "t = 2025-05-01T10:00:00Z"),
    ("d >= TODAY-30D and e < Now", "d >= today-30d and e < now"),
    ("any ( items , q > 2 )", "any(items, q > 2)"),
    ("a.b . c = 1", "a.b.c = 1"),
    ("`a b`.c = 1 and `sort` = 2", "`a b`.c = 1 and `sort` = 2"),
    (
      "status = open SORT BY dueDate, total DESC LIMIT 50",
      "status = open sort by dueDate asc, total desc limit 50"
    ),
    ("f between today-1w and today", "f between today-1w and today"),
    ("m CONTAINS refund", "m contains refund"),
  ]

  @Test func formatsToCanonicalText() throws {
    for (input, expected) in Self.canonical {
      let formatted = Formatter.format(try Parser.parse(input))
      #expect(formatted == expected, "\(input)")
      #expect(Formatter.format(try Parser.parse(formatted)) == formatted, "idempotent: \(input)")
      #expect(try Parser.parse(formatted) == Parser.parse(input), "same tree: \(input)")
    }
  }

  @Test func handBuiltTreesKeepTheirMeaning() throws {
    let r = SourceRange.at(0)
    let f = FieldPath(["limit", "a-b"], range: r)
    let e = Expression(.comparison(f, .equal, Literal(.word("written off"), range: r)), range: r)
    #expect(Formatter.format(e) == "`limit`.`a-b` = \"written off\"")
    let keywordWord = Expression(
      .comparison(FieldPath(["x"], range: r), .equal, Literal(.word("today"), range: r)), range: r)
    #expect(Formatter.format(keywordWord) == "x = \"today\"")
    let badNumber = Expression(
      .comparison(FieldPath(["x"], range: r), .equal, Literal(.number("+5"), range: r)), range: r)
    #expect(Formatter.format(badNumber) == "x = \"+5\"")
    let upperExponent = Expression(
      .comparison(FieldPath(["x"], range: r), .equal, Literal(.number("1E3"), range: r)), range: r)
    #expect(Formatter.format(upperExponent) == "x = 1e3")
    let a = Expression(
      .comparison(FieldPath(["a"], range: r), .equal, Literal(.number("1"), range: r)), range: r)
    let nested = Expression(.or([a, Expression(.or([a, a]), range: r)]), range: r)
    #expect(Formatter.format(nested) == "a = 1 or (a = 1 or a = 1)")
    let nestedAnd = Expression(.and([Expression(.and([a, a]), range: r), a]), range: r)
    #expect(Formatter.format(nestedAnd) == "(a = 1 and a = 1) and a = 1")
  }

  /// The formatter writes literals into a byte buffer; what it writes is the literal's own
  /// description (dates, date-times, relative dates), the number with `e`, and words bare exactly
  /// when `isBareWord` says so, whatever the year's digits, the word's case or script.
  @Test func literalsAreWrittenAsTheirDescriptionsAndBareWordsExactlyWhenTheyReadBack() {
    let r = SourceRange.at(0)
    var dates = [1, 9, 99, 999, 1000, 2025, 9999].map { CivilDate(year: $0, month: 2, day: 3)! }
    var outOfRange = CivilDate(year: 2025, month: 1, day: 1)!
    outOfRange.month = 123
    outOfRange.year = 12345
    dates.append(outOfRange)
    for date in dates {
      #expect(Formatter.format(Literal(.date(date), range: r)) == date.description)
    }
    let relatives = [
      RelativeDate(base: .today), RelativeDate(base: .now, amount: -15, unit: .minutes),
      RelativeDate(base: .today, amount: 1_000_000, unit: .years),
      RelativeDate(base: .now, amount: 0, unit: .hours),
    ]
    for relative in relatives {
      #expect(Formatter.format(Literal(.relative(relative), range: r)) == relative.description)
    }
    for word in [
      "open", "Today", "NOW", "nowhere", "todays", "And", "STARTSWITH", "null", "x_1", "_", "1a", "a-b", "",
      "é",
      "straße", "ｔｏｄａｙ", "K", "\u{212A}",
    ] {
      let expected = Formatter.isBareWord(word) ? word : Formatter.quote(word)
      #expect(Formatter.format(Literal(.word(word), range: r)) == expected, "\(word)")
    }
    for (number, expected) in [("1E3", "1e3"), ("-2.5E-3", "-2.5e-3"), ("10", "10"), ("1,000", "\"1,000\"")] {
      #expect(Formatter.format(Literal(.number(number), range: r)) == expected)
    }
    for name in ["a", "limit", "Sort", "a b", "é", "x`y"] {
      let path = FieldPath([name, name], range: r)
      let first =
        Lexer.isPlainIdentifier(name) && Keyword(word: name) == nil ? name : Formatter.quoteName(name)
      let second = Lexer.isPlainIdentifier(name) ? name : Formatter.quoteName(name)
      #expect(Formatter.format(path) == first + "." + second, "\(name)")
    }
  }
}
