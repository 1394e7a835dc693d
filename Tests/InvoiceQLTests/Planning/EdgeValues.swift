import InvoiceQL

/// Query and data values for the planner's property tests: a band around 2025-05-01 where the
/// dialects widen and quote, the calendar's edges (where widening would leave the years 1…9999),
/// and the numbers at the bounds the APIs document (wethod's `project_id` >= 1).
enum EdgeValues {
  static let texts = ["INV-1", "inv-1", "x&y=z", "a,b", "it's", "say \"hi\"", "é", "lt:5", "A1", "(a/b)"]
  static let numbers = ["-1", "0", "5", "5.00", "10.5", "100"]

  static func decimals(_ spellings: [String]) -> [ExactDecimal] {
    spellings.compactMap { ExactDecimal(json: $0) }
  }

  /// Numeric ids: small ones, zero and a negative, and each side of any bound the provider's
  /// capability table documents for the field.
  static func numericIds(_ provider: String, _ f: BoundField) -> [ExactDecimal] {
    var out = decimals(["1", "2", "3", "4", "0", "-7"])
    let cap = Provider.named(provider)?.dialect.capabilities.first { $0.path == f.path }
    for bound in [cap?.minimum, cap?.maximum].compactMap({ $0 }) {
      if let b = Int(bound.description) { out += [b - 1, b, b + 1].map { ExactDecimal($0) } }
    }
    return out
  }

  static let days = (0..<5).map { CivilDate(daysSinceEpoch: 20_207 + $0) }  // 2025-04-29 …
  static let edgeDays = [(1, 1, 1), (1, 1, 2), (9999, 12, 30), (9999, 12, 31)].compactMap {
    CivilDate(year: $0.0, month: $0.1, day: $0.2)
  }

  static let base = 1_746_057_600  // 2025-05-01T00:00:00Z
  static let instants: [Instant] = [
    Instant(seconds: base, fraction: ""), Instant(seconds: base, fraction: "5"),
    Instant(seconds: base + 1, fraction: ""), Instant(seconds: base - 1, fraction: "9995"),
    Instant(seconds: base + 3600, fraction: "0004"),
  ]
  static let firstSecond = -62_135_596_800  // 0001-01-01T00:00:00Z
  static let endSecond = 253_402_300_800  // 10000-01-01T00:00:00Z
  /// Instants at the calendar's edges, including the UTC instants of local days beyond them that
  /// the whole-day rule makes (`>= 0001-01-01` at +14:00 starts in year 0 in UTC).
  static let edgeInstants: [Instant] = [
    Instant(seconds: firstSecond, fraction: ""), Instant(seconds: firstSecond, fraction: "5"),
    Instant(seconds: firstSecond - 14 * 3600, fraction: ""), Instant(seconds: firstSecond + 1, fraction: ""),
    Instant(seconds: endSecond - 1, fraction: ""), Instant(seconds: endSecond - 1, fraction: "9995"),
    Instant(seconds: endSecond + 12 * 3600, fraction: ""), Instant(seconds: endSecond, fraction: ""),
  ]

  /// The spellings of `i` a provider may send (`T` or a space, `Z` or an offset), only those whose
  /// wall time lies in the years 1…9999 (read back to check).
  static func spellings(_ i: Instant) -> [String] {
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    let frac = i.fraction.isEmpty ? "" : "." + String(decoding: i.fraction, as: UTF8.self)
    var out: [String] = []
    for (offset, suffix, separator) in [
      (0, "Z", "T"), (0, "Z", " "), (-5 * 3600, "-05:00", "T"), (14 * 3600, "+14:00", "T"),
      (-12 * 3600, "-12:00", "T"),
    ] {
      let (d, h, m, s) = Instant(seconds: i.seconds + offset, fraction: "").utc
      let text = "\(d)\(separator)\(two(h)):\(two(m)):\(two(s))\(frac)\(suffix)"
      if let dt = DateTimeText.dateTime(text), Instant(dt) == i { out.append(text) }
    }
    return out
  }
}
