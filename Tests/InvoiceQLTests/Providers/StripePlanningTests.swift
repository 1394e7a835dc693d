import Foundation
import InvoiceQLSimulation
import Testing

@testable import InvoiceQL
@testable import InvoiceQLJSON
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSemantics
@testable import InvoiceQLStreaming
@testable import InvoiceQLSyntax

/// Stripe's semantics (the canonical vocabulary) and the list endpoint's pushdown, beyond the registry-wide property
/// test: money per currency at its boundaries, dates in zones with daylight saving, the list's
/// order, the opt-in search endpoint, and line items that arrive a page at a time.
@Suite struct StripePlanningTests {
  static let catalog = Provider.stripe.catalog

  static func bind(_ text: String, zone: String = "UTC") throws -> BoundQuery {
    let tz = try #require(TimeZone(identifier: zone))
    let context = BindingContext(now: Instant(seconds: 1_746_057_600, fraction: ""), timeZone: tz)
    return try Binder.bind(try Parser.parse(text), catalog: catalog, context: context, source: text)
  }

  static func matches(_ text: String, _ invoice: String, zone: String = "UTC") throws -> Truth {
    ReferenceEvaluator.evaluate(try bind(text, zone: zone).filter, on: try JSONValue(parsing: invoice))
  }

  /// The canonical `total` is the native minor units over 10^exponent of the invoice's currency:
  /// JPY has none, KWD three decimals, ISK two at Stripe (not ISO's zero), USD two.
  @Test(arguments: [
    ("jpy", "12000", "12000"), ("kwd", "5124", "5.124"), ("isk", "100", "1"), ("usd", "10000", "100.00"),
    ("USD", "1", "0.01"), ("bhd", "1", "0.001"), ("xof", "7", "7"),
  ])
  func moneyIsTheDecimalAmountInItsCurrencysScale(currency: String, minor: String, amount: String) throws {
    let invoice =
      #"{"id": "in_1", "currency": "\#(currency)", "total": \#(minor), "amount_remaining": \#(minor)}"#
    #expect(try Self.matches("total = \(amount) and balance = \(amount)", invoice) == .true)
    // The boundary on each side, at the currency's own scale and one digit finer.
    let d = try #require(ExactDecimal(json: amount))
    let step = ExactDecimal(1).scaled(by: -(StripeCatalog.exponents.exponent(of: currency) ?? 0) - 1)
    for (op, other, want) in [
      (">", d, Truth.false), (">=", d, .true), ("<", d, .false), ("<=", d, .true),
    ] {
      #expect(try Self.matches("total \(op) \(other)", invoice) == want, "\(currency) total \(op) \(other)")
    }
    #expect(try Self.matches("total > \(Self.minus(d, step))", invoice) == .true)
    #expect(try Self.matches("total < \(Self.plus(d, step))", invoice) == .true)
    // A native money field by its own name stays an integer of minor units.
    #expect(try Self.matches("amount_remaining = \(minor)", invoice) == .true)
  }

  static func minus(_ a: ExactDecimal, _ b: ExactDecimal) -> String {
    Self.decimalText(Double(a.description)! - Double(b.description)!, b)
  }
  static func plus(_ a: ExactDecimal, _ b: ExactDecimal) -> String {
    Self.decimalText(Double(a.description)! + Double(b.description)!, b)
  }
  /// `v` with as many fraction digits as `step` has (exact for these small values).
  static func decimalText(_ v: Double, _ step: ExactDecimal) -> String {
    String(format: "%.\(max(0, -step.exponent))f", v)
  }

  @Test func moneyWithoutAKnownCurrencyIsUnknownAndCurrencyBindsLowercase() throws {
    #expect(try Self.matches("total > 0", #"{"total": 5}"#) == .unknown)
    #expect(try Self.matches("total > 0", #"{"total": 5, "currency": "zzz"}"#) == .unknown)
    #expect(try Self.matches("total > 0", #"{"total": 5.5, "currency": "usd"}"#) == .unknown)
    #expect(try Self.matches("currency = USD", #"{"currency": "usd"}"#) == .true)
    #expect(try Self.matches("status = writtenOff", #"{"status": "uncollectible"}"#) == .true)
    #expect(throws: DiagnosticError.self) { try Self.bind("status = cancelled") }
  }

