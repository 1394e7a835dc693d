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

/// Binding from query text: exact rendered diagnostics, as `invoiceql check` prints them.
@Suite struct BindingTextTests {
  @Test func canonicalStatusesApplyToTheInvoiceStatusOnly() {
    #expect(QueryText.bind("any(line_items, status = \"written off\")", "rhythm") != nil)
    #expect(
      QueryText.errors("any(line_items, status = writtenOff)", "rhythm").hasPrefix(
        "error: unknown value 'writtenOff' for 'status' on rhythm"))
    #expect(QueryText.bind("status = writtenOff", "rhythm") != nil)
  }

  @Test func betweenOnAnEnumPointsAtBetween() {
    #expect(
      QueryText.errors("status between open and paid", "rhythm") == """
        error: 'between' does not apply to enum field 'status'
         | status between open and paid
         |        ^~~~~~~
         = help: enum fields take =, !=, in, not in
        """)
  }

  @Test func relativeDatesOutOfRangeAreDiagnosed() {
    #expect(
      QueryText.errors("dueDate > today+99999y", "elevate") == """
        error: date today+99999y is outside the years 1 to 9999
         | dueDate > today+99999y
         |           ^~~~~~~~~~~~
        """)
  }

  @Test func canonicalNameMissingOnTheProviderListsWhatItHas() {
    #expect(
      QueryText.errors("balance > 0", "roadsync") == """
        error: field 'balance' is not available on roadsync
         | balance > 0
         | ^~~~~~~
         = help: roadsync has: id, number, status, total, customerId, createdAt, updatedAt
        """)
  }

  @Test func canonicalStatusWithoutMappingListsTheProviderValues() {
    #expect(
      QueryText.errors("status in (sent, void)", "wethod") == """
        error: status 'void' has no equivalent on wethod
         | status in (sent, void)
         |                  ^~~~
         = help: wethod statuses: draft, sent, paid
        """)
  }

  @Test func unknownFieldInsideAQuantifierSuggestsElementFields() {
    #expect(
      QueryText.errors("any(lines, quantty > 1)", "softwareone") == """
        error: unknown field 'quantty' in 'lines' elements
         | any(lines, quantty > 1)
         |            ^~~~~~~
         = help: did you mean 'quantity'?
        """)
  }

  @Test func comparingAWholeObjectOrArrayIsAnError() {
    #expect(
      QueryText.errors("erpData = 1", "softwareone").hasPrefix(
        """
        error: 'erpData' is an object; compare one of its fields
         | erpData = 1
         | ^~~~~~~
        """))
    #expect(
      QueryText.errors("lineItems = 1", "roadsync").hasPrefix(
        """
        error: 'lineItems' is an array; test its elements with any() or all()
        """))
  }

  @Test func textOperatorsOnEnumsAndIdsPointAtTheOperator() {
    #expect(
      QueryText.errors("status contains \"pa\"", "wethod") == """
        error: 'contains' does not apply to enum field 'status'
         | status contains "pa"
         |        ^~~~~~~~
         = help: contains, startswith and endswith apply to string fields
        """)
  }

  @Test(arguments: Provider.names)
  func everyMisspelledCanonicalNameGetsItsSuggestionUnderTheName(provider: String) throws {
    let catalog = try #require(Provider.named(provider)?.catalog)
    for name in CanonicalVocabulary.fieldNames where catalog.canonicalFields[name] != nil && name.count > 3 {
      let typo = String(name.dropLast())
      let text = "x = 1 or \(typo) is null"
      let caret = String(repeating: "~", count: typo.count - 1)
      #expect(
        QueryText.errors(text, provider).hasSuffix(
          """
          error: unknown field '\(typo)'
           | \(text)
           |          ^\(caret)
           = help: did you mean '\(name)'?
          """), "\(provider) \(name)")
    }
  }

  @Test(arguments: Provider.names)
  func everyProviderRejectsOrderingOnItsStatusAtTheOperator(provider: String) {
    #expect(
      QueryText.errors("status <= x", provider).hasPrefix(
        """
        error: '<=' does not apply to enum field 'status'
         | status <= x
         |        ^~
        """))
  }

  @Test func quantifierOverAScalarNamesItsType() {
    #expect(
      QueryText.errors("all(customerId, x = 1)", "elevate").hasPrefix(
        "error: all() needs an array, but 'customerId' is a numeric id\n"))
    #expect(
      QueryText.errors("any(status, x = 1)", "wethod").hasPrefix(
        "error: any() needs an array, but 'status' is an enum\n"))
  }
}
