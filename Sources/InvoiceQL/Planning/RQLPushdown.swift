import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

/// Pushdown for RQL (softwareone): `and`/`or` are written as RQL, so a whole conjunct can go to the
/// server. A conjunct is exact only if every part of it is; an `and` that loses a part, or a bound that
/// had to be widened, makes it a superset. An `or` is pushed only when every branch pushes something
/// (an unpushable branch would mean "anything").
package enum RQLPushdown {
  package struct Piece {
    var text: String
    var exact: Bool
    var fields: [BoundField]
  }

  package static func run(
    _ conjuncts: [NormalExpression], table: [FieldCapability], render: (BoundExpression) -> String
  ) -> Pushdown {
    var result = Pushdown()
    var parts: [String] = []
    for (i, c) in conjuncts.enumerated() {
      guard let piece = translate(c, table) else {
        result.notes[i] = (.residual, ConjunctivePushdown.whyResidual(c, table: table))
        continue
      }
      parts.append(piece.text)
      result.fieldsFiltered += piece.fields
      let reason =
        piece.exact
        ? "RQL applies it exactly" : "part of it is not expressible exactly in RQL (widened or left out)"
      result.fragments.append(
        PushedFragment(
          predicate: render(c.bound), exactness: piece.exact ? .exact : .superset, reason: reason))
      result.notes[i] = (piece.exact ? .pushedExactly : .pushedAsSuperset, reason)
      if piece.exact { result.exactConjuncts.insert(i) }
    }
    if !parts.isEmpty {
      result.expression = parts.count == 1 ? parts[0] : "and(" + parts.joined(separator: ",") + ")"
    }
    return result
  }

  static func translate(_ e: NormalExpression, _ table: [FieldCapability]) -> Piece? {
    switch e {
    case .constant, .text, .quantified: return nil
    case .field(let f, let d):
      guard let cap = table.first(where: { $0.path == f.path }) else { return nil }
      return field(f, d, cap)
    case .and(let xs):
      let pieces = xs.map { translate($0, table) }
      let pushed = pieces.compactMap { $0 }
      guard !pushed.isEmpty else { return nil }
      let exact = pushed.count == pieces.count && pushed.allSatisfy(\.exact)
      let text = pushed.count == 1 ? pushed[0].text : "and(" + pushed.map(\.text).joined(separator: ",") + ")"
      return Piece(text: text, exact: exact, fields: pushed.flatMap(\.fields))
    case .or(let xs):
      var pushed: [Piece] = []
      for x in xs {
        guard let p = translate(x, table) else { return nil }
        pushed.append(p)
      }
      return Piece(
        text: "or(" + pushed.map(\.text).joined(separator: ",") + ")",
        exact: pushed.allSatisfy(\.exact), fields: pushed.flatMap(\.fields))
    }
  }

  static func field(_ f: BoundField, _ d: ValueDomain, _ cap: FieldCapability) -> Piece? {
    guard !d.includesNull, !d.includesUnreadable, !d.ranges.isEmpty else { return nil }
    let name = f.path.joined(separator: ".")
    if let points = d.points {
      let values = points.compactMap { value($0, cap) }
      if values.count == points.count {
        if points.count == 1, cap.equal != nil {
          return Piece(text: "eq(\(name),\(values[0]))", exact: cap.exact, fields: [f])
        }
        if cap.list != nil, points.count <= cap.maxValues {
          return Piece(
            text: "in(\(name),(" + values.joined(separator: ",") + "))", exact: cap.exact, fields: [f])
        }
      }
    }
    // Every value but a few: `ne`/`out` (whether they also return absent fields is undocumented).
    if cap.notIn != nil, !cap.exactBounds, let hull = d.hull, hull.lower == nil, hull.upper == nil {
      let holes = zip(d.ranges, d.ranges.dropFirst()).compactMap { a, b -> Value? in
        guard let u = a.upper, let l = b.lower, !u.inclusive, !l.inclusive, u.key == l.key else {
          return nil
        }
        return u.value
      }
      let values = holes.compactMap { value($0, cap) }
      if holes.count == d.ranges.count - 1, values.count == holes.count, !values.isEmpty,
        values.count <= cap.maxValues
      {
        let text =
          values.count == 1
          ? "ne(\(name),\(values[0]))" : "out(\(name),(" + values.joined(separator: ",") + "))"
        return Piece(text: text, exact: false, fields: [f])
      }
    }
    guard cap.lower != nil || cap.upper != nil else { return nil }
    // A side that cannot be written (a value the API does not take, a date past the calendar's edge)
    // is left out: the range grows, so the piece is a superset; a range with neither side is no filter.
    var alternatives: [String] = []
    var exact = cap.exactBounds
    for r in d.ranges {
      var parts: [String] = []
      if let l = r.lower {
        if let p = lowerBound(name, l, cap) { parts.append(p) } else { exact = false }
      }
      if let u = r.upper {
        if let p = upperBound(name, u, cap) { parts.append(p) } else { exact = false }
      }
      guard !parts.isEmpty else { return nil }
      alternatives.append(parts.count == 1 ? parts[0] : "and(" + parts.joined(separator: ",") + ")")
    }
    let text = alternatives.count == 1 ? alternatives[0] : "or(" + alternatives.joined(separator: ",") + ")"
    return Piece(text: text, exact: exact, fields: [f])
  }

  static func lowerBound(_ name: String, _ b: RangeBound, _ cap: FieldCapability) -> String? {
    switch (cap.format, b.value) {
    case (.decimal, .decimal):
      guard let v = value(b.value, cap) else { return nil }
      return (b.inclusive ? "ge" : "gt") + "(\(name),\(v))"
    case (.dayAsInstant, .date(let d)):
      // The first qualifying day's start, minus the largest offset (under a day).
      let first = b.inclusive ? d : d.adding(days: 1)
      return NativeCalendar.startOfDayMillis(first.adding(days: -1)).map { "ge(\(name),\"\($0)\")" }
    case (.instantMillis, .instant(let i)):
      return NativeCalendar.millis(i, roundUp: false).map { "ge(\(name),\"\($0)\")" }
    default: return nil
    }
  }

  static func upperBound(_ name: String, _ b: RangeBound, _ cap: FieldCapability) -> String? {
    switch (cap.format, b.value) {
    case (.decimal, .decimal):
      guard let v = value(b.value, cap) else { return nil }
      return (b.inclusive ? "le" : "lt") + "(\(name),\(v))"
    case (.dayAsInstant, .date(let d)):
      let last = b.inclusive ? d : d.adding(days: -1)
      return NativeCalendar.startOfDayMillis(last.adding(days: 2)).map { "lt(\(name),\"\($0)\")" }
    case (.instantMillis, .instant(let i)):
      return NativeCalendar.millis(i, roundUp: true).map { "le(\(name),\"\($0)\")" }
    default: return nil
    }
  }

  /// An RQL value: numbers bare, text quoted with the quote kind it does not contain (ids always
  /// in double quotes); nil when it cannot be written unambiguously or the API documents it as
  /// impossible.
  static func value(_ v: Value, _ cap: FieldCapability) -> String? {
    guard cap.documents(v) else { return nil }
    let format = cap.format
    switch (format, v) {
    case (.decimal, .decimal(let d)):
      let t = d.description
      return t.contains("E") || !NativeNumbers.readExactly(d) ? nil : t
    case (.text, .string(let s)), (.identifier, .string(let s)):
      if s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }) {
        return nil
      }
      if !s.contains("\"") { return "\"" + s + "\"" }
      if format == .text, !s.contains("'") { return "'" + s + "'" }
      return nil
    default: return nil
    }
  }
}
