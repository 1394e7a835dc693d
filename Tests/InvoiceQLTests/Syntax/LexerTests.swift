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

@Suite struct LexerTests {
  func kinds(_ s: String) -> [Token.Kind] { Lexer.tokens(s).map(\.kind) }

  @Test func punctuationOperatorsAndWords() {
    #expect(
      kinds("a.b(x,y)!=<=>=< >=") == [
        .word("a"), .dot, .word("b"), .leftParen, .word("x"), .comma, .word("y"), .rightParen,
        .comparison(.notEqual), .comparison(.lessOrEqual), .comparison(.greaterOrEqual),
        .comparison(.less), .comparison(.greaterOrEqual), .end,
      ])
  }

  @Test func rangesAreUTF8Offsets() {
    let tokens = Lexer.tokens("é = \"ü\"")
    #expect(
      tokens.map(\.range) == [SourceRange(0, 2), SourceRange(3, 4), SourceRange(5, 9), SourceRange(9, 9)])
  }

  @Test func keywordsAreRecognisedInAnyCaseAndOnlyExactly() {
    for keyword in Keyword.allCases {
      #expect(Keyword(word: keyword.rawValue) == keyword)
      #expect(Keyword(word: keyword.rawValue.uppercased()) == keyword)
      #expect(Keyword(word: keyword.rawValue + "s") == nil)
      #expect(Keyword(word: String(keyword.rawValue.dropLast())) == nil)
    }
    #expect(Keyword(word: "sortby") == nil)
    #expect(Keyword(word: "ａnd") == nil)
    #expect(Keyword(word: "") == nil)
  }

  /// Words are told from their letters packed into two integers (`WordKey`): every letter counts,
  /// also past the eighth, and a word that is no keyword is never read as one.
  @Test func aKeywordIsToldByAllItsLettersAndNoOtherWordIsOne() throws {
    #expect(Keyword(word: "StartsWith") == .startswith)
    for other in ["startswi", "startswitx", "startswithh", "containsth", "endswithth", "an_d", "and1", "a"] {
      #expect(Keyword(word: other) == nil, "\(other)")
      #expect(Lexer.tokens(other)[0].keyword == nil, "\(other)")
    }
    for keyword in Keyword.allCases {
      #expect(Lexer.tokens(keyword.rawValue.uppercased())[0].keyword == keyword)
    }
    // `today` and `now` in any case are values; longer or shorter words are bare words.
    #expect(kinds("x = ToDay")[2] == .word("ToDay"))
    for word in ["todayy", "toda", "nowx", "no", "k"] {
      #expect(
        try Parser.parse("x = \(word)").filter
          == .init(
            .comparison(FieldPath(["x"], range: .at(0)), .equal, Literal(.word(word), range: .at(0))),
            range: .at(0)))
    }
    #expect(
      try Parser.parse("x = ToDay").filter
        == .init(
          .comparison(
            FieldPath(["x"], range: .at(0)), .equal, Literal(.relative(.init(base: .today)), range: .at(0))),
          range: .at(0)))
  }

  @Test func aSignAfterTodayOrNowWithOrWithoutSpacesMakesARelativeDate() {
    let threeDaysAgo: [Token.Kind] = [
      .literal(.relative(RelativeDate(base: .today, amount: -3, unit: .days))), .end,
    ]
    for text in ["today-3d", "today -3d", "today - 3d", "today- 3d", "today\t-\t3d", "TODAY - 3D"] {
      #expect(kinds(text) == threeDaysAgo, "\(text)")
    }
    #expect(
      kinds("now + 2h") == [.literal(.relative(RelativeDate(base: .now, amount: 2, unit: .hours))), .end])
    #expect(Lexer.tokens("today - 30d")[0].range == SourceRange(0, 11))
    #expect(kinds("todays-3d").first == .word("todays"))
    // Without a digit after the spaced sign it stays a word and an invalid '-'.
    let noAmount = kinds("today - d")
    #expect(noAmount.first == .word("today") && noAmount.count == 4)
  }

  @Test func theLexerNeverThrowsAndKeepsGoingAfterAnError() {
    let tokens = Lexer.tokens("a # b \"unterminated")
    #expect(tokens.count == 5)
    if case .invalid(let d) = tokens[1].kind {
      #expect(d.kind == .invalidCharacter)
    } else {
      Issue.record("no error token")
    }
    #expect(tokens[2].kind == .word("b"))
    if case .invalid(let d) = tokens[3].kind {
      #expect(d.kind == .unterminatedString)
    } else {
      Issue.record("no error token")
    }
  }

  @Test func numbersKeepTheirExactSpelling() {
    #expect(
      kinds("100.10 -0 1E-400 007") == [
        .literal(.number("100.10")), .literal(.number("-0")), .literal(.number("1e-400")),
        .literal(.number("007")), .end,
      ])
  }
}

@Suite struct SourceRangeTests {
  @Test func boundsOutOfOrderAreSwappedNotTrapped() {
    #expect(SourceRange(5, 2) == SourceRange(2, 5))
    #expect(SourceRange(2, 5).union(.at(9)) == SourceRange(2, 9))
    #expect(SourceRange.at(3).isEmpty && SourceRange(1, 4).count == 3)
  }
}
