import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

/// Dates and instants as the APIs write them: four-digit years, so only within 0001-01-01 …
/// 9999-12-31 (UTC for instants). A bound widened past either edge (`<= 9999-12-31` sent as
/// `< 10000-01-01`, `>= 0001-01-01` as `> 0000-12-31`) cannot be written and is not sent: no server
/// stores a date beyond the edge, so such a bound would select nothing anyway, and a strict server
/// answers an invalid date with an error. Every writer returns nil then; the client checks the rest.
enum NativeCalendar {
  /// `yyyy-MM-dd`, or nil outside the years 1…9999.
  static func date(_ d: CivilDate) -> String? {
    (1...9999).contains(d.year) ? d.description : nil
  }

  /// `yyyy-MM-dd<separator>HH:mm:ssZ` of a whole second, or nil outside the years 1…9999 in UTC.
  static func seconds(_ seconds: Int, separator: String) -> String? {
    let (d, h, m, s) = Instant(seconds: seconds, fraction: "").utc
    guard let day = date(d) else { return nil }
    return "\(day)\(separator)\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2))Z"
  }

  /// `yyyy-MM-ddTHH:mm:ss.SSSZ`: the instant cut to milliseconds (down, or up when `roundUp`), or
  /// nil outside the years 1…9999 in UTC.
  static func millis(_ i: Instant, roundUp: Bool) -> String? {
    var digits = Array(i.fraction.prefix(3))
    while digits.count < 3 { digits.append(UInt8(ascii: "0")) }
    var ms = Int(String(decoding: digits, as: UTF8.self)) ?? 0
    var seconds = i.seconds
    if roundUp && i.fraction.count > 3 {
      ms += 1
      if ms == 1000 {
        ms = 0
        seconds += 1
      }
    }
    guard let whole = self.seconds(seconds, separator: "T") else { return nil }
    return whole.dropLast() + "." + pad(ms, 3) + "Z"
  }

  /// The start of day `d` (`T00:00:00.000Z`), or nil outside the years 1…9999.
  static func startOfDayMillis(_ d: CivilDate) -> String? {
    date(d).map { $0 + "T00:00:00.000Z" }
  }

  private static func pad(_ v: Int, _ n: Int) -> String {
    let t = String(v)
    return String(repeating: "0", count: max(0, n - t.count)) + t
  }
}
