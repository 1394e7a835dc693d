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

/// Builders that keep the expected trees short (ranges are ignored by equality).
enum T {
  static let r = SourceRange.at(0)
  static func f(_ path: String) -> FieldPath {
    FieldPath(path.split(separator: ".").map(String.init), range: r)
  }
  static func word(_ w: String) -> Literal { Literal(.word(w), range: r) }
  static func str(_ s: String) -> Literal { Literal(.string(s), range: r) }
  static func num(_ n: String) -> Literal { Literal(.number(n), range: r) }
  static func date(_ y: Int, _ m: Int, _ d: Int) -> Literal {
    Literal(.date(CivilDate(year: y, month: m, day: d)!), range: r)
  }
  static func cmp(_ path: String, _ op: ComparisonOperator, _ v: Literal) -> Expression {
    Expression(.comparison(f(path), op, v), range: r)
  }
  static func and(_ es: Expression...) -> Expression { Expression(.and(es), range: r) }
  static func or(_ es: Expression...) -> Expression { Expression(.or(es), range: r) }
  static func not(_ e: Expression) -> Expression { Expression(.not(e), range: r) }
}

@Suite struct ParserTests {
  func parse(_ s: String) throws -> Query { try Parser.parse(s) }
  func filter(_ s: String) throws -> Expression { try Parser.parseExpression(s) }

  @Test func comparisonWithEveryOperator() throws {
    for op in ComparisonOperator.allCases {
      #expect(try filter("total \(op.rawValue) 5") == T.cmp("total", op, T.num("5")))
    }
  }

