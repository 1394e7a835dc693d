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

@Suite struct BinderTests {
  typealias F = BinderFixture

  @Test(arguments: Provider.names)
  func everyCanonicalNameResolvesOrNamesTheProvider(provider: String) {
    let catalog = F.catalog(provider)
    for name in CanonicalVocabulary.fieldNames {
      let src = Src("\(name) is null")
      let e = Expression(.isNull(src.path(name), negated: false), range: src.whole)
      if let mapped = catalog.canonicalFields[name] {
        let bound = F.bind(e, provider, src)
        // A canonical name may read its field its own way (stripe: minor units, Unix seconds).
        let view = catalog.canonicalViews[name]
        let type = view?.type ?? catalog.field(at: mapped)?.type ?? .string
        var encoding = view?.encoding ?? catalog.field(at: mapped)?.encoding ?? .plain
        if case .unixSeconds = encoding {
          encoding = .unixSeconds(zone: type == .date ? F.utc.timeZone : nil)
        }
        let field = BoundField(path: mapped, type: type, name: name, encoding: encoding)
        #expect(bound == .predicate(.isNull(field, negated: false)), "\(provider).\(name)")
      } else {
        let d = F.errors(e, provider, src)
        #expect(d.map(\.kind) == [.fieldNotOnProvider], "\(provider).\(name)")
        #expect(d.first?.message == "field '\(name)' is not available on \(provider)")
        #expect(d.first?.range == SourceRange(0, name.utf8.count))
        let has = CanonicalVocabulary.fieldNames.filter { catalog.canonicalFields[$0] != nil }
        #expect(d.first?.help == ["\(provider) has: " + has.joined(separator: ", ")])
      }
    }
  }

