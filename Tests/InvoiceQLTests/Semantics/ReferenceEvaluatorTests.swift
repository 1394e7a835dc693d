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

@Suite struct ReferenceEvaluatorTests {
  typealias B = Build

  func eval(_ e: BoundExpression, _ invoice: String) -> Truth {
    ReferenceEvaluator.evaluate(e, on: B.json(invoice))
  }

  @Test func absentNullAndMistypedFieldsAreUnknown() {
    let e = B.cmp("total", .decimal, .notEqual, B.dec("5"))
    #expect(eval(e, #"{}"#) == .unknown)
    #expect(eval(e, #"{"total": null}"#) == .unknown)
    #expect(eval(e, #"{"total": "n/a"}"#) == .unknown)
    #expect(eval(e, #"{"total": true}"#) == .unknown)
    #expect(eval(e, #"{"total": 6}"#) == .true)
    #expect(eval(.not(e), #"{}"#) == .unknown)
    #expect(!ReferenceEvaluator.matches(.not(e), on: B.json("{}")))
    #expect(!ReferenceEvaluator.matches(e, on: B.json("{}")))
  }

  @Test func kleeneAndOrNot() {
    let known = B.cmp("a", .decimal, .equal, B.dec("1"))
    let unknown = B.cmp("missing", .decimal, .equal, B.dec("1"))
    let doc = #"{"a": 1}"#
    #expect(eval(.and([known, unknown]), doc) == .unknown)
    #expect(eval(.or([known, unknown]), doc) == .true)
    #expect(eval(.and([.not(known), unknown]), doc) == .false)
    #expect(eval(.or([.not(known), unknown]), doc) == .unknown)
    #expect(eval(.constant(true), doc) == .true)
    #expect(eval(.constant(false), doc) == .false)
    #expect(eval(.and([]), doc) == .true)
    #expect(eval(.or([]), doc) == .false)
  }

  @Test func decimalsCompareExactly() {
    let eq = B.cmp("total", .decimal, .equal, B.dec("100.1"))
    #expect(eval(eq, #"{"total": 100.10}"#) == .true)
    #expect(eval(eq, #"{"total": "100.100"}"#) == .true)
    #expect(eval(eq, #"{"total": 100.1000000000000001}"#) == .false)
    #expect(eval(B.cmp("t", .decimal, .equal, B.dec("100")), #"{"t": 1e2}"#) == .true)
    #expect(eval(B.cmp("t", .decimal, .equal, B.dec("100")), #"{"t": "1E2"}"#) == .true)
    #expect(eval(B.cmp("t", .decimal, .equal, B.dec("0")), #"{"t": -0}"#) == .true)
    #expect(eval(B.cmp("t", .decimal, .less, B.dec("0")), #"{"t": -0.0}"#) == .false)
    #expect(eval(B.cmp("t", .decimal, .greater, B.dec("0")), #"{"t": 1E-400}"#) == .true)
    #expect(eval(B.cmp("t", .decimal, .less, B.dec("0")), #"{"t": -1E-400}"#) == .true)
    #expect(eval(B.cmp("t", .decimal, .greater, B.dec("1e308")), #"{"t": 1e309}"#) == .true)
    // Numeric strings only in JSON number syntax.
    #expect(eval(B.cmp("t", .decimal, .equal, B.dec("5")), #"{"t": "+5"}"#) == .unknown)
    #expect(eval(B.cmp("t", .decimal, .equal, B.dec("0.5")), #"{"t": ".5"}"#) == .unknown)
    #expect(eval(B.cmp("t", .decimal, .equal, B.dec("-5")), #"{"t": "-5"}"#) == .true)
    #expect(eval(B.cmp("t", .decimal, .equal, B.dec("5")), #"{"t": " 5"}"#) == .unknown)
  }

  @Test func integerFieldsNeedWholeValues() {
    let e = B.cmp("number", .integer, .equal, B.dec("1001"))
    #expect(eval(e, #"{"number": 1001}"#) == .true)
    #expect(eval(e, #"{"number": "1001"}"#) == .true)
    #expect(eval(e, #"{"number": 1001.0}"#) == .true)
    #expect(eval(e, #"{"number": 1001.5}"#) == .unknown)
  }

  @Test func numericIdsCompareNumericallyAndStringIdsExactly() {
    let numeric = B.cmp("id", .id(numeric: true), .equal, B.dec("5"))
    #expect(eval(numeric, #"{"id": 5}"#) == .true)
    #expect(eval(numeric, #"{"id": "5"}"#) == .true)
    #expect(eval(numeric, #"{"id": 5.0}"#) == .true)
    #expect(eval(numeric, #"{"id": "abc"}"#) == .unknown)
    let text = B.cmp("id", .id(numeric: false), .equal, .string("inv-5"))
    #expect(eval(text, #"{"id": "inv-5"}"#) == .true)
    #expect(eval(text, #"{"id": "INV-5"}"#) == .false)
    #expect(eval(text, #"{"id": 5}"#) == .unknown)
  }

