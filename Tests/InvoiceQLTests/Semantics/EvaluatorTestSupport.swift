import Testing

@testable import InvoiceQL

/// Small builders for hand-made bound expressions and invoices.
enum Build {
  static func field(_ dotted: String, _ type: FieldType) -> BoundField {
    BoundField(path: dotted.split(separator: ".").map(String.init), type: type, name: dotted)
  }
  static func cmp(_ dotted: String, _ type: FieldType, _ op: ComparisonOperator, _ v: Value)
    -> BoundExpression
  {
    .predicate(.compare(field(dotted, type), op, v))
  }
  static func dec(_ s: String) -> Value {
    guard let d = ExactDecimal(json: s) else {
      Issue.record("bad decimal \(s)")
      return .decimal(.zero)
    }
    return .decimal(d)
  }
  static func date(_ s: String) -> Value {
    guard let d = DateTimeText.date(s) else {
      Issue.record("bad date \(s)")
      return .date(CivilDate(daysSinceEpoch: 0))
    }
    return .date(d)
  }
  static func instant(_ s: String) -> Value {
    guard let dt = DateTimeText.dateTime(s) else {
      Issue.record("bad datetime \(s)")
      return .instant(Instant(seconds: 0, fraction: ""))
    }
    return .instant(Instant(dt))
  }
  static func json(_ text: String) -> JSONValue {
    do { return try JSONValue(parsing: text) } catch {
      Issue.record("bad JSON: \(error)")
      return .null
    }
  }
}

/// SplitMix64: a tiny seeded generator so property tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