  @Test(arguments: Provider.names)
  func everyCanonicalStatusTranslatesOrIsAnError(provider: String) {
    let catalog = F.catalog(provider)
    guard let path = catalog.statusPath, case .enumeration(let known)? = catalog.field(at: path)?.type else {
      Issue.record("no status")
      return
    }
    let field = BoundField(path: path, type: .enumeration(known), name: "status")
    for status in CanonicalVocabulary.statusValues {
      let src = Src("status = \(status)")
      let e = src.cmp(src.path("status"), .equal, src.word(status))
      let mapped = catalog.canonicalStatuses[status] ?? []
      if mapped.isEmpty {
        let d = F.errors(e, provider, src)
        #expect(d.map(\.kind) == [.statusNotOnProvider], "\(provider) \(status)")
        #expect(d.first?.message == "status '\(status)' has no equivalent on \(provider)")
        #expect(d.first?.range == src.range(status))
      } else if mapped.count == 1 {
        #expect(F.bind(e, provider, src) == .predicate(.compare(field, .equal, .string(mapped[0]))))
      } else {
        #expect(
          F.bind(e, provider, src) == .predicate(.member(field, mapped.map(Value.string), negated: false)))
      }
    }
    // The provider's own values always work, matched case-insensitively, compared exactly.
    for value in known where !value.isEmpty {
      let src = Src("status = \"\(value.uppercased())\"")
      let e = src.cmp(src.path("status"), .equal, src.string(value.uppercased()))
      #expect(F.bind(e, provider, src) == .predicate(.compare(field, .equal, .string(value))))
    }
  }

  @Test func canonicalStatusExpandsInListsAndNegations() {
    let src = Src("status not in (open, PAID, paid)")
    let e = src.member(
      src.path("status"), [src.word("open"), src.word("PAID"), src.word("paid")], negated: true)
    let f = BoundField(
      path: ["paymentStatus"], type: ElevateCatalog.catalog.field(at: ["paymentStatus"])!.type, name: "status"
    )
    #expect(
      F.bind(e, "elevate", src)
        == .predicate(
          .member(f, [.string("UNPAID"), .string("PARTIALLY_PAID"), .string("PAID")], negated: true)))
    let ne = Src("status != open")
    #expect(
      F.bind(ne.cmp(ne.path("status"), .notEqual, ne.word("open")), "elevate", ne)
        == .predicate(.member(f, [.string("UNPAID"), .string("PARTIALLY_PAID")], negated: true)))
  }

  @Test func unknownFieldSuggestsTheClosestNameWithTheSpecCaret() throws {
    let src = Src("status = open and dueDat < 2025-05-01")
    let e = src.and([
      src.cmp(src.path("status"), .equal, src.word("open")),
      src.cmp(src.path("dueDat"), .less, src.date("2025-05-01")),
    ])
    let d = F.errors(e, "rhythm", src)
    #expect(d.count == 1)
    let rendered = d.first?.render(source: src.text)
    #expect(
      rendered == """
        error: unknown field 'dueDat'
         | status = open and dueDat < 2025-05-01
         |                   ^~~~~~
         = help: did you mean 'dueDate'?
        """)
    #expect(d.first?.fixIts == [Diagnostic.FixIt(range: src.range("dueDat"), replacement: "dueDate")])
  }

  @Test func caseOnlyMismatchGivesTheRightSpelling() {
    let src = Src("DueDate < 2025-05-01")
    let d = F.errors(src.cmp(src.path("DueDate"), .less, src.date("2025-05-01")), "elevate", src)
    #expect(d.map(\.kind) == [.unknownField])
    #expect(d.first?.help == ["did you mean 'dueDate'? (field names are case-sensitive)"])
    let nested = Src("billing_address.Country = US")
    let d2 = F.errors(
      nested.cmp(nested.path("billing_address.Country"), .equal, nested.word("US")), "rhythm", nested)
    #expect(d2.first?.help == ["did you mean 'billing_address.country'? (field names are case-sensitive)"])
    #expect(d2.first?.range == nested.range("billing_address.Country"))
  }

  @Test func unknownEnumValueSuggestsAndListsValidValues() {
    let src = Src("status = opne")
    let d = F.errors(src.cmp(src.path("status"), .equal, src.word("opne")), "rhythm", src)
    #expect(d.map(\.kind) == [.unknownValue])
    #expect(d.first?.message == "unknown value 'opne' for 'status' on rhythm")
    #expect(d.first?.range == src.range("opne"))
    #expect(
      d.first?.help == [
        "did you mean 'open'?", "valid values: cancelled, open, paid, void, \"written off\"",
        "canonical statuses: open, paid, void, cancelled, writtenOff",
      ])
  }

  @Test func orderingOnAnEnumPointsAtTheOperator() {
    let src = Src("status >= open")
    let d = F.errors(src.cmp(src.path("status"), .greaterOrEqual, src.word("open")), "wethod", src)
    #expect(d.map(\.kind) == [.operatorNotApplicable])
    #expect(d.first?.range == src.range(">="))
    #expect(d.first?.message == "'>=' does not apply to enum field 'status'")
    #expect(d.first?.help == ["enum fields take =, !=, in, not in"])
  }

  @Test func datetimeLiteralAgainstADateFieldIsATypeError() {
    let src = Src("dueDate < 2025-05-01T10:00:00Z")
    let d = F.errors(src.cmp(src.path("dueDate"), .less, src.dateTime("2025-05-01T10:00:00Z")), "rhythm", src)
    #expect(d.map(\.kind) == [.typeMismatch])
    #expect(d.first?.range == src.range("2025-05-01T10:00:00Z"))
    #expect(d.first?.message == "cannot compare date field 'dueDate' with datetime 2025-05-01T10:00:00Z")
  }

  @Test func aNumberWithAnExponentBeyondTheRangeIsAnErrorOfItsOwn() {
    for text in [
      "1e100000000000000001", "-2.5E-999999999999999999999", "1e+000000000000000000000200000000000000000",
    ] {
      let src = Src("total > \(text)")
      let d = F.errors(src.cmp(src.path("total"), .greater, src.number(text)), "wethod", src)
      #expect(d.map(\.kind) == [.numberOutOfRange], "\(text)")
      #expect(d.first?.range == src.range(text))
    }
    let edge = Src("total > 1e100000000000000000")
    #expect(
      F.bind(edge.cmp(edge.path("total"), .greater, edge.number("1e100000000000000000")), "wethod", edge)
        != nil)
  }

  @Test func stringAgainstANumberIsATypeErrorButNumericStringsConvert() {
    let src = Src("total > \"lots\"")
    let d = F.errors(src.cmp(src.path("total"), .greater, src.string("lots")), "wethod", src)
    #expect(d.map(\.kind) == [.typeMismatch])
    #expect(d.first?.range == src.range("\"lots\""))
    let ok = Src("number = \"1001\"")
    let bound = F.bind(ok.cmp(ok.path("number"), .equal, ok.string("1001")), "rhythm", ok)
    #expect(
      bound
        == .predicate(
          .compare(BoundField(path: ["number"], type: .integer, name: "number"), .equal, Build.dec("1001"))))
    let str = Src("number = 1001")
    #expect(
      F.bind(str.cmp(str.path("number"), .equal, str.number("1001")), "wethod", str)
        == .predicate(
          .compare(
            BoundField(path: ["invoice_number"], type: .string, name: "number"), .equal, .string("1001"))))
  }

  @Test func anyOverSomethingThatIsNotAnArray() {
    let src = Src("any(total, x = 1)")
    let body = src.cmp(src.path("x"), .equal, src.number("1"))
    let e = Expression(.quantified(.any, src.path("total"), body), range: src.whole)
    let d = F.errors(e, "rhythm", src)
    #expect(d.map(\.kind) == [.notAnArray])
    #expect(d.first?.range == src.range("total"))
    #expect(d.first?.message == "any() needs an array, but 'total' is a decimal")
  }

  @Test func reportsEveryProblemInSourceOrder() {
    let src = Src("totl > 5 and status = nope and dueDate < 5")
    let e = src.and([
      src.cmp(src.path("totl"), .greater, src.number("5")),
      src.cmp(src.path("status"), .equal, src.word("nope")),
      src.cmp(src.path("dueDate"), .less, src.number("5", 1)),
    ])
    let d = F.errors(e, "rhythm", src)
    #expect(d.map(\.kind) == [.unknownField, .unknownValue, .typeMismatch])
  }

  @Test func pathsThroughArraysBecomeExistentialQuantifiers() {
    let src = Src("line_items.related_transactions.amount > 5")
    let bound = F.bind(
      src.cmp(src.path("line_items.related_transactions.amount"), .greater, src.number("5")), "rhythm", src)
    let expected = BoundExpression.quantified(
      .any, BoundField(path: ["line_items"], type: .array(element: .object), name: "line_items"),
      .quantified(
        .any,
        BoundField(
          path: ["related_transactions"], type: .array(element: .object), name: "related_transactions"),
        .predicate(
          .compare(BoundField(path: ["amount"], type: .decimal, name: "amount"), .greater, Build.dec("5")))))
    #expect(bound == expected)
  }

  @Test func quantifierBodiesResolveRelativeToTheElement() {
    let src = Src("all(line_items, quantity > 2)")
    let body = src.cmp(src.path("quantity"), .greater, src.number("2"))
    let e = Expression(.quantified(.all, src.path("line_items"), body), range: src.whole)
    let bound = F.bind(e, "rhythm", src)
    #expect(
      bound
        == .quantified(
          .all, BoundField(path: ["line_items"], type: .array(element: .object), name: "line_items"),
          .predicate(
            .compare(
              BoundField(path: ["quantity"], type: .decimal, name: "quantity"), .greater, Build.dec("2")))))
    // Canonical names are invoice-level: not available inside an element.
    let bad = Src("any(line_items, total > 2 and dueDate < 2025-01-01)")
    let badBody = bad.and([
      bad.cmp(bad.path("total"), .greater, bad.number("2")),
      bad.cmp(bad.path("dueDate"), .less, bad.date("2025-01-01")),
    ])
    let d = F.errors(
      Expression(.quantified(.any, bad.path("line_items"), badBody), range: bad.whole), "rhythm", bad)
    #expect(d.map(\.kind) == [.unknownField])
    #expect(d.first?.message == "unknown field 'dueDate' in 'line_items' elements")
  }

  @Test func wholeDayRuleInTheQueryZone() {
    let ny = BindingContext(now: F.now, timeZone: .init(identifier: "America/New_York")!)
    let start = Build.instant("2025-05-01T04:00:00Z")
    let end = Build.instant("2025-05-02T04:00:00Z")
    let f = BoundField(path: ["sys_last_modified_at"], type: .dateTime, name: "updatedAt")
    func p(_ op: ComparisonOperator, _ v: Value) -> BoundExpression { .predicate(.compare(f, op, v)) }
    let cases: [(ComparisonOperator, BoundExpression)] = [
      (.equal, .and([p(.greaterOrEqual, start), p(.less, end)])),
      (.notEqual, .or([p(.less, start), p(.greaterOrEqual, end)])),
      (.less, p(.less, start)), (.lessOrEqual, p(.less, end)),
      (.greater, p(.greaterOrEqual, end)), (.greaterOrEqual, p(.greaterOrEqual, start)),
    ]
    for (op, expected) in cases {
      let src = Src("updatedAt \(op.rawValue) 2025-05-01")
      #expect(
        F.bind(src.cmp(src.path("updatedAt"), op, src.date("2025-05-01")), "rhythm", src, context: ny)
          == expected)
    }
    let between = Src("updatedAt between 2025-05-01 and 2025-05-03")
    let e = Expression(
      .between(between.path("updatedAt"), between.date("2025-05-01"), between.date("2025-05-03")),
      range: between.whole)
    #expect(
      F.bind(e, "rhythm", between, context: ny)
        == .and([p(.greaterOrEqual, start), p(.less, Build.instant("2025-05-04T04:00:00Z"))]))
    let list = Src("updatedAt in (2025-05-01, 2025-05-03)")
    let le = list.member(list.path("updatedAt"), [list.date("2025-05-01"), list.date("2025-05-03")])
    #expect(
      F.bind(le, "rhythm", list, context: ny)
        == .or([
          .and([p(.greaterOrEqual, start), p(.less, end)]),
          .and([
            p(.greaterOrEqual, Build.instant("2025-05-03T04:00:00Z")),
            p(.less, Build.instant("2025-05-04T04:00:00Z")),
          ]),
        ]))
  }

  @Test func offsetlessDatetimeLiteralsUseTheQueryZone() {
    let ny = BindingContext(now: F.now, timeZone: .init(identifier: "America/New_York")!)
    let src = Src("createdAt < 2025-05-01T10:00:00")
    let bound = F.bind(
      src.cmp(src.path("createdAt"), .less, src.dateTime("2025-05-01T10:00:00")), "wethod", src, context: ny)
    #expect(
      bound
        == .predicate(
          .compare(
            BoundField(path: ["created_at"], type: .dateTime, name: "createdAt"), .less,
            Build.instant("2025-05-01T14:00:00Z"))))
  }

  @Test func relativeDatesResolveAgainstTheInjectedClock() {
    let now = Build.instant("2025-03-31T12:30:00Z")
    guard case .instant(let instant) = now else { return }
    let ctx = BindingContext.utc(now: instant)
    func dateOf(_ r: RelativeDate) -> CivilDate? { ctx.resolveDate(r) }
    #expect(dateOf(RelativeDate(base: .today)) == DateTimeText.date("2025-03-31"))
    #expect(dateOf(RelativeDate(base: .today, amount: -30, unit: .days)) == DateTimeText.date("2025-03-01"))
    #expect(dateOf(RelativeDate(base: .today, amount: -1, unit: .months)) == DateTimeText.date("2025-02-28"))
    #expect(dateOf(RelativeDate(base: .today, amount: 11, unit: .months)) == DateTimeText.date("2026-02-28"))
    #expect(dateOf(RelativeDate(base: .today, amount: -13, unit: .months)) == DateTimeText.date("2024-02-29"))
    #expect(dateOf(RelativeDate(base: .today, amount: 1, unit: .weeks)) == DateTimeText.date("2025-04-07"))
    #expect(dateOf(RelativeDate(base: .today, amount: -1, unit: .years)) == DateTimeText.date("2024-03-31"))
    #expect(dateOf(RelativeDate(base: .today, amount: Int.min, unit: .days)) == nil)
    #expect(dateOf(RelativeDate(base: .today, amount: 8000, unit: .years)) == nil)
    #expect(
      ctx.resolveInstant(RelativeDate(base: .now, amount: -2, unit: .hours)).map { Value.instant($0) }
        == Build.instant("2025-03-31T10:30:00Z"))
    #expect(ctx.resolveInstant(RelativeDate(base: .now, amount: Int.max, unit: .minutes)) == nil)
    // now-1d across a DST change keeps the wall-clock time (23 hours earlier in New York).
    let ny = BindingContext(
      now: Instant(DateTimeText.dateTime("2025-03-10T12:00:00-04:00")!),
      timeZone: .init(identifier: "America/New_York")!)
    #expect(
      ny.resolveInstant(RelativeDate(base: .now, amount: -1, unit: .days)).map { Value.instant($0) }
        == Build.instant("2025-03-09T12:00:00-04:00"))
    #expect(
      ny.resolveInstant(RelativeDate(base: .now, amount: -2, unit: .days)).map { Value.instant($0) }
        == Build.instant("2025-03-08T12:00:00-05:00"))
  }

  @Test func todayAgainstADateFieldAndNowAgainstADateFieldIsAnError() {
    let src = Src("dueDate < today-30d")
    let bound = F.bind(
      src.cmp(
        src.path("dueDate"), .less,
        src.relative("today-30d", RelativeDate(base: .today, amount: -30, unit: .days))), "elevate", src)
    #expect(
      bound
        == .predicate(
          .compare(
            BoundField(path: ["dueDate"], type: .date, name: "dueDate"), .less, Build.date("2025-04-01"))))
    let bad = Src("dueDate < now")
    let d = F.errors(
      bad.cmp(bad.path("dueDate"), .less, bad.relative("now", RelativeDate(base: .now))), "elevate", bad)
    #expect(d.map(\.kind) == [.typeMismatch])
  }

  @Test func idsTakeEqualityOnlyAndNumericIdsAcceptNumericStrings() {
    let src = Src("id = \"5\"")
    #expect(
      F.bind(src.cmp(src.path("id"), .equal, src.string("5")), "elevate", src)
        == .predicate(
          .compare(BoundField(path: ["id"], type: .id(numeric: true), name: "id"), .equal, Build.dec("5"))))
    let lt = Src("id < 5")
    let d = F.errors(lt.cmp(lt.path("id"), .less, lt.number("5")), "elevate", lt)
    #expect(d.map(\.kind) == [.operatorNotApplicable])
    #expect(d.first?.range == lt.range("<"))
    let word = Src("id = abc")
    #expect(
      F.errors(word.cmp(word.path("id"), .equal, word.word("abc")), "wethod", word).map(\.kind) == [
        .typeMismatch
      ])
  }

  @Test func nullComparisonSaysIsNull() {
    let src = Src("purchaseOrder = null")
    let d = F.errors(src.cmp(src.path("purchaseOrder"), .equal, src.word("null")), "rhythm", src)
    #expect(d.map(\.kind) == [.nullComparison])
    #expect(d.first?.help.first?.contains("is null") == true)
    #expect(d.first?.range == src.range("null"))
  }

  @Test func sortKeysMustNotCrossArrays() throws {
    let src = Src("total > 1 sort by line_items.total desc, dueDate")
    let e = src.cmp(src.path("total"), .greater, src.number("1"))
    let q = src.query(
      e,
      sort: [
        SortKey(
          field: src.path("line_items.total"), descending: true, range: src.range("line_items.total desc")),
        SortKey(field: src.path("dueDate"), descending: false, range: src.range("dueDate")),
      ], limit: 5)
    do {
      _ = try Binder.bind(q, catalog: F.catalog("rhythm"), context: F.utc, source: src.text)
      Issue.record("expected an error")
    } catch {
      #expect(error.diagnostics.map(\.kind) == [.invalidSortKey])
      #expect(error.diagnostics.first?.range == src.range("line_items.total"))
    }
    let ok = src.query(
      e, sort: [SortKey(field: src.path("dueDate"), descending: true, range: src.range("dueDate"))], limit: 5)
    let bound = try Binder.bind(ok, catalog: F.catalog("rhythm"), context: F.utc, source: src.text)
    #expect(
      bound.sort == [
        BoundSortKey(field: BoundField(path: ["date_due"], type: .date, name: "dueDate"), descending: true)
      ])
    #expect(bound.limit == 5)
  }

  @Test func textTestsApplyToStringsOnly() {
    let src = Src("total contains 5")
    let e = Expression(.text(src.path("total"), .contains, src.number("5")), range: src.whole)
    let d = F.errors(e, "rhythm", src)
    #expect(d.map(\.kind) == [.operatorNotApplicable])
    #expect(d.first?.range == src.range("contains"))
  }
}