  @Test func stringsCompareByUnicodeScalarsWithoutNormalisation() {
    let composed = "caf\u{E9}"
    let decomposed = "cafe\u{301}"
    let e = B.cmp("memo", .string, .equal, .string(composed))
    #expect(eval(e, #"{"memo": "caf\u00e9"}"#) == .true)
    #expect(eval(e, #"{"memo": "cafe\u0301"}"#) == .false)
    #expect(eval(B.cmp("memo", .string, .less, .string(decomposed)), #"{"memo": "caf\u00e9"}"#) == .false)
    #expect(eval(B.cmp("memo", .string, .less, .string("b")), #"{"memo": "B"}"#) == .true)
    #expect(eval(B.cmp("memo", .string, .equal, .string("a")), #"{"memo": "A"}"#) == .false)
  }

  @Test func textTestsFoldCaseWithFullLowercaseMapping() {
    func text(_ op: TextOperator, _ needle: String, _ doc: String) -> Truth {
      eval(.predicate(.text(B.field("memo", .string), op, needle)), doc)
    }
    #expect(text(.contains, "REFUND", #"{"memo": "Partial refund issued"}"#) == .true)
    #expect(text(.startswith, "partial", #"{"memo": "PARTIAL refund"}"#) == .true)
    #expect(text(.endswith, "Issued", #"{"memo": "refund issued"}"#) == .true)
    #expect(text(.endswith, "refund", #"{"memo": "refund issued"}"#) == .false)
    #expect(text(.contains, "", #"{"memo": ""}"#) == .true)
    #expect(text(.contains, "x", #"{"memo": ""}"#) == .false)
    // İ lowercases to i + combining dot: full mapping, so "i̇" is found.
    #expect(text(.contains, "i\u{307}", #"{"memo": "\u0130stanbul"}"#) == .true)
    #expect(text(.contains, "\u{C9}T\u{C9}", #"{"memo": "l'\u00e9t\u00e9"}"#) == .true)
    // No normalisation: a composed é is not a decomposed one.
    #expect(text(.contains, "e\u{301}", #"{"memo": "caf\u00e9"}"#) == .false)
    #expect(text(.contains, "x", #"{}"#) == .unknown)
    #expect(text(.contains, "x", #"{"memo": 5}"#) == .unknown)
  }

  @Test func isNullIsNeverUnknown() {
    let isNull = BoundExpression.predicate(.isNull(B.field("po", .string), negated: false))
    let notNull = BoundExpression.predicate(.isNull(B.field("po", .string), negated: true))
    #expect(eval(isNull, #"{}"#) == .true)
    #expect(eval(isNull, #"{"po": null}"#) == .true)
    #expect(eval(isNull, #"{"po": "x"}"#) == .false)
    #expect(eval(isNull, #"{"po": 5}"#) == .false)
    #expect(eval(notNull, #"{}"#) == .false)
    #expect(eval(notNull, #"{"po": ""}"#) == .true)
    let nested = BoundExpression.predicate(.isNull(B.field("a.b", .string), negated: false))
    #expect(eval(nested, #"{"a": null}"#) == .true)
    #expect(eval(nested, #"{"a": "flat"}"#) == .true)
    #expect(eval(nested, #"{"a": {"b": 1}}"#) == .false)
  }

  @Test func membershipIsKleene() {
    let f = B.field("status", .enumeration(["open", "paid", "void"]))
    let inOpenPaid = BoundExpression.predicate(
      .member(f, [.string("open"), .string("paid")], negated: false))
    let notIn = BoundExpression.predicate(.member(f, [.string("open"), .string("paid")], negated: true))
    #expect(eval(inOpenPaid, #"{"status": "paid"}"#) == .true)
    #expect(eval(inOpenPaid, #"{"status": "void"}"#) == .false)
    #expect(eval(inOpenPaid, #"{"status": "PAID"}"#) == .false)
    #expect(eval(notIn, #"{"status": "void"}"#) == .true)
    #expect(eval(notIn, #"{"status": "unheard-of"}"#) == .true)
    #expect(eval(notIn, #"{}"#) == .unknown)
    #expect(eval(inOpenPaid, #"{"status": 3}"#) == .unknown)
  }

  @Test func datesCountDatetimesByTheirDateAsWritten() {
    let e = B.cmp("due", .date, .equal, B.date("2025-05-15"))
    #expect(eval(e, #"{"due": "2025-05-15"}"#) == .true)
    #expect(eval(e, #"{"due": "2025-05-15T23:59:59.0000000+00:00"}"#) == .true)
    #expect(eval(e, #"{"due": "2025-05-15T23:30:00-05:00"}"#) == .true)
    #expect(eval(e, #"{"due": "2025-05-15 01:00:00Z"}"#) == .true)
    #expect(eval(e, #"{"due": "2025-05-16T00:00:00Z"}"#) == .false)
    #expect(eval(e, #"{"due": "2025-02-30"}"#) == .unknown)
    #expect(eval(e, #"{"due": "15/05/2025"}"#) == .unknown)
    #expect(eval(B.cmp("due", .date, .less, B.date("2025-05-16")), #"{"due": "2025-05-15T23:00Z"}"#) == .true)
  }

