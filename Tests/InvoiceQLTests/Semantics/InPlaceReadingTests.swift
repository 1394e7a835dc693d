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

/// The number and date readers that work on bytes in place (`DecimalText`, `DateTimeText.parts`)
/// against the array-building readers they replaced, kept in `InPlaceReadingOracles`.
@Suite("In-place number and date reading")
struct InPlaceReadingTests {
  static func decimalText(_ r: inout StreamingRandom) -> String {
    var s = r.pick(["", "", "", "-", "+", "--"])
    s += r.pick(["0", "00", "1", "10", "100", "123456789", "000123", "", "9"])
    if r.chance(50) {
      s += "." + r.pick(["", "0", "00", "5", "50", "000001", "1234567890123456789", "0100"])
    }
    if r.chance(40) {
      s += r.pick(["e", "E"]) + r.pick(["", "+", "-"])
      s += r.pick([
        "", "0", "2", "3", "400", "999999999999999", "00012", "1000000000000", "99999999999999999999",
      ])
    }
    if r.chance(5) {
      s.insert(r.pick([" ", "x", ".", "e", "0"]), at: s.index(s.startIndex, offsetBy: r.below(s.count + 1)))
    }
    return s
  }

  static func describe(_ d: ExactDecimal?) -> InPlaceReadingOracles.Decimal? {
    d.map { InPlaceReadingOracles.Decimal(negative: $0.isNegative, digits: $0.digits, exponent: $0.exponent) }
  }

  @Test("ExactDecimal reads every spelling as the array-building reader did")
  func decimalsParseAsBefore() {
    var r = StreamingRandom(seed: 0xDEC1)
    var valid = 0
    for _ in 0..<20_000 {
      let text = Self.decimalText(&r)
      let expected = InPlaceReadingOracles.decimal(text)
      #expect(Self.describe(ExactDecimal(json: text)) == expected, "\(text)")
      #expect(Self.describe(ExactDecimal(jsonBytes: AnyCollection(Array(text.utf8)))) == expected, "\(text)")
      #expect(Self.describe(ExactDecimal(json: text.dropFirst(0))) == expected, "\(text)")
      if expected != nil { valid += 1 }
    }
    #expect(valid > 5_000)
  }

  @Test("property: ExactDecimal's significant digits are the ones DecimalText copies out")
  func significantDigitsAreDecimalTextsDigits() {
    var r = StreamingRandom(seed: 0xD161)
    var valid = 0
    for _ in 0..<20_000 {
      let text = Self.decimalText(&r)
      Array(text.utf8).withUnsafeBufferPointer { bytes in
        guard let number = DecimalText(bytes) else { return }
        valid += 1
        #expect(ExactDecimal.significantDigits(bytes) == number.digits(in: bytes), "\(text)")
      }
    }
    #expect(valid > 5_000)
  }

  @Test("DecimalText orders a number in place as ExactDecimal orders the two")
  func decimalsOrderInPlace() {
    var r = StreamingRandom(seed: 0x0DE5)
    var orders: [Int: Int] = [:]
    var pairs = 0
    while pairs < 20_000 {
      let a = Self.decimalText(&r)
      // Now and then the same value spelled otherwise, so that equal pairs come up too.
      let b = r.chance(15) ? a + r.pick(["", "e0", "E-0", "0"]) : Self.decimalText(&r)
      guard let x = ExactDecimal(json: a), let y = ExactDecimal(json: b) else { continue }
      pairs += 1
      let expected = x < y ? -1 : (y < x ? 1 : 0)
      let order = Array(a.utf8).withUnsafeBufferPointer { text in
        y.digits.withUnsafeBufferPointer { digits in
          DecimalText(text)?.order(in: text, y.isNegative, digits, y.exponent)
        }
      }
      #expect(order == expected, "\(a) vs \(b)")
      #expect(Array(a.utf8).withUnsafeBufferPointer { DecimalText($0)?.isWhole } == x.isWhole, "\(a)")
      orders[expected, default: 0] += 1
    }
    #expect(orders.count == 3 && orders.values.allSatisfy { $0 > 1_000 }, "\(orders)")
  }

  static func dateTimeText(_ r: inout StreamingRandom) -> String {
    // Mostly well-formed, each part now and then not.
    func part(_ good: [String], _ bad: [String], _ r: inout StreamingRandom) -> String {
      r.chance(8) ? r.pick(bad) : r.pick(good)
    }
    var s =
      part(["2025", "2024", "1970", "9999"], ["0000", "20x5", "202"], &r) + part(["-"], ["/", ""], &r)
    s += part(["01", "02", "12"], ["13", "00", "1"], &r) + part(["-"], ["_"], &r)
    s += part(["01", "28", "29", "30", "31"], ["32", "9", "00"], &r)
    guard r.chance(70) else { return s }
    s += part(["T", "t", " "], ["X", ""], &r)
    s += part(["00", "23", "24", "99"], ["1", "a0"], &r) + part([":"], [".", ""], &r)
    s += part(["00", "59", "60"], ["5", ""], &r)
    if r.chance(60) { s += ":" + part(["00", "59", "60"], ["5", ""], &r) }
    if r.chance(50) { s += "." + part(["0", "360", "0000000", "1234567890123"], [""], &r) }
    if r.chance(70) {
      s += part(
        ["Z", "z", "+00:00", "-05:00", "+0530", "+02", "+02:59"],
        ["+", "-", "+02:60", "+1", "Q", "+02:3", "+24:00", "-2400", "+99"], &r
      )
    }
    if r.chance(5) { s += r.pick([" ", "Z", "0"]) }
    return s
  }

  @Test("DateTimeText reads every spelling as the array-building reader did")
  func datesParseAsBefore() {
    var r = StreamingRandom(seed: 0xDA7E)
    var dates = 0
    var dateTimes = 0
    for _ in 0..<20_000 {
      let text = Self.dateTimeText(&r)
      let date = InPlaceReadingOracles.date(text)
      let dateTime = InPlaceReadingOracles.dateTime(text)
      #expect(DateTimeText.date(text) == date, "\(text)")
      #expect(DateTimeText.dateTime(text) == dateTime, "\(text)")
      // The parts the streaming filter reads in place: a datetime exactly where the reference has one.
      let parts = Array(text.utf8).withUnsafeBufferPointer { DateTimeText.parts(utf8: $0) }
      #expect((parts != nil) == (dateTime != nil), "\(text)")
      if let parts, let dateTime {
        #expect(
          parts.date == dateTime.date && parts.hour == dateTime.hour && parts.minute == dateTime.minute
            && parts.second == dateTime.second && parts.offsetSeconds == dateTime.offsetSeconds, "\(text)")
      }
      if date != nil { dates += 1 }
      if dateTime != nil { dateTimes += 1 }
    }
    #expect(dates > 1_000 && dateTimes > 800, "\(dates) dates, \(dateTimes) datetimes")
  }

  @Test("a date's number orders as the dates do, far into the past and future")
  func dayNumbersOrderAsDates() throws {
    var r = StreamingRandom(seed: 0xDA75)
    for _ in 0..<5_000 {
      let a = CivilDate(daysSinceEpoch: r.below(8_000_000) - 4_000_000)
      // Mostly near each other: the same year, the month next door.
      let b =
        r.chance(10)
        ? CivilDate(daysSinceEpoch: r.below(8_000_000) - 4_000_000) : a.adding(days: r.below(121) - 60)
      let x = try #require(CompiledFilter.day(of: a))
      let y = try #require(CompiledFilter.day(of: b))
      #expect((x < y) == (a < b) && (x == y) == (a == b), "\(a) \(b)")
    }
  }
}