  /// `issueDate = d` in any zone is exactly the seconds from d's start to the next day's start
  /// there, across daylight-saving changes (also one at midnight), and the plan sends exactly that.
  @Test(arguments: [
    "UTC", "America/New_York", "Europe/Berlin", "America/Havana", "Australia/Lord_Howe", "America/Santiago",
  ])
  func aDateInAnyZoneIsExactlyItsRangeOfSecondsAndPushedSo(zone: String) throws {
    let server = StripeServer()
    // Days around the 2025 transitions, and seconds around each of their starts.
    let days = [
      "2025-03-08", "2025-03-09", "2025-03-10", "2025-03-30", "2025-04-05", "2025-04-06", "2025-11-02",
    ]
    let tz = try #require(TimeZone(identifier: zone))
    var seconds: [Int] = []
    for day in days {
      let d = try #require(DateTimeText.date(day))
      let start = UnixTime.start(of: d, in: tz)
      seconds += [-3601, -1, 0, 1, 1800, 3599, 3600, 86_399].map { start + $0 }
    }
    let invoices = seconds.enumerated().map { k, s in
      JSONValue.object([JSONMember("id", .string("in_\(k)")), JSONMember("created", .number(String(s)))])
    }
    for day in days {
      for op in ["=", "<", "<=", ">", ">=", "!="] {
        let query = try Self.bind("issueDate \(op) \(day)", zone: zone)
        let plan = try Provider.stripe.plan(query, settings: [:])
        let truth = invoices.filter { ReferenceEvaluator.matches(query.filter, on: $0) }
        var answer: [JSONValue] = []
        for request in plan.requests {
          answer += try server.answer(ParsedRequest(request), invoices, .literal, settings: [:])
        }
        let kept = answer.filter { inv in
          plan.residual.map { ReferenceEvaluator.matches($0, on: inv) } ?? true
        }
        #expect(
          Set(kept.compactMap { $0["id"] }) == Set(truth.compactMap { $0["id"] }), "\(zone): \(op) \(day)")
        if op != "!=" { #expect(plan.residual == nil, "\(zone): issueDate \(op) \(day) should be exact") }
      }
    }
    // The date read is monotone in time: a later second never has an earlier date.
    var previous: CivilDate?
    for s in seconds.sorted() {
      let d = UnixTime.date(of: Instant(seconds: s, fraction: ""), in: tz)
      if let previous { #expect(previous <= d, "\(zone): \(s)") }
      previous = d
    }
  }

  @Test func anInListIsOneRequestPerValueUpToThreeAndOtherwiseResidual() throws {
    let two = try Provider.stripe.plan(
      Self.bind("status in (open, paid) sort by createdAt desc"), settings: [:])
    #expect(two.requests.map { $0.queryValue("status") } == ["open", "paid"])
    #expect(two.residual == nil && !two.sortPushed)
    #expect(two.pushed.first?.reason.contains("one request per value") == true)
    let four = try Provider.stripe.plan(Self.bind("status in (open, paid, void, draft)"), settings: [:])
    #expect(four.requests.count == 1 && four.requests[0].queryValue("status") == nil)
    #expect(four.residualText == "status in (draft, open, paid, void)")
    #expect(four.decisions.first?.outcome == .residual)
  }

  @Test func theListsOrderServesNewestFirstAndNothingElse() throws {
    for text in [
      "customerId = \"cus_1\" sort by createdAt desc limit 5", "status = open sort by issueDate desc limit 5",
    ] {
      let plan = try Provider.stripe.plan(Self.bind(text), settings: [:])
      #expect(plan.sortPushed && plan.limitPushed, "\(text)")
      #expect(plan.requests.first?.queryValue("limit") == "5")
    }
    for text in [
      "status = open sort by createdAt asc limit 5", "status = open sort by dueDate desc limit 5",
      "total > 1 sort by createdAt desc",
    ] {
      #expect(try !Provider.stripe.plan(Self.bind(text), settings: [:]).sortPushed, "\(text)")
    }
  }

  @Test func noParameterIsRepeatedAndStripeVersionIsAlwaysSent() throws {
    let plan = try Provider.stripe.plan(
      Self.bind("createdAt > 2025-05-01T10:00:00.5Z and issueDate <= 2025-05-03 and createdAt < 2025-05-02"),
      settings: ["version": "2024-06-20"])
    let names = plan.requests[0].query.map(\.name)
    #expect(names == ["created[gte]", "created[lt]", "limit"])
    #expect(plan.requests[0].queryValue("created[gte]") == "1746093601")
    #expect(plan.requests[0].queryValue("created[lt]") == "1746144000")
    #expect(plan.requests[0].headers["Stripe-Version"] == "2024-06-20")
    #expect(plan.residual == nil)
  }

  /// Line items: in one body, a quantifier over an invoice whose `lines` are incomplete is unknown
  /// unless the lines at hand decide it; the streaming filter answers as the reference does.
  @Test func aQuantifierOverIncompleteLinesIsUnknownUnlessTheLinesAtHandDecideIt() throws {
    let body = #"""
      {"object": "list", "has_more": false, "data": [
        {"id": "a", "lines": {"has_more": true, "data": [{"quantity": 1}]}},
        {"id": "b", "lines": {"has_more": true, "data": [{"quantity": 5}]}},
        {"id": "c", "lines": {"has_more": false, "data": [{"quantity": 1}]}}
      ]}
      """#
    let invoices = try #require(
      JSONValue(parsing: body)["data"].flatMap { if case .array(let a) = $0 { a } else { nil } })
    let any = try Self.bind("any(lines.data, quantity > 2)").filter
    let all = try Self.bind("all(lines.data, quantity > 2)").filter
    #expect(invoices.map { ReferenceEvaluator.evaluate(any, on: $0) } == [.unknown, .true, .false])
    #expect(invoices.map { ReferenceEvaluator.evaluate(all, on: $0) } == [.false, .unknown, .false])
    let notAny = try Self.bind("not any(lines.data, quantity > 2)").filter
    for filter in [any, all, notAny] {
      var streaming = Provider.stripe.responseFilter(filter)
      let ids = try streaming.feed(Array(body.utf8)).compactMap(\.id)
      _ = try streaming.finish()
      let reference = invoices.filter { ReferenceEvaluator.matches(filter, on: $0) }.compactMap {
        $0["id"]?.cursorText
      }
      #expect(ids == reference)
    }
  }

  /// Search takes at most ten clauses: a `created` range that finds no room is not sent, and the
  /// plan does not list it as pushed (it stays in the residual's care, like every clause there).
  @Test func aCreatedRangeWithoutRoomAmongTenClausesIsNotListedAsPushed() throws {
    let keys = (1...10).map { "metadata.k\($0) = v\($0)" }
    let settings = ["endpoint": "search"]
    let full = try Provider.stripe.plan(
      Self.bind((keys + ["createdAt >= 2025-05-01T00:00:00Z"]).joined(separator: " and ")), settings: settings
    )
    let query = try #require(full.requests.first?.queryValue("query"))
    #expect(query.components(separatedBy: " AND ").count == 10 && !query.contains("created"), "\(query)")
    #expect(full.pushed.count == 10 && !full.pushed.contains { $0.predicate.contains("createdAt") })
    let room = try Provider.stripe.plan(
      Self.bind((keys.dropLast() + ["createdAt >= 2025-05-01T00:00:00Z"]).joined(separator: " and ")),
      settings: settings)
    #expect(room.requests.first?.queryValue("query")?.contains("created>") == true)
    #expect(room.pushed.contains { $0.predicate.contains("createdAt") })
  }

  /// The opt-in search endpoint: every fragment a superset, a warning in the plan, the grammar's
  /// limits kept, and the answer of a simulated index (up to date) re-checked into the true matches.
  @Test func searchIsOptInWarnedAndItsAnswerIsReChecked() throws {
    let generator = ProviderQueryGenerator(provider: "stripe")
    let server = StripeServer()
    let settings = ["endpoint": "search"]
    var r = PlanningRandom(seed: 0x5EA2C4)
    var pushed = 0
    for _ in 0..<200 {
      let filter = generator.expression(&r, depth: 3)
      let invoices = generator.invoices(&r, count: 10)
      let plan = try Provider.stripe.plan(BoundQuery(filter: filter), settings: settings)
      guard plan.canMatch else { continue }
      #expect(plan.pushed.allSatisfy { $0.exactness == .superset })
      #expect(plan.requests.count == 1)
      // With nothing to search for, the list endpoint (exact, no warning) lists every invoice.
      guard !plan.pushed.isEmpty else {
        #expect(plan.requests[0].path == "/v1/invoices" && plan.warnings.isEmpty)
        continue
      }
      #expect(plan.warnings.first?.contains("eventually consistent") == true)
      #expect(plan.requests[0].path == "/v1/invoices/search")
      let query = try #require(plan.requests[0].queryValue("query"))
      #expect(query.components(separatedBy: " AND ").count <= 10 && !query.contains(" OR "))
      if !plan.pushed.isEmpty { pushed += 1 }
      let truth = invoices.filter { ReferenceEvaluator.matches(filter, on: $0) }.compactMap { $0["id"] }
      for unknowns in [Unknowns.literal, Unknowns.all[1]] {
        let answer = try server.answer(
          ParsedRequest(plan.requests[0]), invoices, unknowns, settings: settings)
        let kept = answer.filter { inv in
          plan.residual.map { ReferenceEvaluator.matches($0, on: inv) } ?? true
        }
        #expect(kept.compactMap { $0["id"] } == truth, "\(filter) → \(query)")
      }
    }
    #expect(pushed > 30)
    #expect(throws: PlanningError.self) {
      try Provider.stripe.plan(Self.bind("status = open"), settings: ["endpoint": "x"])
    }
  }

  /// `number:"v"` matches the words of `v`; for a `v` without a word (`-`, `#`, a space) what it
  /// matches is undocumented — every invoice, or none, which would miss the invoice numbered `-` —
  /// so such a value stays on the client, as an empty one does. A token (`metadata["k"]:"-"`,
  /// the whole value) is still sent.
  @Test func aSearchValueWithoutAWordIsNotSentToAStringField() throws {
    let settings = ["endpoint": "search"]
    for value in ["-", "#", " ", "--/"] {
      let plan = try Provider.stripe.plan(Self.bind("number = \"\(value)\""), settings: settings)
      #expect(plan.requests.first?.queryValue("query") == nil, "\(value): \(plan.requests)")
      #expect(plan.residualText == "number = \"\(value)\"")
    }
    let worded = try Provider.stripe.plan(Self.bind("number = \"A-1\""), settings: settings)
    #expect(worded.requests.first?.queryValue("query") == #"number:"A-1""#)
    let token = try Provider.stripe.plan(Self.bind("metadata.plan = \"-\""), settings: settings)
    #expect(token.requests.first?.queryValue("query") == #"metadata["plan"]:"-""#)
  }
}

/// The list's order (newest `created` first) serving a pushed `sort by … desc limit N`, under both
/// readings of the undocumented order within one second.
@Suite struct StripeListOrderTests {
  @Test(arguments: ["createdAt", "issueDate"])
  func theFirstNOfTheListInEitherTieOrderAreAValidAnswerToTheSortedQuery(key: String) throws {
    var r = PlanningRandom(seed: 0x71E5 ^ UInt64(key.utf8.count))
    for _ in 0..<100 {
      // Few distinct seconds (and days), so ties are common.
      let invoices = (0..<12).map { k -> JSONValue in
        let s = 1_746_057_600 + Int(r.next() % 4) * 43_200 + Int(r.next() % 2)
        return .object([
          JSONMember("id", .string("in_\(k)")), JSONMember("status", .string(r.pick(["open", "paid"]))),
          JSONMember("created", .number(String(s))),
        ])
      }
      let n = 1 + Int(r.next() % 6)
      let query = try StripePlanningTests.bind("status = open sort by \(key) desc limit \(n)")
      let plan = try Provider.stripe.plan(query, settings: [:])
      #expect(plan.sortPushed && plan.limitPushed && plan.residual == nil)
      let answer = try StripeServer().answer(
        ParsedRequest(plan.requests[0]), invoices, .literal, settings: [:])
      let client = InvoiceSorter.sorted(
        invoices.filter { ReferenceEvaluator.matches(query.filter, on: $0) }, by: query.sort, invoice: { $0 })
      let want = client.prefix(n).map { InvoiceSorter.sortValues($0, query.sort) }
      for tiesAscending in [true, false] {
        // The server: newest `created` first; within a second, by id one way or the other.
        let listed = answer.sorted { a, b in
          let (x, y) = (Self.seconds(a), Self.seconds(b))
          if x != y { return x > y }
          let (p, q) = (a["id"]?.cursorText ?? "", b["id"]?.cursorText ?? "")
          return tiesAscending ? p < q : p > q
        }
        let got = listed.prefix(n).map { InvoiceSorter.sortValues($0, query.sort) }
        #expect(got == want, "\(key) limit \(n), ties ascending: \(tiesAscending)")
      }
    }
  }

  static func seconds(_ invoice: JSONValue) -> Int {
    if case .number(let n)? = invoice["created"] { return Int(n) ?? 0 }
    return 0
  }
}
