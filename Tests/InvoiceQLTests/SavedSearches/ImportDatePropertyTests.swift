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

/// softwareone compares its date fields as instants, each stored with its invoice's UTC offset
/// (under a day), while a query compares the date as written. Checked here against that model
/// computed directly, on random bounds in the spellings the official client and the docs use.
@Suite("import: instant bounds on date fields")
struct ImportDatePropertyTests {
  static let day = 86_400

  /// A random instant near 2025-05-01, its fraction 0 to 7 digits.
  static func instant(_ r: inout SavedSearchRandom) -> Instant {
    let digits = r.pick([0, 0, 3, 6, 7])
    let fraction = String((0..<digits).map { _ in Character(String(r.int(0...9))) })
    let seconds = 1_746_057_600 + r.int(-3 * day...3 * day)
    // Midnights and their neighbours are where an off-by-one shows.
    let snapped = r.chance(30) ? seconds - seconds % day + r.pick([0, 0, -1, 1]) : seconds
    return Instant(seconds: snapped, fraction: fraction)
  }

  /// `i` spelled at `offset` seconds east of UTC: `Z`, `+00:00`, `-05:30`…, the fraction as drawn.
  static func spelled(_ i: Instant, offset: Int, zulu: Bool, fractionDigits: Int? = nil) -> String {
    let (d, h, m, s) = Instant(seconds: i.seconds + offset, fraction: "").utc
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    var fraction = String(decoding: i.fraction, as: UTF8.self)
    if let n = fractionDigits { fraction = String((fraction + String(repeating: "0", count: n)).prefix(n)) }
    let frac = fraction.isEmpty ? "" : "." + fraction
    let zone =
      zulu && offset == 0
      ? "Z" : (offset < 0 ? "-" : "+") + two(abs(offset) / 3600) + ":" + two(abs(offset) % 3600 / 60)
    return "\(d)T\(two(h)):\(two(m)):\(two(s))\(frac)\(zone)"
  }

  static func holds(_ op: String, _ a: Instant, _ b: Instant) -> Bool {
    switch op {
    case "lt": a < b
    case "le": a <= b
    case "gt": a > b
    case "ge": a >= b
    default: a == b
    }
  }

  /// For every date D near the bound: if some invoice written with date D (at any offset under a
  /// day, minutes apart) passes the native bound, the imported query admits D (a superset); and the
  /// query admits D only if some instant of date D at an offset under a day passes (the narrowest).
  @Test func propertyAnInstantBoundImportsAsTheNarrowestDateRangeThatKeepsEveryMatch() throws {
    let catalog = try #require(Provider.named("softwareone")?.catalog)
    var r = SavedSearchRandom(seed: 0xDA7E)
    var checked = 0
    for _ in 0..<400 {
      let bound = Self.instant(&r)
      let op = r.pick(["lt", "le", "gt", "ge", "eq"])
      let text = Self.spelled(
        bound, offset: r.pick([0, 0, 7200, -18000, 19800]), zulu: r.chance(50),
        fractionDigits: r.chance(30) ? 7 : nil)
      let quote = r.pick(["'", "\""])
      let native = "\(op)(erpData.dueDate,\(quote)\(text)\(quote))"
      let imported = NativeImport.importFilterSelectingAll(native, catalog: catalog)
      let query = try #require(imported.query, "\(native): \(imported.diagnostics.map(\.message))")
      #expect(imported.diagnostics.map(\.kind) == [.importApproximate], "\(native)")
      let filter = try Binder.bind(query, catalog: catalog, context: .utc(now: bound)).filter
      let boundDate = bound.utc.date
      for shift in -3...3 {
        let date = boundDate.adding(days: shift)
        let midnight = date.daysSinceEpoch * Self.day
        let invoice = try JSONValue(parsing: "{\"erpData\": {\"dueDate\": \"\(date)T12:00:00+00:00\"}}")
        let admitted = ReferenceEvaluator.matches(filter, on: invoice)
        // Written as date D at offset o: the instant is D's local time minus o, o within ±23:59.
        let earliest = Instant(seconds: midnight - (23 * 3600 + 59 * 60), fraction: "")
        let latest = Instant(seconds: midnight + Self.day - 1 + 23 * 3600 + 59 * 60, fraction: "9999999")
        let someMatchIsWrittenSo =
          switch op {
          case "lt", "le": Self.holds(op, earliest, bound)
          case "gt", "ge": Self.holds(op, latest, bound)
          default: earliest <= bound && bound <= latest
          }
        #expect(
          !someMatchIsWrittenSo || admitted, "\(native) → \(Formatter.format(query)) leaves out \(date)")
        // Offsets strictly under a day: the open interval (D−1, D+2) in UTC days.
        let lowest = Instant(seconds: midnight - Self.day, fraction: "")
        let highest = Instant(seconds: midnight + 2 * Self.day, fraction: "")
        let possible =
          switch op {
          case "lt", "le": lowest < bound
          case "gt", "ge": bound < highest
          default: lowest < bound && bound < highest
          }
        #expect(!admitted || possible, "\(native) → \(Formatter.format(query)) admits \(date) needlessly")
        checked += 1
      }
    }
    #expect(checked == 400 * 7)
  }

  /// The same bound on random invoices, each due at a random instant written at a random offset:
  /// every invoice the API returns (its instant passes the bound) matches the imported query.
  @Test func propertyEveryInvoiceTheAPIReturnsForAnInstantBoundMatchesTheImportedQuery() throws {
    let catalog = try #require(Provider.named("softwareone")?.catalog)
    var r = SavedSearchRandom(seed: 0xB0B)
    var returned = 0
    for _ in 0..<150 {
      let bound = Self.instant(&r)
      let op = r.pick(["lt", "le", "gt", "ge", "eq"])
      let native =
        "\(op)(erpData.dueDate,'\(Self.spelled(bound, offset: r.pick([0, 3600, -14400]), zulu: false))')"
      let query = try #require(NativeImport.importFilterSelectingAll(native, catalog: catalog).query)
      let filter = try Binder.bind(query, catalog: catalog, context: .utc(now: bound)).filter
      for _ in 0..<40 {
        let stored = op == "eq" && r.chance(50) ? bound : Self.instant(&r)
        let offset = r.pick([0, 3600, -18000, 19800, 50400, -43200, 86340, -86340]) + r.pick([0, 0, 900])
        guard abs(offset) < Self.day else { continue }
        let invoice = try JSONValue(
          parsing:
            "{\"erpData\": {\"dueDate\": \"\(Self.spelled(stored, offset: offset, zulu: r.chance(50)))\"}}")
        guard Self.holds(op, stored, bound) else { continue }
        returned += 1
        #expect(
          ReferenceEvaluator.matches(filter, on: invoice),
          "\(native) → \(Formatter.format(query)) leaves out \(invoice.compactText)")
      }
    }
    #expect(returned > 500)
  }
}
