import Foundation
import TestSupport
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

@Suite struct WholeDayPropertyTests {
  static let zones = [
    "UTC", "America/New_York", "Europe/Paris", "Asia/Kolkata", "Australia/Lord_Howe", "America/Santiago",
    "Pacific/Apia", "Asia/Kathmandu", "America/St_Johns",
  ]

  /// For random instants, zones and dates: `updatedAt op d` holds exactly when the instant's local
  /// date in the query's zone compares to `d` by `op` (across DST changes and odd offsets).
  @Test func dateAgainstDatetimeFieldComparesTheLocalDateOfTheInstant() throws {
    var rng = SplitMix64(seed: 0xDA7E_0001)
    let base = try #require(DateTimeText.date("2024-01-01")).daysSinceEpoch
    var cases = 0
    for _ in 0..<600 {
      let zoneName = Self.zones.randomElement(using: &rng) ?? "UTC"
      let zone = try #require(TimeZone(identifier: zoneName))
      let seconds =
        (base + Int.random(in: 0..<730, using: &rng)) * 86_400 + Int.random(in: 0..<86_400, using: &rng)
      let instant = Instant(seconds: seconds, fraction: "")
      let context = BindingContext(now: instant, timeZone: zone)
      let localDate = context.local(instant).date
      let d = localDate.adding(days: Int.random(in: -1...1, using: &rng))
      let invoice = JSONValue.object([JSONMember("updated_at", .string(instant.description))])
      for op in ComparisonOperator.allCases {
        guard let bound = QueryText.bind("updatedAt \(op.rawValue) \(d)", "wethod", context) else { return }
        let expected = Value.compare(.date(localDate), op, .date(d))
        #expect(
          ReferenceEvaluator.evaluate(bound.filter, on: invoice) == expected,
          "\(zoneName) \(instant) \(op.rawValue) \(d)")
        cases += 1
      }
    }
    #expect(cases == 3600)
  }

  /// `f between a and b` is `a <= f and f <= b` for random decimals, including absent and mistyped.
  @Test func betweenMeansBothBoundsInclusive() {
    var rng = SplitMix64(seed: 0xB7_0002)
    let pool = ["-1", "0", "-0", "0.5", "1", "1.50", "2", "1e1", "1E-400", "\"3\"", "null", "\"x\""]
    for _ in 0..<400 {
      let a = pool[Int.random(in: 0..<8, using: &rng)]
      let b = pool[Int.random(in: 0..<8, using: &rng)]
      let v = pool.randomElement(using: &rng) ?? "0"
      let invoice = Build.json("{\"value\": \(v)}")
      guard let between = QueryText.bind("total between \(a) and \(b)", "wethod"),
        let both = QueryText.bind("total >= \(a) and total <= \(b)", "wethod")
      else { return }
      #expect(
        ReferenceEvaluator.evaluate(between.filter, on: invoice)
          == ReferenceEvaluator.evaluate(both.filter, on: invoice))
    }
  }

  /// `today+Nmo` keeps the day of month, clamped to the target month's last day.
  @Test func monthArithmeticClampsToTheMonthEnd() throws {
    var rng = SplitMix64(seed: 0x30_0003)
    for _ in 0..<500 {
      let start = CivilDate(daysSinceEpoch: Int.random(in: 0..<30_000, using: &rng))
      let n = Int.random(in: -40...40, using: &rng)
      let context = BindingContext.utc(
        now: Instant(seconds: start.daysSinceEpoch * 86_400 + 3600, fraction: ""))
      let got = try #require(context.resolveDate(RelativeDate(base: .today, amount: n, unit: .months)))
      let total = start.year * 12 + start.month - 1 + n
      #expect(got.year == total / 12 && got.month == total % 12 + 1)
      #expect(got.day == min(start.day, CivilDate.daysIn(month: got.month, year: got.year)))
    }
  }
}
