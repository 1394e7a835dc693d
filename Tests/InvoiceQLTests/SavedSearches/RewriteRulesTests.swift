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

@Suite("Rewrite rules file")
struct RewriteRulesTests {
  private func parse(_ text: String) throws -> RewriteRules {
    try RewriteRules.parse(Array(text.utf8))
  }

  @Test func readsFieldAndValueRulesWithAndWithoutProvider() throws {
    let rules = try parse(
      """
      {"fields": [{"from": "paymentStatusUpdatedDate", "to": "paymentStatusUpdatedTime", "provider": "elevate"},
                  {"from": "erpData", "to": "erp.data"}],
       "values": [{"field": "status", "from": "written off", "to": "writtenOff"}]}
      """)
    #expect(
      rules.fields == [
        .init(from: ["paymentStatusUpdatedDate"], to: ["paymentStatusUpdatedTime"], provider: "elevate"),
        .init(from: ["erpData"], to: ["erp", "data"]),
      ])
    #expect(rules.values == [.init(field: ["status"], from: "written off", to: "writtenOff")])
  }

  @Test(arguments: [
    ("[]", "the rules file must be a JSON object with 'fields' and/or 'values'"),
    ("{\"field\": []}", "unknown member 'field' (expected 'fields' or 'values')"),
    ("{\"fields\": {}}", "'fields' must be an array of objects"),
    ("{\"fields\": [{\"from\": \"a\"}]}", "fields[0]: missing 'to'"),
    ("{\"fields\": [{\"from\": \"a\", \"to\": \"b\", \"x\": \"y\"}]}", "fields[0]: unknown member 'x'"),
    (
      "{\"fields\": [{\"from\": \"a b\", \"to\": \"b\"}]}", "fields[0].from: 'a b' is not a dotted field name"
    ),
    (
      "{\"fields\": [{\"from\": \"a..b\", \"to\": \"b\"}]}",
      "fields[0].from: 'a..b' is not a dotted field name"
    ),
    ("{\"fields\": [{\"from\": \"a\", \"to\": 5}]}", "fields[0].to: must be a non-empty string"),
    ("{\"values\": [{\"field\": \"s\", \"from\": \"a\"}]}", "values[0]: missing 'to'"),
    ("{\"fields\": [{\"from\": \"a\", \"to\": \"a\"}]}", "fields[0]: renames 'a' to itself"),
    ("{\"fields\": [", "line 1, column 13: unexpected end of input, expected a value"),
  ])
  func anInvalidRulesFileIsRejectedWithItsProblem(text: String, problem: String) {
    #expect {
      _ = try parse(text)
    } throws: { error in
      (error as? RulesError)?.problems.contains(problem) == true
    }
  }

  @Test func chainedRenamesAreRejectedBecauseASecondRewriteWouldChangeThemAgain() {
    let chained = [
      "{\"fields\": [{\"from\": \"a\", \"to\": \"b\"}, {\"from\": \"b\", \"to\": \"c\"}]}",
      "{\"fields\": [{\"from\": \"a\", \"to\": \"b\"}, {\"from\": \"b\", \"to\": \"a\"}]}",
      "{\"fields\": [{\"from\": \"a\", \"to\": \"b\"}, {\"from\": \"b.c\", \"to\": \"d\"}]}",
      "{\"values\": [{\"field\": \"s\", \"from\": \"x\", \"to\": \"Y\"}, {\"field\": \"s\", \"from\": \"y\", \"to\": \"z\"}]}",
      "{\"fields\": [{\"from\": \"a\", \"to\": \"b\"}, {\"from\": \"a\", \"to\": \"c\"}]}",
    ]
    for text in chained {
      #expect(throws: RulesError.self) { try parse(text) }
    }
    // Different providers never meet, so the same names may go different ways.
    #expect(
      (try? parse(
        "{\"fields\": [{\"from\": \"a\", \"to\": \"b\", \"provider\": \"rhythm\"}, {\"from\": \"b\", \"to\": \"a\", \"provider\": \"wethod\"}]}"
      )) != nil)
  }
}
