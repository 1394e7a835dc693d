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

@Suite("rewrite --to: retargeting between providers")
struct RetargetingTests {
  private func retarget(_ q: String, from: String?, to: String) -> SearchRewrite {
    SavedSearchRewriter(target: to).rewrite(query: q, provider: from)
  }

  static let pairs: [(String, String)] = Provider.names.flatMap { s in
    Provider.names.filter { $0 != s }.map { (s, $0) }
  }

  @Test(arguments: pairs)
  func everyCanonicalFieldMovesByItsCanonicalNameOrIsReportedMissing(from: String, to: String) throws {
    let source = try #require(Provider.named(from)?.catalog)
    let target = try #require(Provider.named(to)?.catalog)
    for name in CanonicalVocabulary.fieldNames {
      // A canonical name that reads its field its own way is not what the native name means.
      guard let path = source.canonicalFields[name], source.canonicalViews[name] == nil else { continue }
      let native = Formatter.format(FieldPath(path, range: .at(0)))
      let r = retarget("\(native) is not null", from: from, to: to)
      if target.canonicalFields[name] != nil {
        #expect(r.status == .rewritten, "\(from)→\(to) \(name): \(r.diagnostics)")
        #expect(r.query == "\(name) is not null")
        #expect(r.provider == to)
      } else {
        #expect(r.status == .error)
        #expect(r.query == "\(native) is not null")
        #expect(r.provider == from)
        #expect(
          r.diagnostics.first?.message.hasPrefix("\(to) has no field '\(name)'") == true, "\(r.diagnostics)")
        #expect(r.diagnostics.first?.range == SourceRange(0, native.utf8.count))
      }
    }
  }

  @Test(arguments: pairs)
  func statusValuesMoveThroughCanonicalStatusesOrAreReportedMissing(from: String, to: String) throws {
    let source = try #require(Provider.named(from)?.catalog)
    let target = try #require(Provider.named(to)?.catalog)
    guard source.canonicalFields["status"] != nil else { return }
    for status in CanonicalVocabulary.statusValues {
      guard let values = source.canonicalStatuses[status], values.count == 1 else { continue }
      let literal = Formatter.format(Literal(.word(values[0]), range: .at(0)))
      let r = retarget("status = \(literal)", from: from, to: to)
      let carried =
        target.canonicalFields["status"] != nil && target.canonicalStatuses[status]?.isEmpty == false
      if carried {
        #expect(r.status == .rewritten, "\(from)→\(to) \(status): \(r.diagnostics)")
        #expect(r.query == "status = \(status)")
      } else {
        #expect(r.status == .error, "\(from)→\(to) \(status)")
        #expect(r.query == "status = \(literal)")
      }
    }
  }

  @Test func aValueThatIsOnlyPartOfACanonicalStatusIsNotGuessed() {
    let r = retarget("paymentStatus in (PAID, UNPAID)", from: "elevate", to: "softwareone")
    #expect(r.status == .error)
    #expect(
      r.diagnostics.map(\.message) == [
        "softwareone has no value for 'UNPAID', which is only part of 'open' on elevate"
      ])
    #expect(r.diagnostics.first?.range == SourceRange(24, 30))
  }

  @Test func aStatusWithNoCanonicalMeaningDoesNotMoveBySpelling() {
    // roadsync's `sent` belongs to no canonical status; wethod's `sent` is `open`.
    let r = retarget("status = sent", from: "roadsync", to: "wethod")
    #expect(r.status == .error)
    #expect(
      r.diagnostics.map(\.message) == [
        "'sent' is no canonical status on roadsync, so what it means on wethod is unknown"
      ])
    #expect(r.diagnostics.first?.range == SourceRange(9, 13))
  }

  @Test func providerOnlyFieldsStayWhenTheTargetHasThemAndFailOtherwise() {
    #expect(retarget("id = 5 and total > 1", from: "rhythm", to: "elevate").query == "id = 5 and total > 1")
    let r = retarget("balance_due > 5 and currency_code = \"EUR\"", from: "rhythm", to: "softwareone")
    #expect(r.query == "balance > 5 and currency = \"EUR\"")
    let lost = retarget(
      "sys_created_at > 2025-01-01 and bill_to_contact_id = 7", from: "rhythm", to: "wethod")
    #expect(lost.status == .error)
    #expect(
      lost.diagnostics.map(\.message) == [
        "wethod has no field 'customerId' (what 'bill_to_contact_id' is on rhythm)"
      ])
  }

  @Test func relativeDatesAndTheRestOfTheTextSurviveRetargeting() {
    let r = retarget(
      "invoiceTotalAmount   >= 10 and dueDate >= today-30d  sort by invoiceDate desc", from: "elevate",
      to: "rhythm")
    #expect(r.query == "total   >= 10 and dueDate >= today-30d  sort by issueDate desc")
  }

  @Test func retargetingIsIdempotent() {
    let once = retarget("paymentStatus = PAID and invoiceTotalAmount > 5", from: "elevate", to: "softwareone")
    #expect(once.query == "status = paid and total > 5")
    let twice = retarget(once.query, from: "softwareone", to: "softwareone")
    #expect(twice.status == .unchanged)
  }

  @Test func aSearchWithoutProviderMustUseCanonicalNames() {
    #expect(retarget("total > 5", from: nil, to: "wethod").status == .unchanged)
    let r = retarget("invoiceTotalAmount > 5", from: nil, to: "wethod")
    #expect(r.status == .error)
    #expect(r.diagnostics.first?.help == ["add a \"provider\" member to the saved search"])
    #expect(
      retarget("dueDate > 2025-01-01", from: nil, to: "wethod").diagnostics.first?.message
        == "wethod has no field 'dueDate'")
  }
}

@Suite("rewrite --to: status lists")
struct RetargetingStatusListTests {
  @Test func aListThatIsExactlyACanonicalStatusMovesAsThatStatus() {
    let r = SavedSearchRewriter(target: "softwareone", simplifies: false)
      .rewrite(query: "paymentStatus in (PARTIALLY_PAID, UNPAID, PAID)", provider: "elevate")
    #expect(r.query == "status in (open, paid)")
    let partial = SavedSearchRewriter(target: "softwareone", simplifies: false)
      .rewrite(query: "paymentStatus in (UNPAID, DISPUTED)", provider: "elevate")
    #expect(partial.status == .error)
  }
}
