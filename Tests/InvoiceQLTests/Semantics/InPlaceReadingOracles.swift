@testable import InvoiceQL
@testable import InvoiceQLImport
@testable import InvoiceQLJSON
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSavedSearches
@testable import InvoiceQLSemantics
@testable import InvoiceQLStreaming
@testable import InvoiceQLSyntax

/// The number and date readers as they were before they read bytes in place (written over arrays,
/// building the digits and strings as they went): the oracles the in-place ones must agree with.
enum InPlaceReadingOracles {
  /// A JSON number's sign, normalised digits and exponent (zero: no sign, no digits, exponent 0).
  struct Decimal: Equatable {
    var negative: Bool
    var digits: [UInt8]
    var exponent: Int
  }

  static func decimal(_ text: String) -> Decimal? {
    let b = Array(text.utf8)
    var i = 0
    var negative = false
    if i < b.count && b[i] == UInt8(ascii: "-") {
      negative = true
      i += 1
    }
    func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    var mantissa: [UInt8] = []
    var fractionDigits = 0
    guard i < b.count, isDigit(b[i]) else { return nil }
    if b[i] == UInt8(ascii: "0") {
      i += 1
      if i < b.count && isDigit(b[i]) { return nil }
    } else {
      while i < b.count && isDigit(b[i]) {
        mantissa.append(b[i])
        i += 1
      }
    }
    if i < b.count && b[i] == UInt8(ascii: ".") {
      i += 1
      guard i < b.count, isDigit(b[i]) else { return nil }
      while i < b.count && isDigit(b[i]) {
        mantissa.append(b[i])
        fractionDigits += 1
        i += 1
      }
    }
    var exp = 0
    if i < b.count && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
      i += 1
      var expNegative = false
      if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) {
        expNegative = b[i] == UInt8(ascii: "-")
        i += 1
      }
      guard i < b.count, isDigit(b[i]) else { return nil }
      while i < b.count && isDigit(b[i]) {
        exp = exp * 10 + Int(b[i] - 48)
        if exp > 100_000_000_000_000_000 { return nil }  // not read: beyond ±10^17
        i += 1
      }
      if expNegative { exp = -exp }
    }
    guard i == b.count else { return nil }
    var start = 0
    while start < mantissa.count && mantissa[start] == UInt8(ascii: "0") { start += 1 }
    var end = mantissa.count
    exp -= fractionDigits
    while end > start && mantissa[end - 1] == UInt8(ascii: "0") {
      end -= 1
      exp += 1
    }
    if start == end { return Decimal(negative: false, digits: [], exponent: 0) }
    return Decimal(negative: negative, digits: Array(mantissa[start..<end]), exponent: exp)
  }

  static func date(_ text: String) -> CivilDate? {
    let b = Array(text.utf8)
    guard b.count == 10, let d = readDate(b) else { return nil }
    return d
  }

  static func dateTime(_ text: String) -> CivilDateTime? {
    let b = Array(text.utf8)
    guard b.count > 10, let date = readDate(b) else { return nil }
    guard [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(b[10]) else { return nil }
    var i = 11
    guard let hour = twoDigits(b, i), i + 2 < b.count, b[i + 2] == UInt8(ascii: ":"),
      let minute = twoDigits(b, i + 3)
    else { return nil }
    i += 5
    var second = 0
    if i < b.count, b[i] == UInt8(ascii: ":") {
      guard let s = twoDigits(b, i + 1) else { return nil }
      second = s
      i += 3
    }
    var fraction = ""
    if i < b.count, b[i] == UInt8(ascii: ".") {
      i += 1
      let start = i
      while i < b.count, isDigit(b[i]) { i += 1 }
      guard i > start else { return nil }
      fraction = String(decoding: b[start..<i], as: UTF8.self)
    }
    var offset: Int? = nil
    if i < b.count {
      switch b[i] {
      case UInt8(ascii: "Z"), UInt8(ascii: "z"):
        offset = 0
        i += 1
      case UInt8(ascii: "+"), UInt8(ascii: "-"):
        let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
        guard let oh = twoDigits(b, i + 1) else { return nil }
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
    return CivilDateTime(
      date: date, hour: hour, minute: minute, second: second, fraction: fraction, offsetSeconds: offset)
  }

  private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

  private static func twoDigits(_ b: [UInt8], _ i: Int) -> Int? {
    guard i >= 0, i + 1 < b.count, isDigit(b[i]), isDigit(b[i + 1]) else { return nil }
    return Int(b[i] - 48) * 10 + Int(b[i + 1] - 48)
  }

  private static func readDate(_ b: [UInt8]) -> CivilDate? {
    guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
      let y1 = twoDigits(b, 0), let y2 = twoDigits(b, 2), let m = twoDigits(b, 5),
      let d = twoDigits(b, 8)
    else { return nil }
    return CivilDate(year: y1 * 100 + y2, month: m, day: d)
  }
}
