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

@Suite("CompiledFilter")
struct CompiledFilterTests {
  /// What one invoice gets: from the compiled filter, and from the reference evaluator on the
  /// projected value (what `ResponseFilter` judged before) and on the whole invoice.
  struct Judgement: Equatable {
    var compiled: Truth
    var projected: Truth
    var whole: Truth
  }

  /// Judges the invoice `text` (JSON), placed after `prefix` in a buffer as it is in a response.
  /// Nil when the filter does not compile.
  static func judge(_ e: BoundExpression, _ text: String, prefix: String = "[ ") throws -> Judgement? {
    let projection = Projection(reading: e, alsoReading: [["id"]])
    guard let compiled = CompiledFilter(e, projection: projection) else { return nil }
    let bytes = Array((prefix + text + "]").utf8)
    let start = prefix.utf8.count
    var items = ItemScanner(keys: projection.rootKeys)
    let outcome = bytes.withUnsafeBufferPointer { items.scan($0, from: start, depth: 1) }
    #expect(outcome == .complete(end: bytes.count - 1), "\(text)")
    let (truth, projected) = bytes.withUnsafeBufferPointer { buffer in
      (
        compiled.evaluate(buffer, objectAt: start, members: items.members),
        projection.decode(buffer, objectAt: start, members: items.members)
      )
    }
    return Judgement(
      compiled: truth, projected: ReferenceEvaluator.evaluate(e, on: projected),
      whole: ReferenceEvaluator.evaluate(e, on: try JSONValue(parsing: text)))
  }

