/// Validates the text of a date or date-time literal and says precisely what is wrong with a bad one.
///
/// Accepted: `YYYY-MM-DD`, and `YYYY-MM-DDTHH:MM[:SS[.fraction]][Z|±HH:MM]` (`T` and `Z` in either
/// case). A time without seconds means `:00`. The date must exist (`2025-02-30` does not).
enum DateLiteralReader {
  enum Result {
    case date(CivilDate)
    case dateTime(CivilDateTime)
    case invalid(Diagnostic.Kind, String, [String])
  }

  static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
  ]

  static func read(_ text: String) -> Result {
    Array(text.utf8).withUnsafeBufferPointer { read(utf8: $0) }
  }

  /// `read(_:)` of the UTF-8 text `b`, read in place (the lexer's entry: no string for a valid date).
  static func read(utf8 b: UnsafeBufferPointer<UInt8>) -> Result {
    // The text and the date part only for the messages.
    var text: String { String(decoding: b, as: UTF8.self) }
    var datePart: String { String(decoding: b[0..<10], as: UTF8.self) }
    func number(_ from: Int, _ count: Int) -> Int? {
      guard from >= 0, from + count <= b.count else { return nil }
      var value = 0
      for i in from..<from + count {
        guard Scanner.isDigit(b[i]) else { return nil }
        value = value * 10 + Int(b[i] - 0x30)
      }
      return value
    }
    let dateHelp = ["write dates as YYYY-MM-DD, like 2025-05-01"]
    guard b.count >= 10, let year = number(0, 4), b[4] == UInt8(ascii: "-"), let month = number(5, 2),
      b[7] == UInt8(ascii: "-"), let day = number(8, 2), b.count == 10 || !Scanner.isDigit(b[10])
    else {
      return .invalid(.invalidDate, "invalid date '\(text)'", dateHelp)
    }
    guard (1...12).contains(month) else {
      return .invalid(.invalidDate, "invalid date '\(datePart)': there is no month \(month)", dateHelp)
    }
    guard let date = CivilDate(year: year, month: month, day: day) else {
      if year == 0 {
        return .invalid(.invalidDate, "invalid date '\(datePart)': there is no year 0", dateHelp)
      }
      let days = CivilDate.daysIn(month: month, year: year)
      return .invalid(
        .invalidDate,
        "invalid date '\(datePart)': \(monthNames[month - 1]) \(year) has \(days) days", dateHelp)
    }
    if b.count == 10 { return .date(date) }
    let timeHelp = ["write date-times like 2025-05-01T10:00:00Z or 2025-05-01T10:00:00.123+02:00"]
    guard b[10] | 0x20 == UInt8(ascii: "t") else {
      return .invalid(.invalidDate, "invalid date '\(text)'", dateHelp)
    }
    guard let hour = number(11, 2), b.count > 13, b[13] == UInt8(ascii: ":"), let minute = number(14, 2)
    else {
      return .invalid(.invalidDateTime, "invalid date-time '\(text)': expected HH:MM after 'T'", timeHelp)
    }
    var i = 16
    var second = 0
    var fraction = ""
    if i < b.count, b[i] == UInt8(ascii: ":") {
      guard let s = number(i + 1, 2) else {
        return .invalid(.invalidDateTime, "invalid date-time '\(text)': expected seconds", timeHelp)
      }
      second = s
      i += 3
      if i < b.count, b[i] == UInt8(ascii: ".") {
        let from = i + 1
        i = from
        while i < b.count, Scanner.isDigit(b[i]) { i += 1 }
        guard i > from, i - from <= 18 else {
          return .invalid(
            .invalidDateTime, "invalid date-time '\(text)': expected 1 to 18 digits after '.'", timeHelp)
        }
        fraction = String(decoding: UnsafeBufferPointer(rebasing: b[from..<i]), as: UTF8.self)
      }
    }
    var offset: Int?
    if i < b.count {
      if b[i] | 0x20 == UInt8(ascii: "z"), i + 1 == b.count {
        offset = 0
      } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), b.count == i + 6,
        let oh = number(i + 1, 2), b[i + 3] == UInt8(ascii: ":"), let om = number(i + 4, 2)
      {
        guard oh <= 23, om <= 59 else {
          return .invalid(.invalidDateTime, "invalid date-time '\(text)': offset out of range", timeHelp)
        }
        offset = (b[i] == UInt8(ascii: "-") ? -1 : 1) * (oh * 3600 + om * 60)
      } else {
        return .invalid(
          .invalidDateTime, "invalid date-time '\(text)': expected 'Z' or an offset like +02:00", timeHelp)
      }
    }
    guard hour <= 23, minute <= 59, second <= 59 else {
      return .invalid(.invalidDateTime, "invalid date-time '\(text)': time out of range", timeHelp)
    }
    guard
      let value = CivilDateTime(
        date: date, hour: hour, minute: minute, second: second, fraction: fraction, offsetSeconds: offset)
    else {
      return .invalid(.invalidDateTime, "invalid date-time '\(text)'", timeHelp)
    }
    return .dateTime(value)
  }
}