  @Test func notBindsTighterThanAndWhichBindsTighterThanOr() throws {
    let e = try filter("a = 1 or not b = 2 and c = 3")
    #expect(
      e
        == T.or(
          T.cmp("a", .equal, T.num("1")),
          T.and(T.not(T.cmp("b", .equal, T.num("2"))), T.cmp("c", .equal, T.num("3")))))
  }

  @Test func parenthesesGroupAndSameOperatorsFlatten() throws {
    let e = try filter("(a = 1 or b = 2) and (c = 3 and (d = 4 and e = 5))")
    let expected = T.and(
      T.or(T.cmp("a", .equal, T.num("1")), T.cmp("b", .equal, T.num("2"))),
      T.cmp("c", .equal, T.num("3")), T.cmp("d", .equal, T.num("4")), T.cmp("e", .equal, T.num("5")))
    #expect(e == expected)
  }

  @Test func keywordsAreCaseInsensitive() throws {
    #expect(
      try filter("a = 1 AND NOT b IS NULL Or c In (x)") == filter("a = 1 and not b is null or c in (x)"))
  }

  @Test func membershipAndNegatedMembership() throws {
    #expect(
      try filter("status in (open, paid)")
        == Expression(
          .membership(T.f("status"), [T.word("open"), T.word("paid")], negated: false), range: T.r))
    #expect(
      try filter("status not in (\"a\")")
        == Expression(.membership(T.f("status"), [T.str("a")], negated: true), range: T.r))
  }

  @Test func betweenConsumesItsAnd() throws {
    let e = try filter("total between 1 and 2 and x = y")
    #expect(
      e
        == T.and(
          Expression(.between(T.f("total"), T.num("1"), T.num("2")), range: T.r),
          T.cmp("x", .equal, T.word("y"))))
  }

  @Test func isNullAndIsNotNull() throws {
    #expect(try filter("a is null") == Expression(.isNull(T.f("a"), negated: false), range: T.r))
    #expect(try filter("a.b IS NOT NULL") == Expression(.isNull(T.f("a.b"), negated: true), range: T.r))
  }

  @Test func textOperators() throws {
    for op in TextOperator.allCases {
      #expect(
        try filter("memo \(op.rawValue) \"x\"") == Expression(.text(T.f("memo"), op, T.str("x")), range: T.r))
    }
  }

  @Test func quantifiersNest() throws {
    let e = try filter("any(line_items, all(taxes, rate > 0) and qty > 2)")
    let inner = Expression(.quantified(.all, T.f("taxes"), T.cmp("rate", .greater, T.num("0"))), range: T.r)
    #expect(
      e
        == Expression(
          .quantified(.any, T.f("line_items"), T.and(inner, T.cmp("qty", .greater, T.num("2")))), range: T.r))
  }

  @Test func dottedAndBackquotedPaths() throws {
    #expect(
      try filter("billing_address.country = DE") == T.cmp("billing_address.country", .equal, T.word("DE")))
    let e = try filter("`limit`.`a b`.sort = 1")
    #expect(
      e
        == Expression(
          .comparison(FieldPath(["limit", "a b", "sort"], range: T.r), .equal, T.num("1")), range: T.r))
  }

  @Test func everyLiteralKind() throws {
    func value(_ text: String) throws -> Literal.Kind {
      guard case .comparison(_, _, let v) = try filter("x = \(text)").kind else { throw CancellationError() }
      return v.kind
    }
    #expect(try value(#""a\"b\\c\n\t\u00e9\uD83D\uDE00""#) == .string("a\"b\\c\n\té😀"))
    #expect(try value(#"'it\'s'"#) == .string("it's"))
    #expect(try value("writtenOff") == .word("writtenOff"))
    #expect(try value("-3.5") == .number("-3.5"))
    #expect(try value("1E3") == .number("1e3"))
    #expect(try value("1e-400") == .number("1e-400"))
    #expect(try value("2025-05-01") == .date(CivilDate(year: 2025, month: 5, day: 1)!))
    let dt = CivilDateTime(
      date: CivilDate(year: 2025, month: 5, day: 1)!, hour: 10, minute: 0, second: 0, fraction: "123",
      offsetSeconds: 7200)!
    #expect(try value("2025-05-01T10:00:00.123+02:00") == .dateTime(dt))
    let local = CivilDateTime(
      date: CivilDate(year: 2025, month: 5, day: 1)!, hour: 10, minute: 0, second: 0, offsetSeconds: nil)!
    #expect(try value("2025-05-01T10:00:00") == .dateTime(local))
    #expect(try value("today") == .relative(RelativeDate(base: .today)))
    #expect(try value("NOW") == .relative(RelativeDate(base: .now)))
    #expect(try value("today-30d") == .relative(RelativeDate(base: .today, amount: -30, unit: .days)))
    #expect(try value("now-2h") == .relative(RelativeDate(base: .now, amount: -2, unit: .hours)))
    #expect(try value("today+1w") == .relative(RelativeDate(base: .today, amount: 1, unit: .weeks)))
    #expect(try value("now-15min") == .relative(RelativeDate(base: .now, amount: -15, unit: .minutes)))
    #expect(try value("today+2mo") == .relative(RelativeDate(base: .today, amount: 2, unit: .months)))
    #expect(try value("True") == .boolean(true))
    #expect(try value("false") == .boolean(false))
  }

  @Test func sortAndLimitClauses() throws {
    let q = try parse("status = open sort by dueDate asc, total desc, id limit 50")
    #expect(q.filter == T.cmp("status", .equal, T.word("open")))
    #expect(q.sort.map { "\($0.field)" } == ["dueDate", "total", "id"])
    #expect(q.sort.map(\.descending) == [false, true, false])
    #expect(q.limit?.count == 50)
    #expect(try parse("a = 1 limit 1").limit?.count == 1)
    #expect(try parse("a = 1 limit 0").limit?.count == 0)
    #expect(try parse("a = 1 limit 1000000000").limit?.count == 1_000_000_000)
    #expect(try parse("a = 1").sort.isEmpty)
  }

  @Test func rangesPointAtTheSource() throws {
    let source = "status = open and (total > 5)"
    let e = try filter(source)
    guard case .and(let operands) = e.kind else { Issue.record("not an and"); return }
    #expect(e.range == SourceRange(0, source.utf8.count))
    #expect(operands[0].range == SourceRange(0, 13))
    #expect(operands[1].range == SourceRange(18, 29))
    guard case .comparison(let field, _, let value) = operands[1].kind else {
      Issue.record("no comparison"); return
    }
    #expect(field.range == SourceRange(19, 24))
    #expect(value.range == SourceRange(27, 28))
  }

  @Test func parseExpressionRejectsClauses() {
    #expect(throws: DiagnosticError.self) { try Parser.parseExpression("a = 1 limit 5") }
  }

  @Test func nonASCIINamesAndWords() throws {
    #expect(try filter("größe = grün") == T.cmp("größe", .equal, T.word("grün")))
  }
}
