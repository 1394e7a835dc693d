import InvoiceQLJSON
import InvoiceQLSyntax

/// A point in time, exact to any number of fractional digits (providers send up to 7).
package struct Instant: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Whole seconds since 1970-01-01T00:00:00Z.
  package var seconds: Int
  /// Fractional digits after the point, trailing zeros removed (`"36"` for `.360`).
  package var fraction: [UInt8]

  package init(seconds: Int, fraction: some StringProtocol = "") {
    self.seconds = seconds
    var f = Array(fraction.utf8)
    while f.last == UInt8(ascii: "0") { f.removeLast() }
    self.fraction = f
  }

  /// A civil date and time read at `offsetSeconds` east of UTC.
  package init(_ dateTime: CivilDateTime, defaultOffsetSeconds: Int = 0) {
    let days = dateTime.date.daysSinceEpoch
    let local = days * 86_400 + dateTime.hour * 3600 + dateTime.minute * 60 + dateTime.second
    self.init(
      seconds: local - (dateTime.offsetSeconds ?? defaultOffsetSeconds), fraction: dateTime.fraction)
  }

  package static func < (a: Instant, b: Instant) -> Bool {
    if a.seconds != b.seconds { return a.seconds < b.seconds }
    let n = Swift.max(a.fraction.count, b.fraction.count)
    for k in 0..<n {
      let x = k < a.fraction.count ? a.fraction[k] : 48
      let y = k < b.fraction.count ? b.fraction[k] : 48
      if x != y { return x < y }
    }
    return false
  }

  /// The UTC calendar date and time of day.
  package var utc: (date: CivilDate, hour: Int, minute: Int, second: Int) {
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let rest = seconds - days * 86_400
    return (CivilDate(daysSinceEpoch: days), rest / 3600, rest % 3600 / 60, rest % 60)
  }

  /// ISO 8601 in UTC: `2025-05-01T10:00:00Z`, `2025-05-01T10:00:00.123Z`.
  package var description: String {
    let (d, h, m, s) = utc
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    let frac = fraction.isEmpty ? "" : "." + String(decoding: fraction, as: UTF8.self)
    return "\(d)T\(two(h)):\(two(m)):\(two(s))\(frac)Z"
  }
}
