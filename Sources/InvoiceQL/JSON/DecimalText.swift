/// A JSON number read in place: where its significant digits lie in the text, its sign and the power
/// of ten of its last significant digit — `ExactDecimal`'s normalised form without copying the
/// digits out. `ExactDecimal(jsonBytes:)` is built from it, and the streaming filter compares numbers
/// through it without building one, so both read a number by the very same rule.
package struct DecimalText {
  /// True for values below zero (never for zero).
  package var isNegative: Bool
  /// Where the first significant digit is in the text (meaningless for zero).
  var first: Int
  /// Where the decimal point is in the text, or `Int.max` when there is none: the digits from
  /// `first` on skip it.
  var point: Int
  /// How many significant digits there are (no leading or trailing zeros); 0 for zero.
  var count: Int
  /// The power of ten of the last significant digit (0 for zero).
  package var exponent: Int

  var isZero: Bool { count == 0 }

  /// Whether the value has no fractional part.
  package var isWhole: Bool { isZero || exponent >= 0 }

  /// The power of ten just above the most significant digit; orders magnitudes of non-zero values.
  var magnitudeOrder: Int { count + exponent }

  /// Where the `k`th significant digit is in the text.
  @inline(__always)
  func position(_ k: Int) -> Int { first + k >= point ? first + k + 1 : first + k }

  /// The largest exponent read (`1e100000000000000000`; `1e-100000000000000000`): every number up
  /// to it is exact, and no sum of it with a digit count overflows.
  package static let maxExponent = 100_000_000_000_000_000

  /// Parses JSON number syntax exactly: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
  /// Nil for anything else (`+5`, `.5`, `5.`, `01`, `0x10`, ` 5`), and for an exponent beyond
  /// ±`maxExponent` (such a value is unknown in data, an error in a query).
  package init?(_ b: UnsafeBufferPointer<UInt8>) {
    guard case .number(let number) = Self.read(b) else { return nil }
    self = number
  }

  /// Whether `b` is a JSON number by the grammar alone, however large its exponent: what a JSON
  /// parser accepts (reading its value is `init`'s business).
  /// Whether `b` is JSON number syntax, whatever its exponent.
  package static func isJSONNumber(_ b: some Collection<UInt8>) -> Bool {
    b.withContiguousStorageIfAvailable { isJSONNumber($0) }
      ?? Array(b).withUnsafeBufferPointer { isJSONNumber($0) }
  }

  static func isJSONNumber(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    switch read(b) {
    case .number, .exponentOutOfRange: true
    case .invalid: false
    }
  }

  private enum Reading {
    case number(DecimalText)
    case exponentOutOfRange
    case invalid
  }

  private static func read(_ b: UnsafeBufferPointer<UInt8>) -> Reading {
    @inline(__always) func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    let n = b.count
    var i = 0
    var negative = false
    if i < n && b[i] == UInt8(ascii: "-") {
      negative = true
      i += 1
    }
    guard i < n, isDigit(b[i]) else { return .invalid }
    let intStart = i
    if b[i] == UInt8(ascii: "0") {
      i += 1
      if i < n && isDigit(b[i]) { return .invalid }
    } else {
      while i < n && isDigit(b[i]) { i += 1 }
    }
    let intEnd = i
    var point = Int.max
    var fracEnd = i
    if i < n && b[i] == UInt8(ascii: ".") {
      point = i
      i += 1
      guard i < n, isDigit(b[i]) else { return .invalid }
      while i < n && isDigit(b[i]) { i += 1 }
      fracEnd = i
    }
    let fractionDigits = point == Int.max ? 0 : fracEnd - point - 1
    var exp = 0
    if i < n && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
      i += 1
      var expNegative = false
      if i < n && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) {
        expNegative = b[i] == UInt8(ascii: "-")
        i += 1
      }
      guard i < n, isDigit(b[i]) else { return .invalid }
      while i < n && isDigit(b[i]) {
        // Beyond `maxExponent` the number is not read: an exponent that saturated would make
        // different numbers equal, and nothing in money comes near it.
        if exp <= maxExponent { exp = exp &* 10 &+ Int(b[i] - 48) }
        i += 1
      }
      if expNegative { exp = -exp }
    }
    guard i == n else { return .invalid }
    guard abs(exp) <= maxExponent else { return .exponentOutOfRange }
    // The mantissa's digits are intStart..<intEnd, then point+1..<fracEnd; trim zeros at both ends.
    let digitsEnd = point == Int.max ? intEnd : fracEnd
    var first = intStart
    while first < digitsEnd && (b[first] == UInt8(ascii: "0") || b[first] == UInt8(ascii: ".")) {
      first += 1
    }
    guard first < digitsEnd else {
      return .number(DecimalText(isNegative: false, first: 0, point: Int.max, count: 0, exponent: 0))
    }
    var last = digitsEnd - 1
    while b[last] == UInt8(ascii: "0") || b[last] == UInt8(ascii: ".") { last -= 1 }
    let skipsPoint = first < point && point < last
    // Zeros after the last significant digit, in the mantissa (the point is not one).
    let trailing = digitsEnd - 1 - last - (last < point && point < digitsEnd ? 1 : 0)
    return .number(
      DecimalText(
        isNegative: negative, first: first, point: skipsPoint ? point : Int.max,
        count: last - first + 1 - (skipsPoint ? 1 : 0), exponent: exp - fractionDigits + trailing))
  }

  private init(isNegative: Bool, first: Int, point: Int, count: Int, exponent: Int) {
    self.isNegative = isNegative
    self.first = first
    self.point = point
    self.count = count
    self.exponent = exponent
  }

  /// The significant digits, copied out of `b` (the text this was read from).
  package func digits(in b: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
      for k in 0..<count { out[k] = b[position(k)] }
      initialized = count
    }
  }

  /// Orders this number (read from `b`) against `negative` `digits` × 10^`exponent` (normalised, as
  /// in `ExactDecimal`): -1, 0 or 1, exactly as `ExactDecimal`'s `<` orders the two.
  package func order(
    in b: UnsafeBufferPointer<UInt8>, _ negative: Bool, _ digits: UnsafeBufferPointer<UInt8>, _ exponent: Int
  )
    -> Int
  {
    if isNegative != negative { return isNegative ? -1 : 1 }
    let m = compareMagnitude(in: b, digits, exponent)
    return isNegative ? -m : m
  }

  private func compareMagnitude(
    in b: UnsafeBufferPointer<UInt8>, _ digits: UnsafeBufferPointer<UInt8>, _ exponent: Int
  )
    -> Int
  {
    if isZero || digits.isEmpty { return isZero ? (digits.isEmpty ? 0 : -1) : 1 }
    let other = digits.count + exponent
    if magnitudeOrder != other { return magnitudeOrder < other ? -1 : 1 }
    for k in 0..<Swift.max(count, digits.count) {
      let x = k < count ? b[position(k)] : 48
      let y = k < digits.count ? digits[k] : 48
      if x != y { return x < y ? -1 : 1 }
    }
    return 0
  }
}
