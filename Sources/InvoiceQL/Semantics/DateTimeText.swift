import InvoiceQLJSON
import InvoiceQLSyntax

/// Reads the date and datetime spellings providers send (the language reference): `2025-05-01`,
/// `2025-04-30T14:30:00.0000000+00:00`, `2026-03-10T18:18:59.360Z`, `2020-07-21 17:32:28Z`,
/// `2025-03-10T08:00:00` (no offset: the caller decides, UTC for data).
///
/// Accepted: `T`, `t` or a space between date and time; seconds optional; any number of fraction
/// digits; offset `Z`, `z`, `±HH:MM`, `±HHMM` or `±HH`. Nothing else (no surrounding whitespace).
/// Hours run 00–23, minutes and seconds 00–59 (no leap second, no `24:00`), offsets up to ±23:59,
/// as `CivilDateTime` requires: the parts the streaming filter reads and the reference's values
/// agree on what is a datetime.
///
/// The rules are written once, over UTF-8 bytes: the `String` entry points and the streaming
/// filter (which reads dates in place, in the response's bytes) share them.
package enum DateTimeText {
  /// A datetime's parts as read from UTF-8 bytes: the fraction is where its digits lie in them.
  package struct Parts {
    package var date: CivilDate
    package var hour: Int
    package var minute: Int
    package var second: Int
    /// The fraction digits' positions in the bytes read (empty when none).
    package var fraction: Range<Int>
    /// Seconds east of UTC; nil when the text has no offset.
    package var offsetSeconds: Int?
  }

  /// A plain `YYYY-MM-DD` date, validated.
  package static func date(_ text: String) -> CivilDate? {
    var text = text
    return text.withUTF8 { date(utf8: $0) }
  }

  /// A date and time in one of the accepted spellings (not a plain date).
  package static func dateTime(_ text: String) -> CivilDateTime? {
    var text = text
    return text.withUTF8 { b in
      guard let p = parts(utf8: b) else { return nil }
      return CivilDateTime(
        date: p.date, hour: p.hour, minute: p.minute, second: p.second,
        fraction: String(decoding: UnsafeBufferPointer(rebasing: b[p.fraction]), as: UTF8.self),
        offsetSeconds: p.offsetSeconds)
    }
  }

  /// `date(_:)` over UTF-8 bytes.
  package static func date(utf8 b: UnsafeBufferPointer<UInt8>) -> CivilDate? {
    guard b.count == 10, let d = readDate(b) else { return nil }
    return d
  }

  /// `dateTime(_:)` over UTF-8 bytes, the fraction left in place.
  package static func parts(utf8 b: UnsafeBufferPointer<UInt8>) -> Parts? {
    guard b.count > 10, let date = readDate(b) else { return nil }
    guard b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == UInt8(ascii: " ") else {
      return nil
    }
    var i = 11
    guard let hour = twoDigits(b, i), hour <= 23, i + 2 < b.count, b[i + 2] == UInt8(ascii: ":"),
      let minute = twoDigits(b, i + 3), minute <= 59
    else { return nil }
    i += 5
    var second = 0
    if i < b.count, b[i] == UInt8(ascii: ":") {
      guard let s = twoDigits(b, i + 1), s <= 59 else { return nil }
      second = s
      i += 3
    }
    var fraction = i..<i
    if i < b.count, b[i] == UInt8(ascii: ".") {
      i += 1
      let start = i
      while i < b.count, isDigit(b[i]) { i += 1 }
      guard i > start else { return nil }
      fraction = start..<i
    }
    var offset: Int? = nil
    if i < b.count {
      switch b[i] {
      case UInt8(ascii: "Z"), UInt8(ascii: "z"):
        offset = 0
        i += 1
      case UInt8(ascii: "+"), UInt8(ascii: "-"):
        let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
        guard let oh = twoDigits(b, i + 1), oh <= 23 else { return nil }
        i += 3
        var om = 0
        if i < b.count {
          if b[i] == UInt8(ascii: ":") { i += 1 }
          guard let m = twoDigits(b, i), m < 60 else { return nil }
          om = m
          i += 2
        }
        offset = sign * (oh * 3600 + om * 60)
      default:
        return nil
      }
    }
    guard i == b.count else { return nil }
    return Parts(
      date: date, hour: hour, minute: minute, second: second, fraction: fraction, offsetSeconds: offset)
  }

  @inline(__always)
  private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

  @inline(__always)
  private static func twoDigits(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
    guard i >= 0, i + 1 < b.count, isDigit(b[i]), isDigit(b[i + 1]) else { return nil }
    return Int(b[i] - 48) * 10 + Int(b[i + 1] - 48)
  }

  private static func readDate(_ b: UnsafeBufferPointer<UInt8>) -> CivilDate? {
    guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
      let y1 = twoDigits(b, 0), let y2 = twoDigits(b, 2), let m = twoDigits(b, 5),
      let d = twoDigits(b, 8)
    else { return nil }
    return CivilDate(year: y1 * 100 + y2, month: m, day: d)
  }
}