  @Test func datetimesCompareInstantsAcrossOffsetsAndSpellings() {
    let e = B.cmp("at", .dateTime, .equal, B.instant("2025-04-30T14:30:00Z"))
    #expect(eval(e, #"{"at": "2025-04-30T14:30:00.0000000+00:00"}"#) == .true)
    #expect(eval(e, #"{"at": "2025-04-30T16:30:00+02:00"}"#) == .true)
    #expect(eval(e, #"{"at": "2025-04-30 14:30:00Z"}"#) == .true)
    #expect(eval(e, #"{"at": "2025-04-30T14:30:00"}"#) == .true)
    #expect(eval(e, #"{"at": "2025-04-30T14:30:00.001Z"}"#) == .false)
    #expect(eval(e, #"{"at": "2025-04-30T14:30:00.000Z"}"#) == .true)
    #expect(eval(e, #"{"at": "yesterday"}"#) == .unknown)
    let precise = B.cmp("at", .dateTime, .greater, B.instant("2026-03-10T18:18:59.36Z"))
    #expect(eval(precise, #"{"at": "2026-03-10T18:18:59.3600001Z"}"#) == .true)
    #expect(eval(precise, #"{"at": "2026-03-10T18:18:59.360Z"}"#) == .false)
    // A date-only value in a datetime field is 00:00 UTC of that date.
    let midnight = B.cmp("at", .dateTime, .equal, B.instant("2025-05-01T00:00:00Z"))
    #expect(eval(midnight, #"{"at": "2025-05-01"}"#) == .true)
  }

  @Test func quantifiersOverEmptyAbsentAndMixedArrays() {
    let body = B.cmp("qty", .decimal, .greater, B.dec("2"))
    let items = B.field("items", .array(element: .object))
    let any = BoundExpression.quantified(.any, items, body)
    let all = BoundExpression.quantified(.all, items, body)
    for doc in [#"{}"#, #"{"items": []}"#, #"{"items": null}"#] {
      #expect(eval(any, doc) == .false)
      #expect(eval(all, doc) == .true)
      #expect(eval(.not(any), doc) == .true)
    }
    #expect(eval(any, #"{"items": "oops"}"#) == .unknown)
    #expect(eval(all, #"{"items": {"qty": 3}}"#) == .unknown)
    #expect(eval(any, #"{"items": [{"qty": 1}, {"qty": 3}]}"#) == .true)
    #expect(eval(all, #"{"items": [{"qty": 1}, {"qty": 3}]}"#) == .false)
    #expect(eval(any, #"{"items": [{"qty": 1}, {}]}"#) == .unknown)
    #expect(eval(all, #"{"items": [{"qty": 3}, {}]}"#) == .unknown)
    #expect(eval(all, #"{"items": [{"qty": 3}, {"qty": "4"}]}"#) == .true)
    #expect(eval(any, #"{"items": [{}, {"qty": 9}]}"#) == .true)
    #expect(eval(all, #"{"items": [{}, {"qty": 0}]}"#) == .false)
    #expect(eval(any, #"{"items": [1, 2]}"#) == .unknown)
  }

  @Test func nestedQuantifiersReadFieldsRelativeToTheElement() {
    let inner = BoundExpression.quantified(
      .any, B.field("related", .array(element: .object)),
      B.cmp("amount", .decimal, .greaterOrEqual, B.dec("10")))
    let outer = BoundExpression.quantified(.any, B.field("line_items", .array(element: .object)), inner)
    #expect(
      eval(outer, #"{"line_items": [{"related": [{"amount": 3}]}, {"related": [{"amount": 10.0}]}]}"#)
        == .true)
    #expect(eval(outer, #"{"line_items": [{"related": [{"amount": 3}]}, {"related": []}]}"#) == .false)
    #expect(eval(outer, #"{"amount": 50, "line_items": [{"related": [{}]}]}"#) == .unknown)
  }

  @Test func lastDuplicateMemberWins() {
    let e = B.cmp("total", .decimal, .equal, B.dec("2"))
    #expect(eval(e, #"{"total": 1, "total": 2}"#) == .true)
  }

  @Test func booleansCompareForEquality() {
    let e = B.cmp("taxExempt", .boolean, .equal, .boolean(true))
    #expect(eval(e, #"{"taxExempt": true}"#) == .true)
    #expect(eval(e, #"{"taxExempt": false}"#) == .false)
    #expect(eval(e, #"{"taxExempt": "true"}"#) == .unknown)
    #expect(eval(B.cmp("taxExempt", .boolean, .notEqual, .boolean(true)), #"{"taxExempt": false}"#) == .true)
  }
}
