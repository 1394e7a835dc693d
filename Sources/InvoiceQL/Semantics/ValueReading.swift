import InvoiceQLJSON
import InvoiceQLSyntax

extension Value {
  /// Reads a JSON value as a field of `type`, the language reference's way; nil means *unknown* (absent, `null`, or
  /// not of the type). Shared by the reference and the streaming evaluators so they cannot disagree.
  ///
  /// - decimal, integer, numeric id: a JSON number, or a string spelled as a JSON number (`"1e2"`,
  ///   not `"+5"` or `".5"`); an integer field also needs a whole value.
  /// - string, enum, string id: a JSON string. boolean: `true`/`false`.
  /// - date: a date, or a datetime counted by its date as written.
  /// - datetime: a datetime (no offset: UTC), or a date meaning 00:00 UTC of that day.
  package static func read(_ json: JSONValue?, as type: FieldType) -> Value? {
    guard let json else { return nil }
    switch type {
    case .id(numeric: true), .decimal, .integer:
      let d: ExactDecimal?
      switch json {
      case .number(let n): d = ExactDecimal(json: n)
      case .string(let s): d = ExactDecimal(json: s)
      default: d = nil
      }
      guard let d else { return nil }
      if case .integer = type, !d.isWhole { return nil }
      return .decimal(d)
    case .id(numeric: false), .string, .enumeration:
      guard case .string(let s) = json else { return nil }
      return .string(s)
    case .boolean:
      guard case .bool(let b) = json else { return nil }
      return .boolean(b)
    case .date:
      guard case .string(let s) = json else { return nil }
      if let d = DateTimeText.date(s) { return .date(d) }
      if let dt = DateTimeText.dateTime(s) { return .date(dt.date) }
      return nil
    case .dateTime:
      guard case .string(let s) = json else { return nil }
      if let dt = DateTimeText.dateTime(s) { return .instant(Instant(dt, defaultOffsetSeconds: 0)) }
      if let d = DateTimeText.date(s) {
        return .instant(Instant(seconds: d.daysSinceEpoch * 86_400, fraction: ""))
      }
      return nil
    case .object, .array:
      return nil
    }
  }

  /// Orders two values of the same kind: strings by Unicode scalar values (no normalisation),
  /// decimals exactly, dates and instants in time, `false < true`. Nil for values of different kinds.
  package static func order(_ a: Value, _ b: Value) -> Int? {
    func cmp<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (y < x ? 1 : 0) }
    switch (a, b) {
    case (.string(let x), .string(let y)):
      return scalarOrder(x, y)
    case (.decimal(let x), .decimal(let y)): return cmp(x, y)
    case (.date(let x), .date(let y)): return cmp(x, y)
    case (.instant(let x), .instant(let y)): return cmp(x, y)
    case (.boolean(let x), .boolean(let y)): return x == y ? 0 : (x ? 1 : -1)
    default: return nil
    }
  }

  /// Lexicographic order of Unicode scalar values (not `String`'s canonical-equivalence order).
  static func scalarOrder(_ x: String, _ y: String) -> Int {
    var i = x.unicodeScalars.makeIterator()
    var j = y.unicodeScalars.makeIterator()
    while true {
      switch (i.next(), j.next()) {
      case (nil, nil): return 0
      case (nil, _): return -1
      case (_, nil): return 1
      case (let p?, let q?): if p != q { return p.value < q.value ? -1 : 1 }
      }
    }
  }

  /// `a op b` for two known values; unknown when they are of different kinds.
  package static func compare(_ a: Value, _ op: ComparisonOperator, _ b: Value) -> Truth {
    guard let o = order(a, b) else { return .unknown }
    switch op {
    case .equal: return Truth(o == 0)
    case .notEqual: return Truth(o != 0)
    case .less: return Truth(o < 0)
    case .lessOrEqual: return Truth(o <= 0)
    case .greater: return Truth(o > 0)
    case .greaterOrEqual: return Truth(o >= 0)
    }
  }
}

extension ExactDecimal {
  /// Whether the value has no fractional part.
  package var isWhole: Bool { isZero || exponent >= 0 }
}

/// the language reference's case-insensitive substring tests: both sides lowercased with Swift's `lowercased()`
/// (Unicode default full lowercase mapping), then compared by Unicode scalars without normalisation.
package enum TextMatching {
  package static func matches(_ haystack: String, _ op: TextOperator, _ needle: String) -> Bool {
    let h = Array(haystack.lowercased().unicodeScalars)
    let n = Array(needle.lowercased().unicodeScalars)
    if n.isEmpty { return true }
    if n.count > h.count { return false }
    switch op {
    case .startswith: return Array(h[0..<n.count]) == n
    case .endswith: return Array(h[(h.count - n.count)...]) == n
    case .contains:
      for start in 0...(h.count - n.count) where h[start] == n[0] {
        if Array(h[start..<(start + n.count)]) == n { return true }
      }
      return false
    }
  }
}
