import InvoiceQLJSON
import InvoiceQLSyntax

/// A literal converted to a field's type.
enum Converted {
  case value(Value)
  /// A date against a datetime field: that whole day in the query's time zone (the language reference).
  case day(CivilDate)
}

extension BindingSession {
  /// Converts `lit` to `field`'s type when that is exact (the language reference), or records a diagnostic.
  /// Enum fields get the value as written; `enumValues` matches it against the known values.
  mutating func convert(_ lit: Literal, for field: BoundField) -> Converted? {
    if case .word(let w) = lit.kind, w.equalsFolded("null") {
      report(
        .nullComparison, "'null' is not a value to compare with", lit.range,
        help: ["to test for a missing value write '\(field.name) is null' (or 'is not null')"])
      return nil
    }
    switch field.type {
    case .decimal, .integer, .id(numeric: true):
      let read: ExactDecimal?
      switch lit.kind {
      case .number(let s): read = ExactDecimal(literal: s)
      case .string(let s), .word(let s): read = ExactDecimal(json: s)
      default: read = nil
      }
      if let d = read {
        // the language reference: converted only when exact; a fraction has no exact value in a whole-number field.
        if field.type != .decimal, !d.isWhole {
          return mismatch(
            lit, field,
            help: "'\(field.name)' holds whole numbers: write one without a fraction, such as 100")
        }
        return .value(.decimal(d))
      }
      // A number that is not read: its exponent is beyond the range (`DecimalText`).
      if case .number(let s) = lit.kind, ExactDecimal.isJSONNumber(ExactDecimal.withoutLeadingZeros(s).utf8) {
        report(
          .numberOutOfRange, "\(describe(lit)) has an exponent beyond ±\(DecimalText.maxExponent)", lit.range,
          help: ["no value in data that large or that small is compared either: it reads as unknown"])
        return nil
      }
      return mismatch(lit, field, help: "write a number, such as 100 or 12.50")
    case .string, .id(numeric: false), .enumeration:
      switch lit.kind {
      case .string(let s), .word(let s), .number(let s): return .value(.string(s))
      case .date(let d): return .value(.string(d.description))
      default: return mismatch(lit, field, help: "write a string in quotes")
      }
    case .boolean:
      switch lit.kind {
      case .boolean(let b): return .value(.boolean(b))
      case .word(let s), .string(let s):
        if s.equalsFolded("true") { return .value(.boolean(true)) }
        if s.equalsFolded("false") { return .value(.boolean(false)) }
      default: break
      }
      return mismatch(lit, field, help: "write true or false")
    case .date:
      switch lit.kind {
      case .date(let d): return .value(.date(d))
      case .relative(let r) where r.base == .today:
        guard let d = context.resolveDate(r) else { return outOfRange(lit) }
        return .value(.date(d))
      case .string(let s), .word(let s):
        if let d = DateTimeText.date(s) { return .value(.date(d)) }
      case .dateTime(let dt):
        return mismatch(
          lit, field, help: "'\(field.name)' holds calendar dates: compare with a date such as \(dt.date)")
      case .relative:
        return mismatch(
          lit, field, help: "'\(field.name)' holds calendar dates: use 'today' instead of 'now'")
      default: break
      }
      return mismatch(lit, field, help: "write a date such as 2025-05-01")
    case .dateTime:
      switch lit.kind {
      case .dateTime(let dt): return .value(.instant(instant(dt)))
      case .date(let d): return .day(d)
      case .relative(let r):
        if r.base == .today {
          guard let d = context.resolveDate(r) else { return outOfRange(lit) }
          return .day(d)
        }
        guard let i = context.resolveInstant(r) else { return outOfRange(lit) }
        return .value(.instant(i))
      case .string(let s), .word(let s):
        if let dt = DateTimeText.dateTime(s) { return .value(.instant(instant(dt))) }
        if let d = DateTimeText.date(s) { return .day(d) }
      default: break
      }
      return mismatch(lit, field, help: "write a datetime such as 2025-05-01T10:00:00Z, or a date")
    case .object, .array:
      return mismatch(lit, field, help: nil)
    }
  }

  /// A datetime literal as an instant: with its offset, or in the query's time zone.
  func instant(_ dt: CivilDateTime) -> Instant {
    if dt.offsetSeconds != nil { return Instant(dt) }
    return context.instant(
      dt.date, secondOfDay: dt.hour * 3600 + dt.minute * 60 + dt.second, fraction: dt.fraction)
  }

  private mutating func mismatch(_ lit: Literal, _ field: BoundField, help: String?) -> Converted? {
    report(
      .typeMismatch,
      "cannot compare \(field.type.displayName) field '\(field.name)' with \(describe(lit))", lit.range,
      help: help.map { [$0] } ?? [])
    return nil
  }

  private mutating func outOfRange(_ lit: Literal) -> Converted? {
    report(.dateOutOfRange, "\(describe(lit)) is outside the years 1 to 9999", lit.range)
    return nil
  }

  /// How a literal is named in messages: its kind and spelling.
  func describe(_ lit: Literal) -> String {
    switch lit.kind {
    case .string(let s): "string \"\(s)\""
    case .word(let s): "'\(s)'"
    case .number(let s): "number \(s)"
    case .date(let d): "date \(d)"
    case .dateTime(let dt): "datetime \(dt)"
    case .relative(let r): r.base == .today ? "date \(r)" : "datetime \(r)"
    case .boolean(let b): "boolean \(b)"
    }
  }
}
