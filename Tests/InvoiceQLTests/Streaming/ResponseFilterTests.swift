import Foundation
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

@Suite("ResponseFilter envelopes")
struct ResponseFilterTests {
  static let open: BoundExpression = .predicate(
    .compare(BoundField(path: ["status"], type: .string, name: "status"), .equal, .string("open")))

  static func filter(_ provider: String, _ body: String, _ e: BoundExpression = open, cuts: [Int] = [])
    throws(JSONStreamError) -> ([InvoiceMatch], PageMetadata)
  {
    guard var filter = ResponseFilter(provider: provider, filter: e) else {
      throw JSONStreamError(.unexpectedShape("no provider"), byteOffset: 0)
    }
    let bytes = Array(body.utf8)
    var matches: [InvoiceMatch] = []
    var start = 0
    for cut in cuts + [bytes.count] where cut >= start {
      matches += try filter.feed(bytes[start..<cut])
      start = cut
    }
    return (matches, try filter.finish())
  }

  static func error(_ provider: String, _ body: String) -> JSONStreamError? {
    do throws(JSONStreamError) {
      _ = try filter(provider, body)
      return nil
    } catch {
      return error
    }
  }

  @Test func everyProvidersEnvelopeReadsEveryInvoiceOfItsSample() throws {
    for provider in Provider.all {
      var filter = provider.responseFilter(.constant(true))
      let matches = try filter.feed(Array(provider.sample.body.utf8))
      _ = try filter.finish()
      #expect(matches.count > 1, "\(provider)")
      #expect(matches.count == filter.itemCount, "\(provider)")
    }
    #expect(Provider.named("rhythm")?.envelope.itemsKey == "Items")
    #expect(ResponseFilter(provider: "nope", filter: .constant(true)) == nil)
  }

  @Test func rhythmMetadataBeforeOrAfterTheItems() throws {
    let after =
      #"{"Count":2,"Items":[{"id":"a","status":"open"},{"id":"b","status":"paid"}],"LastEvaluatedKey":"k1"}"#
    let before =
      #"{"LastEvaluatedKey" : {"id": "k", "n": 1.50}, "Items" : [ {"status" : "open", "id" : "a"} ], "Count" : 1}"#
    let (m1, meta1) = try Self.filter("rhythm", after)
    #expect(m1.map(\.id) == ["a"])
    #expect(m1.first?.json == #"{"id":"a","status":"open"}"#)
    #expect(meta1.value(at: ["LastEvaluatedKey"]) == .string("k1"))
    #expect(meta1.itemCount == 2 && meta1.matchCount == 1)
    let (m2, meta2) = try Self.filter("rhythm", before)
    #expect(m2.first?.json == #"{"status":"open","id":"a"}"#)
    #expect(meta2[dotted: "LastEvaluatedKey.n"] == .number("1.50"))
    #expect(meta2[dotted: "Count"] == .number("1"))
  }

