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
}