  @Test("random filters × random invoices: the compiled filter answers as the reference evaluator")
  func agreesWithTheReference() throws {
    var generator = CompiledFilterGenerator(random: StreamingRandom(seed: 0xC0_3F11))
    var outcomes: [Truth: Int] = [:]
    for round in 0..<2500 {
      let e = generator.expression()
      for _ in 0..<4 {
        let text = generator.write(generator.invoice())
        let prefix = generator.random.pick(["[", "[ ", "{\"Items\":[\n  "])
        let judgement = try #require(try Self.judge(e, text, prefix: prefix), "round \(round): \(e)")
        #expect(judgement.compiled == judgement.projected, "round \(round): \(e)\n\(text)")
        #expect(judgement.compiled == judgement.whole, "round \(round): \(e)\n\(text)")
        outcomes[judgement.compiled, default: 0] += 1
      }
    }
    // The cases are not all alike: every truth value comes up often.
    for truth in [Truth.true, .false, .unknown] { #expect(outcomes[truth, default: 0] > 1000, "\(outcomes)") }
  }

  @Test("every spelling × every constant of its kind × every operator: typed reads compare as the reference")
  func scalarsCompareAsTheReference() throws {
    var generator = CompiledFilterGenerator(random: StreamingRandom(seed: 0x5CA1A))
    let dates = CompiledFilterGenerator.dateSpellings + CompiledFilterGenerator.hotDates
    let cases: [(FieldType, [JSONValue], [Value])] = [
      (
        .dateTime, dates.map(JSONValue.string),
        dates.flatMap { s -> [Value] in
          let instant =
            DateTimeText.dateTime(s).map { Instant($0) }
            ?? DateTimeText.date(s).map { Instant(seconds: $0.daysSinceEpoch * 86_400, fraction: "") }
          guard let instant else { return [] }
          return [-1, 0, 1].map {
            .instant(
              Instant(
                seconds: instant.seconds + $0, fraction: String(decoding: instant.fraction, as: UTF8.self)))
          }
            + ["5", "4999", "5001", "0000001"].map {
              .instant(Instant(seconds: instant.seconds, fraction: $0))
            }
        }
      ),
      (
        .date, dates.map(JSONValue.string),
        dates.flatMap { s -> [Value] in
          guard let date = DateTimeText.date(s) ?? DateTimeText.dateTime(s)?.date else { return [] }
          return [-1, 0, 1, 30, 31, -30].map { .date(date.adding(days: $0)) }
        }
      ),
      (
        .decimal,
        CompiledFilterGenerator.decimalSpellings.flatMap { n in
          [JSONValue.string(n)] + (ExactDecimal(json: n) == nil ? [] : [.number(n)])
        },
        CompiledFilterGenerator.decimalSpellings.compactMap { ExactDecimal(json: $0).map(Value.decimal) }
      ),
      (
        .string, CompiledFilterGenerator.strings.map(JSONValue.string),
        CompiledFilterGenerator.strings.map(Value.string)
      ),
    ]
    var checked = 0
    for (type, values, constants) in cases {
      let types = type == .decimal ? [type, .integer, .id(numeric: true)] : [type]
      for type in types {
        let f = BoundField(path: ["f"], type: type, name: "f")
        for value in values {
          let text = "{\"f\":" + generator.write(value) + "}"
          for c in constants {
            for op in ComparisonOperator.allCases {
              let e: BoundExpression = .predicate(.compare(f, op, c))
              let judgement = try #require(try Self.judge(e, text))
              #expect(judgement.compiled == judgement.projected, "\(text) \(type) \(op) \(c)")
              checked += 1
            }
          }
        }
      }
    }
    #expect(checked > 50_000)
  }

  static let status = BoundField(path: ["status"], type: .enumeration(["open", "paid"]), name: "status")
  static let amount = BoundField(path: ["amount"], type: .decimal, name: "amount")
  static let due = BoundField(path: ["due"], type: .date, name: "due")
  static let at = BoundField(path: ["at"], type: .dateTime, name: "at")
  /// `any l in lines: l.qty > 2`.
  static let anyLineQuantityAbove2: BoundExpression = .quantified(
    .any, BoundField(path: ["lines"], type: .array(element: .object), name: "l"),
    .predicate(
      .compare(BoundField(path: ["qty"], type: .decimal, name: "q"), .greater, .decimal(ExactDecimal(2)))))

  /// Hand-picked cases, each with the reference's answer spelled out.
  @Test(
    "typed reads in place: escapes, spellings, last member wins, kinds that never compare",
    arguments: [
      (
        #"{"status":"open"}"#, BoundExpression.predicate(.member(status, [.string("open")], negated: false)),
        Truth.true
      ),
      (#"{"status":"\u006fpen"}"#, .predicate(.member(status, [.string("open")], negated: false)), .true),
      (
        #"{"status":"open","status":"void"}"#, .predicate(.member(status, [.string("open")], negated: false)),
        .false
      ),
      (#"{"status":"open"}"#, .predicate(.member(status, [.decimal(.zero)], negated: false)), .unknown),
      (
        #"{"status":"open"}"#,
        .predicate(.member(status, [.decimal(.zero), .string("open")], negated: true)), .false
      ),
      (#"{"status":"open"}"#, .predicate(.member(status, [], negated: true)), .true),
      (#"{"status":5}"#, .predicate(.member(status, [], negated: true)), .unknown),
      (
        #"{"amount":"1\u0030\u0030.10"}"#,
        .predicate(.compare(amount, .equal, .decimal(ExactDecimal(json: "100.1")!))), .true
      ),
      (#"{"amount":1E-400}"#, .predicate(.compare(amount, .greater, .decimal(.zero))), .true),
      // Exponents are exact up to ±10^17; beyond, the value is not read (unknown), never rounded.
      (
        #"{"amount":1e9999999999999999}"#,
        .predicate(.compare(amount, .greater, .decimal(ExactDecimal(json: "1e999999999999999")!))), .true
      ),
      (
        #"{"amount":-1e-99999999999999999}"#,
        .predicate(.compare(amount, .greater, .decimal(ExactDecimal(json: "-1e-99999999999999998")!))), .true
      ),
      (
        #"{"amount":1e100000000000000001}"#, .not(.predicate(.compare(amount, .greater, .decimal(.zero)))),
        .unknown
      ),
      (#"{"amount":"1e-100000000000000001"}"#, .predicate(.isNull(amount, negated: false)), .false),
      (#"{"amount":-0.0}"#, .predicate(.compare(amount, .equal, .decimal(.zero))), .true),
      (#"{"amount":"+5"}"#, .predicate(.compare(amount, .notEqual, .decimal(.zero))), .unknown),
      (#"{"amount":100}"#, .predicate(.compare(amount, .equal, .string("100"))), .unknown),
      (
        #"{"due":"2025-04-30T23:30:00-05:00"}"#,
        .predicate(.compare(due, .less, .date(CivilDate(year: 2025, month: 5, day: 1)!))), .true
      ),
      (#"{"due":"2025-02-29"}"#, .predicate(.isNull(due, negated: true)), .true),
      (
        #"{"due":"2025-02-29"}"#,
        .predicate(.compare(due, .notEqual, .date(CivilDate(year: 2025, month: 5, day: 1)!))), .unknown
      ),
      (
        #"{"at":"2025-05-01"}"#,
        .predicate(.compare(at, .equal, .instant(Instant(seconds: 1_746_057_600, fraction: "")))), .true
      ),
      (
        #"{"at":"2025-05-01T02:00:00.000+02:00"}"#,
        .predicate(.compare(at, .equal, .instant(Instant(seconds: 1_746_057_600, fraction: "")))), .true
      ),
      (
        #"{"at":"2025-05-01T00:00:00.0001Z"}"#,
        .predicate(.compare(at, .greater, .instant(Instant(seconds: 1_746_057_600, fraction: "0000999")))),
        .true
      ),
      (
        #"{"lines":[{"qty":3},{"qty":"x"}]}"#,
        anyLineQuantityAbove2,
        .true
      ),
      (
        #"{"lines":[{"qty":1},{"qty":"x"}]}"#,
        anyLineQuantityAbove2,
        .unknown
      ),
      (
        #"{"lines":{"qty":3}}"#,
        .quantified(
          .all, BoundField(path: ["lines"], type: .array(element: .object), name: "l"), .constant(true)),
        .unknown
      ),
      (
        #"{"lines":null}"#,
        .quantified(
          .all, BoundField(path: ["lines"], type: .array(element: .object), name: "l"), .constant(false)),
        .true
      ),
    ])
  func handPicked(_ text: String, _ e: BoundExpression, _ expected: Truth) throws {
    let judgement = try #require(try Self.judge(e, text))
    #expect(judgement == Judgement(compiled: expected, projected: expected, whole: expected), "\(text)")
  }

  @Test("keys equal as Strings but spelled apart are different keys, on every path")
  func canonicallyEquivalentKeysAreDistinct() throws {
    let precomposed = BoundField(path: ["café"], type: .string, name: "a")
    let decomposed = BoundField(path: ["cafe\u{301}"], type: .string, name: "b")
    let e: BoundExpression = .and([
      .predicate(.compare(precomposed, .equal, .string("x"))), .predicate(.isNull(decomposed, negated: true)),
    ])
    #expect(CompiledFilter(e, projection: Projection(reading: e)) != nil)
    let invoices = [
      #"{"id":"1","café":"x"}"#, #"{"id":"2","cafe\u0301":"x"}"#, #"{"id":"3","café":"x","cafe\u0301":"y"}"#,
      #"{"id":"4","cafe\u0301":"y","café":"x"}"#, #"{"id":"5","cafe\u0301":"x","cafe\u0301":null}"#,
    ]
    for invoice in invoices {
      let judgement = try #require(try Self.judge(e, invoice))
      #expect(
        judgement.compiled == judgement.projected && judgement.compiled == judgement.whole, "\(invoice)")
    }
    let body = Array(("{\"Items\":[" + invoices.joined(separator: ",") + "]}").utf8)
    var filter = ResponseFilter(envelope: .rhythm, filter: e)
    #expect(try filter.feed(body).map(\.id) == ["3", "4"])
    // A Kelvin sign (U+212A) is canonically a K: `primaryKey` is not `primary\u212Aey` in data.
    let key = BoundField(path: ["lines"], type: .array(element: .object), name: "lines")
    let primary = BoundField(path: ["primaryKey"], type: .string, name: "primaryKey")
    let q: BoundExpression = .not(.quantified(.any, key, .predicate(.compare(primary, .equal, .string("y")))))
    let kelvin = #"{"id":"1","lines":[{"primaryKey":"x","primary\u212Aey":"y"}]}"#
    let judgement = try #require(try Self.judge(q, kelvin))
    #expect(judgement == Judgement(compiled: .true, projected: .true, whole: .true))
  }

  @Test("an injected evaluator judges every invoice instead of the compiled filter")
  func injectedEvaluatorIsUsed() throws {
    let body = Array(#"{"Items":[{"id":"1"},{"id":"2","status":"open"}]}"#.utf8)
    var always = ResponseFilter(envelope: .rhythm, filter: .constant(false)) { _, _ in .true }
    #expect(try always.feed(body).map(\.id) == ["1", "2"])
    let e: BoundExpression = .predicate(.isNull(Self.status, negated: true))
    var seen = ResponseFilter(envelope: .rhythm, filter: e) { e, value in
      value["status"] == nil ? ReferenceEvaluator.evaluate(e, on: value) : .false
    }
    #expect(try seen.feed(body).map(\.id) == [])
    var compiled = ResponseFilter(envelope: .rhythm, filter: e)
    #expect(try compiled.feed(body).map(\.id) == ["2"])
  }

  @Test(
    "whole responses: the default filter returns what the reference evaluator selects, split anywhere, with or without the fast path"
  )
  func responsesAgreeWithTheReference() throws {
    var generator = CompiledFilterGenerator(random: StreamingRandom(seed: 0x5EED))
    for round in 0..<150 {
      let e = generator.expression()
      let items = (0..<generator.random.below(6)).map { _ in generator.write(generator.invoice()) }
      let body = Array(("{\"Items\":[" + items.joined(separator: ",") + "]}").utf8)
      let cuts = (0..<3).map { _ in generator.random.below(body.count + 1) }.sorted()
      let compiled = try ResponseFilterDifferentialTests.run(
        ResponseFilter(envelope: .rhythm, filter: e), body, cuts: cuts)
      let reference = try ResponseFilterDifferentialTests.run(
        ResponseFilter(envelope: .rhythm, filter: e) { ReferenceEvaluator.evaluate($0, on: $1) }, body,
        cuts: cuts)
      #expect(compiled.0 == reference.0, "round \(round): \(e)")
      #expect(compiled.1 == reference.1, "round \(round)")
      // The scanner alone (no fast path) hands the compiled filter the same members.
      var scannerOnly = ResponseFilter(envelope: .rhythm, filter: e)
      scannerOnly.usesFastPath = false
      #expect(
        try ResponseFilterDifferentialTests.run(scannerOnly, body, cuts: cuts).0 == reference.0,
        "round \(round)")
    }
  }
}
