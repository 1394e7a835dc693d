import Testing

@testable import InvoiceQL
@testable import InvoiceQLProviders
@testable import InvoiceQLSemantics
@testable import InvoiceQLSyntax

/// the language reference's empty filter (no condition, possibly with clauses) and the help on `1,000`.
@Suite struct EmptyFilterTests {
  @Test(arguments: ["", "   ", "sort by total desc limit 2", "limit 3", "SORT BY dueDate"])
  func aQueryWithoutAConditionHasTheEmptyFilterAndFormatsBackToItsClauses(text: String) throws {
    let query = try Parser.parse(text)
    #expect(query.filter.isEverything)
    let formatted = Formatter.format(query)
    #expect(try Parser.parse(formatted) == query)
    #expect(!formatted.hasPrefix(" ") && !formatted.hasSuffix(" "))
  }

  @Test func theEmptyFilterPrintsAsNothingBeforeItsClauses() throws {
    #expect(Formatter.format(try Parser.parse("sort by total limit 2")) == "sort by total asc limit 2")
    #expect(Formatter.format(try Parser.parse("")) == "")
  }

  @Test func aFilterAloneStillNeedsACondition() {
    #expect(throws: DiagnosticError.self) { try Parser.parseExpression("") }
  }

  @Test func theEmptyFilterMatchesEveryInvoiceOfEverySampleAndPushesNothing() throws {
    for provider in Provider.all {
      let query = try Parser.parse("limit 1000")
      let bound = try Binder.bind(
        query, catalog: provider.catalog, context: .utc(now: Instant(seconds: 0, fraction: "")))
      #expect(bound.filter == .constant(true))
      var filter = provider.responseFilter(bound.filter)
      let matches = try filter.feed(Array(provider.sample.body.utf8))
      _ = try filter.finish()
      #expect(matches.count == filter.itemCount && !matches.isEmpty, "\(provider.name)")
      let plan = try provider.plan(bound, settings: provider.exampleSettings)
      #expect(plan.residualText == nil && plan.pushed.isEmpty, "\(provider.name)")
      #expect(plan.requests.count == 1, "\(provider.name)")
    }
  }

  @Test(arguments: [
    ("total > 1,000", "a number has no thousands separator: write 1000"),
    ("total > 1,000,000 and status = open", "a number has no thousands separator: write 1000000"),
    ("total between 1,000 and 2000", "a number has no thousands separator: write 1000"),
  ])
  func aThousandsSeparatorGetsItsOwnHelp(text: String, help: String) {
    let error = #expect(throws: DiagnosticError.self) { try Parser.parse(text) }
    #expect(error?.diagnostics.first?.help == [help], "\(error?.diagnostics.map(\.message) ?? [])")
  }

  @Test func aCommaBetweenConditionsKeepsTheJoinHelp() {
    let error = #expect(throws: DiagnosticError.self) { try Parser.parse("total > 1, status = open") }
    #expect(error?.diagnostics.first?.help == ["join conditions with 'and' or 'or'"])
  }
}
