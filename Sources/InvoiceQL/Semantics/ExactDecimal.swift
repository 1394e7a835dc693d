import InvoiceQLJSON
import InvoiceQLSyntax

/// An exact decimal of any size and precision: `digits × 10^exponent`.
///
/// Money is never compared through `Double`: `100.10 == 100.1`, `1E-400 > 0`, `-0 == 0`.
/// The representation is normalised (no leading or trailing zeros in `digits`; zero has no digits and
/// no sign), so `==` is numeric equality.
package struct ExactDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// True for values below zero (never for zero).
  package private(set) var isNegative: Bool
  /// Significant digits as ASCII bytes `0`…`9`, first and last non-zero; empty for zero.
  package private(set) var digits: [UInt8]
  /// The power of ten of the last digit.
  package private(set) var exponent: Int

  package static let zero = ExactDecimal(isNegative: false, digits: [], exponent: 0)

  private init(isNegative: Bool, digits: [UInt8], exponent: Int) {
    self.isNegative = isNegative
    self.digits = digits
    self.exponent = exponent
  }

  /// Parses JSON number syntax exactly: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
  /// Nil for anything else (`+5`, `.5`, `5.`, `01`, `0x10`, ` 5`), and for an exponent beyond
  /// ±10^17 (`isJSONNumber` still accepts it).
  package init?(json text: some StringProtocol) {
    self.init(jsonBytes: text.utf8)
  }

  /// Parses JSON number syntax from UTF-8 bytes (`DecimalText`'s rule).
  package init?(jsonBytes b: some Collection<UInt8>) {
    let parsed =
      b.withContiguousStorageIfAvailable { Self(text: $0) }
      ?? Array(b).withUnsafeBufferPointer { Self(text: $0) }
    guard let parsed else { return nil }
    self = parsed
  }

  /// Parses a number literal as the query grammar spells it: JSON number syntax, except that the
  /// integer part may have leading zeros (`007`, `-00721.36e+0`), which the grammar keeps and which
  /// do not change the value (the language reference: a literal the grammar accepts compares by its value).
  package init?(literal text: some StringProtocol) {
    self.init(json: Self.withoutLeadingZeros(text))
  }

  /// The spelling of a number literal with its integer part's leading zeros dropped (one `0` kept
  /// before a point or an exponent): JSON number syntax when the literal is the grammar's.
  package static func withoutLeadingZeros(_ text: some StringProtocol) -> String {
    // Most numbers have no leading zero to drop: then the text as it is.
    var first = text.utf8.makeIterator()
    var b = first.next()
    if b == UInt8(ascii: "-") { b = first.next() }
    if b != UInt8(ascii: "0") { return String(text) }
    var s = Substring(text)
    let sign = s.first == "-" ? "-" : ""
    if !sign.isEmpty { s = s.dropFirst() }
    while s.count > 1, s.first == "0", let next = s.dropFirst().first, next.isASCII, next.isNumber {
      s = s.dropFirst()
    }
    return sign + s
  }

  /// Whether `b` is JSON number syntax, whatever its exponent: a JSON parser's check, where
  /// `init?(jsonBytes:)` also asks that the value can be compared exactly.
  package static func isJSONNumber(_ b: some Collection<UInt8>) -> Bool {
    DecimalText.isJSONNumber(b)
  }

  /// The number `text` spells, if it is JSON number syntax.
  init?(text: UnsafeBufferPointer<UInt8>) {
    guard let number = DecimalText(text) else { return nil }
    self.init(
      isNegative: number.isNegative, digits: Self.significantDigits(text), exponent: number.exponent)
  }

  /// The significant digits of `text`, a JSON number (`DecimalText` read it): its mantissa's
  /// digits without the leading and trailing zeros, as `DecimalText.digits(in:)` copies them out.
  /// Built here by appending to a reserved array: that one's `Array(unsafeUninitializedCapacity:)`
  /// is not specialised outside the standard library and looked up the array's type for every
  /// number read (half the cost of binding a number literal).
  static func significantDigits(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    let zero = UInt8(ascii: "0")
    let point = UInt8(ascii: ".")
    var end = 0
    while end < text.count, text[end] != UInt8(ascii: "e"), text[end] != UInt8(ascii: "E") { end += 1 }
    var start = 0
    while start < end, text[start] == UInt8(ascii: "-") || text[start] == zero || text[start] == point {
      start += 1
    }
    while end > start, text[end - 1] == zero || text[end - 1] == point { end -= 1 }
    var digits: [UInt8] = []
    digits.reserveCapacity(end - start)
    for i in start..<end where text[i] != point { digits.append(text[i]) }
    return digits
  }

  /// From an integer.
  package init(_ value: Int) {
    let text = String(value.magnitude)
    self.init(normalising: Array(text.utf8), exponent: 0, negative: value < 0)
  }

  private init(normalising raw: [UInt8], exponent: Int, negative: Bool) {
    var start = raw.startIndex
    while start < raw.endIndex && raw[start] == UInt8(ascii: "0") { start += 1 }
    var end = raw.endIndex
    var exp = exponent
    while end > start && raw[end - 1] == UInt8(ascii: "0") {
      end -= 1
      exp += 1
    }
    if start == end {
      self = .zero
    } else {
      self.init(isNegative: negative, digits: Array(raw[start..<end]), exponent: exp)
    }
  }

  package var isZero: Bool { digits.isEmpty }

  /// The value times 10^`power`, exactly (minor units to major units: `scaled(by: -2)`).
  package func scaled(by power: Int) -> ExactDecimal {
    isZero ? self : ExactDecimal(isNegative: isNegative, digits: digits, exponent: exponent + power)
  }

  /// The power of ten just above the most significant digit; orders magnitudes of non-zero values.
  private var magnitudeOrder: Int { digits.count + exponent }

  private static func compareMagnitude(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
    if a.isZero || b.isZero { return a.isZero ? (b.isZero ? 0 : -1) : 1 }
    if a.magnitudeOrder != b.magnitudeOrder { return a.magnitudeOrder < b.magnitudeOrder ? -1 : 1 }
    let n = Swift.max(a.digits.count, b.digits.count)
    for k in 0..<n {
      let x = k < a.digits.count ? a.digits[k] : 48
      let y = k < b.digits.count ? b.digits[k] : 48
      if x != y { return x < y ? -1 : 1 }
    }
    return 0
  }

  package static func < (a: ExactDecimal, b: ExactDecimal) -> Bool {
    if a.isNegative != b.isNegative { return a.isNegative }
    let m = compareMagnitude(a, b)
    return a.isNegative ? m > 0 : m < 0
  }

  /// The shortest plain spelling for moderate exponents (`100.1`, `-0.005`, `2000`); scientific
  /// (`1E-400`) when a plain one would be long.
  package var description: String {
    if isZero { return "0" }
    let sign = isNegative ? "-" : ""
    let d = String(decoding: digits, as: UTF8.self)
    if exponent >= 0 && exponent <= 20 {
      return sign + d + String(repeating: "0", count: exponent)
    }
    if exponent < 0 && -exponent <= digits.count + 20 {
      let point = digits.count + exponent
      if point > 0 {
        return sign + String(d.prefix(point)) + "." + String(d.dropFirst(point))
      }
      return sign + "0." + String(repeating: "0", count: -point) + d
    }
    let adjusted = exponent + digits.count - 1
    let mantissa = digits.count == 1 ? d : String(d.prefix(1)) + "." + String(d.dropFirst())
    return sign + mantissa + "E" + String(adjusted)
  }
}
