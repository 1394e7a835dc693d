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

@Suite struct NormaliserTests {
  let total = B.field("total", .decimal)
  let due = B.field("dueDate", .date)
  let memo = B.field("memo", .string)
  let status = B.field("status", .enumeration(["open", "paid", "void"]))

  @Test func contradictionOnOneFieldFoldsToFalse() {
    let e = BoundExpression.and([B.cmp(total, .greater, B.dec("5")), B.cmp(total, .less, B.dec("3"))])
    #expect(Normaliser.normalise(e) == .constant(false))
  }

  @Test func adjacentDaysLeaveNoDateBetweenThem() {
    let e = BoundExpression.and([
      B.cmp(due, .greater, B.day("2025-01-01")), B.cmp(due, .less, B.day("2025-01-02")),
    ])
    #expect(Normaliser.normalise(e) == .constant(false))
  }

  @Test func isNullOrIsNotNullIsATautologyButComparisonsAreNot() {
    let taut = BoundExpression.or([B.isNull(memo), B.isNull(memo, negated: true)])
    #expect(Normaliser.normalise(taut) == .constant(true))
    let notTaut = BoundExpression.or([
      B.cmp(total, .less, B.dec("5")), B.cmp(total, .greaterOrEqual, B.dec("5")), B.isNull(total),
    ])
    #expect(Normaliser.normalise(notTaut) != .constant(true))
  }

  @Test func notIsPushedIntoComparisons() {
    let e = BoundExpression.not(.or([B.cmp(total, .less, B.dec("5")), B.isNull(memo)]))
    let expected = BoundExpression.and([
      B.cmp(total, .greaterOrEqual, B.dec("5")), B.isNull(memo, negated: true),
    ])
    #expect(Normaliser.normalise(e).bound == expected)
  }

  @Test func equalitiesMergeIntoAMembership() {
    let e = BoundExpression.or([
      B.cmp(status, .equal, .string("paid")), B.cmp(status, .equal, .string("open")),
    ])
    #expect(
      Normaliser.normalise(e).bound == B.member(status, [.string("open"), .string("paid")]))
  }

  @Test func rangeWithAHoleReadsAsBoundsAndNotEqual() {
    let e = BoundExpression.and([
      B.cmp(total, .greater, B.dec("1")), B.cmp(total, .notEqual, B.dec("3")),
      B.cmp(total, .less, B.dec("5")),
    ])
    let expected = BoundExpression.and([
      B.cmp(total, .greater, B.dec("1")), B.cmp(total, .less, B.dec("5")),
      B.cmp(total, .notEqual, B.dec("3")),
    ])
    #expect(Normaliser.normalise(e).bound == expected)
  }

  @Test func notInIntersectedWithInLeavesTheDifference() {
    let e = BoundExpression.and([
      B.member(status, [.string("open"), .string("paid")]),
      B.member(status, [.string("paid"), .string("void")], negated: true),
    ])
    #expect(Normaliser.normalise(e).bound == B.cmp(status, .equal, .string("open")))
  }

  @Test func stringsCompareByScalarsNotNumbers() {
    // "1001" < "2" as text, so this is satisfiable ("15").
    let number = B.field("number", .string)
    let e = BoundExpression.and([
      B.cmp(number, .greaterOrEqual, .string("1001")), B.cmp(number, .less, .string("2")),
    ])
    #expect(Normaliser.normalise(e) != .constant(false))
  }

  @Test func quantifierDualityUnderNot() {
    let items = B.field("items", .array(element: .object))
    let q = B.field("q", .decimal)
    let e = BoundExpression.not(.quantified(.any, items, B.cmp(q, .greater, B.dec("2"))))
    #expect(
      Normaliser.normalise(e).bound
        == .quantified(.all, items, B.cmp(q, .lessOrEqual, B.dec("2"))))
  }

  @Test func everyReadableValueIsNotTheSameAsIsNotNull() {
    let e = BoundExpression.or([B.cmp(total, .less, B.dec("5")), B.cmp(total, .greater, B.dec("4"))])
    let n = Normaliser.normalise(e)
    let bad = JSONValue.object([JSONMember("total", .string("n/a"))])
    let good = JSONValue.object([JSONMember("total", .number("7"))])
    #expect(ReferenceEvaluator.evaluate(n.bound, on: bad) != .true)
    #expect(ReferenceEvaluator.evaluate(n.bound, on: good) == .true)
  }
}
