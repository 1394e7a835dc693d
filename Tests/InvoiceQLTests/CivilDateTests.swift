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

@Suite struct CivilDateTests {
  @Test func daysSinceEpochRoundTripsOverFourHundredYears() {
    var date = CivilDate(year: 1900, month: 1, day: 1)!
    let start = date.daysSinceEpoch
    for offset in 0..<(146_097 + 400) {
      #expect(date.daysSinceEpoch == start + offset)
      let next = date.adding(days: 1)
      #expect(date < next)
      date = next
    }
  }

  @Test func rejectsDatesThatDoNotExist() {
    #expect(CivilDate(year: 2025, month: 2, day: 30) == nil)
    #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
    #expect(CivilDate(year: 1900, month: 2, day: 29) == nil)
    #expect(CivilDate(year: 2000, month: 2, day: 29) != nil)
    #expect(CivilDate(year: 1970, month: 1, day: 1)!.daysSinceEpoch == 0)
  }
}
