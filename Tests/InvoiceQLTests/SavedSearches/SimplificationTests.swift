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

@Suite("rewrite: simplification and binding")
struct SimplificationTests {
  private func rewrite(_ q: String, _ provider: String? = "elevate") -> SearchRewrite {
    SavedSearchRewriter().rewrite(query: q, provider: provider)
  }

  @Test(
    arguments: [
      ("total > 5 and total > 3", "total > 5"),
      ("total > 5 and total >= 5 and paymentStatus = PAID", "total > 5 and paymentStatus = PAID"),
      ("status = open or status = paid", "status in (open, paid)"),
      ("status in (open) or status = paid or status = open", "status in (open, paid)"),
      ("invoiceNumber != \"a\" and invoiceNumber != \"b\"", "invoiceNumber not in (\"a\", \"b\")"),
      ("dueDate = 2025-01-01 or dueDate = 2025-01-02", "dueDate in (2025-01-01, 2025-01-02)"),
      ("total >= 1 and paymentStatus = PAID and total >= 1", "total >= 1 and paymentStatus = PAID"),
      ("total between 1 and 10 and total > 3 and total < 20", "total > 3 and total <= 10"),
      // Relative dates are never merged or frozen, only duplicates go.
      ("dueDate > today-3d and dueDate > today-5d", nil),
      ("dueDate > today-3d and dueDate > today-3d", "dueDate > today-3d"),
    ] as [(String, String?)])
  func redundantConstraintsAreMerged(query: String, expected: String?) {
    let r = rewrite(query)
    #expect(r.diagnostics.isEmpty)
    #expect(r.query == (expected ?? query))
    #expect(r.status == (expected == nil ? .unchanged : .rewritten))
    #expect(rewrite(r.query).status == .unchanged, "not idempotent: \(r.query)")
  }

  @Test func anAndOfInequalitiesThroughAnArrayIsNotMerged() {
    // Two different line items may satisfy the two conditions; `not in` would need one item.
    let q = "line_items.product_id != \"a\" and line_items.product_id != \"b\""
    #expect(rewrite(q, "rhythm").query == q)
    #expect(
      rewrite("line_items.product_id = \"a\" or line_items.product_id = \"b\"", "rhythm").query
        == "line_items.product_id in (\"a\", \"b\")")
  }

  @Test(arguments: [
    "total > 5 and total < 3",
    "dueDate > today and dueDate < today-3d",
    "paymentStatus = PAID and not (paymentStatus in (PAID))",
  ])
  func aSearchThatCanNeverMatchIsFlaggedAndKept(query: String) {
    let r = rewrite(query)
    #expect(r.neverMatches)
    #expect(r.status == .unchanged)
  }

  @Test func aSearchWhoseEqualAlternativesContradictTheRestIsFlagged() {
    // `not total <= 5` is `total > 5`: the `or` of two equal alternatives is one, and with
    // `total < 2` a contradiction (the quick check once cleared it, as two alternatives).
    let r = rewrite(
      "total < 2 and ((total > 5 and paymentStatus = PAID) or (not total <= 5 and paymentStatus = PAID))")
    #expect(r.neverMatches)
    #expect(r.status == .unchanged)
  }

  @Test func aSearchWhoseContradictionDependsOnTheDateIsNotFlagged() {
    #expect(!rewrite("dueDate > today and dueDate < 2025-06-01").neverMatches)
  }

  @Test func aSearchThatDoesNotBindFailsWithTheBindersDiagnosticAndKeepsItsText() {
    let r = rewrite("dueDat < 2025-05-01 and total > 1 and total > 2")
    #expect(r.status == .error)
    #expect(r.query == "dueDat < 2025-05-01 and total > 1 and total > 2")
    #expect(r.diagnostics.first?.kind == .unknownField)
    #expect(r.diagnostics.first?.range == SourceRange(0, 6))
  }
}

@Suite("rewrite: provider names in saved searches")
struct SavedSearchProviderNameTests {
  @Test func providerNamesMatchCaseInsensitivelyAndAnUnknownOneIsAnError() {
    let known = SavedSearchRewriter().rewrite(query: "total > 5 and total > 3", provider: "Elevate")
    #expect(known.query == "total > 5")
    let unknown = SavedSearchRewriter().rewrite(query: "total > 5", provider: "acme")
    #expect(unknown.status == .error)
    #expect(
      unknown.diagnostics.first?.message
        == "the search's provider 'acme' is unknown; its query cannot be checked")
  }

  /// Strings are one value only with the same Unicode scalars (the language reference): `"é"` and
  /// `"e\u{301}"`, `"K"` and the Kelvin sign, are different values that `String`'s `==` takes for
  /// one. Merging must keep both where both are needed, write each bound with its own spelling, and
  /// never borrow the binding of a look-alike predicate elsewhere in the query.
  @Test(
    arguments: [
      ("number = \"\u{E9}\" or number = \"e\u{301}\"", "number in (\"\u{E9}\", \"e\u{301}\")"),
      ("number != \"\u{E9}\" and number != \"e\u{301}\"", "number not in (\"\u{E9}\", \"e\u{301}\")"),
      ("number >= \"K\" and number >= \"\u{212A}\"", "number >= \"\u{212A}\""),
      ("number < \"\u{212A}\" and number < \"K\"", "number < \"K\""),
      (
        "(number >= \"K\" or total = 1) and (number >= \"\u{212A}\" or number >= \"b\")",
        "(number >= \"K\" or total = 1) and number >= \"b\""
      ),
      (
        "(number < \"\u{212A}\" or total = 1) and (number < \"K\" and number < \"Z\")",
        "(number < \"\u{212A}\" or total = 1) and number < \"K\""
      ),
      (
        "(number >= \"\u{E9}\" or total = 1) and (number >= \"e\u{301}\" or number >= \"f\")",
        "(number >= \"\u{E9}\" or total = 1) and number >= \"e\u{301}\""
      ),
    ] as [(String, String)])
  func canonicallyEquivalentStringsStayDifferentValues(query: String, expected: String) {
    let r = SavedSearchRewriter().rewrite(query: query, provider: "wethod")
    #expect(r.diagnostics.isEmpty)
    #expect(
      Array(r.query.unicodeScalars) == Array(expected.unicodeScalars),
      "\(Array(r.query.unicodeScalars)) is not \(Array(expected.unicodeScalars))")
    #expect(!r.neverMatches)
  }

  @Test func anAndOfTwoCanonicallyEquivalentStringsNeverMatchesAndIsKept() {
    let query = "number = \"\u{E9}\" and number = \"e\u{301}\""
    let r = SavedSearchRewriter().rewrite(query: query, provider: "wethod")
    #expect(r.neverMatches)
    #expect(Array(r.query.unicodeScalars) == Array(query.unicodeScalars))
  }
}