  @Test("envelope keys match scalar for scalar: an escape spells its scalar, a Kelvin sign is no K")
  func envelopeKeysAreExact() throws {
    let body =
      #"{"It\u0065ms":[{"id":"a","status":"open"}],"LastEvaluated\u212Aey":"wrong","LastEvaluatedKey":"k"}"#
    let (matches, meta) = try Self.filter("rhythm", body)
    #expect(matches.map(\.id) == ["a"])
    #expect(meta.value(at: ["LastEvaluatedKey"]) == .string("k"))
    let kelvinOnly = #"{"Items":[],"LastEvaluated\u212Aey":"wrong"}"#
    #expect(try Self.filter("rhythm", kelvinOnly).1.value(at: ["LastEvaluatedKey"]) == nil)
    let kelvinItems = #"{"Items":[],"\u212Aeys":[{"id":"b"}],"continuation":{"search_start":1}}"#
    #expect(
      try Self.filter("roadsync", #"{"invoice_list":[],"continuation":{"search_\u0073tart":1}}"#).1[
        dotted: "continuation.search_start"] == .number("1"))
    #expect(try Self.filter("rhythm", kelvinItems).0.isEmpty)
  }

  @Test func roadsyncContinuationAndPagination() throws {
    let body = #"""
      {"code":"Success","continuation":{"search_start":999},"invoice_list":[{"id":"r1","status":"open"}],
       "pagination":{"PageNumber":2,"TotalPages":3},"result_token":"t","stats":{}}
      """#
    let (matches, meta) = try Self.filter("roadsync", body)
    #expect(matches.map(\.id) == ["r1"])
    #expect(meta.value(at: ["continuation", "search_start"]) == .number("999"))
    #expect(meta[dotted: "pagination.PageNumber"] == .number("2"))
    #expect(meta[dotted: "result_token"] == .string("t"))
    #expect(meta[dotted: "stats"] == nil)
  }

  @Test func softwareoneMetaAfterData() throws {
    let body =
      #"{"data":[{"id":"INV-1","status":"open","$meta":{"omitted":[]}}],"$meta":{"pagination":{"offset":0,"limit":100,"total":1}}}"#
    let (matches, meta) = try Self.filter("softwareone", body)
    #expect(matches.map(\.id) == ["INV-1"])
    #expect(meta[dotted: "$meta.pagination.total"] == .number("1"))
  }

  @Test func bareArraysAndNumericIds() throws {
    let body = #"[{"id": 501, "status": "open"}, {"id": 1.0E2, "status": "open"}, {"status": "open"}]"#
    let (matches, _) = try Self.filter("elevate", body)
    #expect(matches.map(\.id) == ["501", "1.0E2", nil])
    let (wethod, _) = try Self.filter("wethod", body)
    #expect(wethod.count == 3)
    let (wrapped, _) = try Self.filter("wethod", #"{"data":[{"id":1,"status":"open"}]}"#)
    #expect(wrapped.map(\.id) == ["1"])
    let (empty, meta) = try Self.filter("elevate", "[]")
    #expect(empty.isEmpty && meta.itemCount == 0)
  }

  @Test func bodiesOfTheWrongShapeAreErrors() {
    func shape(_ provider: String, _ body: String) -> Int? {
      guard let e = Self.error(provider, body), case .unexpectedShape = e.kind else { return nil }
      return e.byteOffset
    }
    #expect(shape("rhythm", #"[{"id":"a"}]"#) == 0)
    #expect(shape("rhythm", #"{"Count":0}"#) == 11)
    #expect(shape("rhythm", #"{"Items":{"id":"a"}}"#) == 9)
    #expect(shape("rhythm", #"{"Items":[],"Items":[]}"#) == 20)
    #expect(shape("rhythm", #"{"Items":[{"id":"a"},null]}"#) == 21)
    #expect(shape("elevate", #"{"error":"unauthorized","message":"no"}"#) == 0)
    #expect(shape("wethod", #"{"key":"invalid_data","message":"x","failures":[]}"#) == 50)
    #expect(shape("softwareone", "42") == 0)
  }

  @Test func malformedBodiesAreErrorsWithTheirOffset() {
    #expect(
      Self.error("rhythm", #"{"Items":[{"id":"a","status":"open"}"#)
        == JSONStreamError(.unexpectedEnd, byteOffset: 36))
    #expect(
      Self.error("elevate", #"[{"id":1,}]"#)
        == JSONStreamError(.unexpectedByte(UInt8(ascii: "}")), byteOffset: 9))
    #expect(Self.error("elevate", #"[{"id":01}]"#) == JSONStreamError(.leadingZero, byteOffset: 8))
    #expect(Self.error("elevate", "[] []") == JSONStreamError(.trailingData, byteOffset: 3))
  }

  @Test("a match's bytes are emitted exactly as received, whitespace between tokens removed")
  func matchesAreByteExact() throws {
    let body =
      "[ {\"id\" : \"a b\\u0041\\\"\" ,\n \"total\": 100.10 , \"n\": -0.0E+1, \"s\": \"open\", \"x\": [ 1 , { } ] } ]"
    let e: BoundExpression = .predicate(
      .compare(
        BoundField(path: ["total"], type: .decimal, name: "total"), .equal, .decimal(ExactDecimal(100))))
    let (matches, _) = try Self.filter("elevate", body, .not(e))
    #expect(
      matches.map(\.json) == [#"{"id":"a b\u0041\"","total":100.10,"n":-0.0E+1,"s":"open","x":[1,{}]}"#])
    #expect(matches.first?.id == "a bA\"")
    #expect(matches.first?.value()["total"] == .number("100.10"))
  }

  @Test func oneInvoiceBeyondTheCapIsAnError() throws {
    let big = #"[{"id":"a","memo":""# + String(repeating: "x", count: 10_000) + #""}]"#
    var filter = try #require(
      ResponseFilter(provider: "elevate", filter: .constant(true), maxItemBytes: 4096))
    var caught: JSONStreamError?
    do throws(JSONStreamError) { _ = try filter.feed(Array(big.utf8)) } catch { caught = error }
    #expect(caught?.kind == .valueTooLarge(limit: 4096))
  }

  struct Invoice: Decodable, Equatable {
    var id: String
    var status: String
  }

  @Test func asyncSequenceYieldsMatchesAndDecodes() async throws {
    let body = Array(
      #"{"Items":[{"id":"a","status":"open"},{"id":"b","status":"paid"},{"id":"c","status":"open"}],"LastEvaluatedKey":"z"}"#
        .utf8)
    let chunks = AsyncStream<[UInt8]> { continuation in
      for start in stride(from: 0, to: body.count, by: 7) {
        continuation.yield(Array(body[start..<min(start + 7, body.count)]))
      }
      continuation.finish()
    }
    let filter = try #require(ResponseFilter(provider: "rhythm", filter: Self.open))
    let seen = Mutex<PageMetadata?>(nil)
    var invoices: [Invoice] = []
    for try await invoice in filter.matches(in: chunks, onFinish: { m in seen.withLock { $0 = m } }).decoded(
      as: Invoice.self)
    {
      invoices.append(invoice)
    }
    #expect(invoices == [Invoice(id: "a", status: "open"), Invoice(id: "c", status: "open")])
    #expect(seen.withLock { $0?[dotted: "LastEvaluatedKey"] } == .string("z"))
  }

  @Test func asyncSequenceThrowsOnATruncatedBody() async throws {
    let chunks = AsyncStream<[UInt8]> { continuation in
      continuation.yield(Array(#"{"Items":[{"id":"a","status":"open"},{"id":"#.utf8))
      continuation.finish()
    }
    let filter = try #require(ResponseFilter(provider: "rhythm", filter: Self.open))
    var ids: [String?] = []
    await #expect(throws: JSONStreamError(.unexpectedEnd, byteOffset: 43)) {
      for try await match in filter.matches(in: chunks) { ids.append(match.id) }
    }
    #expect(ids == ["a"])
  }
}

/// A tiny lock for test state shared with `@Sendable` closures.
final class Mutex<Value>: @unchecked Sendable {
  private var value: Value
  private let lock = NSLock()
  init(_ value: Value) { self.value = value }
  func withLock<R>(_ body: (inout Value) -> R) -> R {
    lock.lock()
    defer { lock.unlock() }
    return body(&value)
  }
}
