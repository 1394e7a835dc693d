import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// One native condition lifted into a query, and how faithfully.
///
/// A condition the query cannot state exactly is stated broader (it matches at least every invoice
/// the native condition does), and only where a broader condition keeps the whole query broader:
/// under a negation it would make the query narrower, so there it is left out instead, with the
/// condition around it.
package enum ImportedCondition {
  /// The query means what the native condition does.
  case exact(Expression)
  /// The query matches at least what the native condition does; why it may match more.
  case broader(Expression, why: String)
  /// No query states it, or a superset of it; why.
  case none(Diagnostic.Kind, String)
  /// An error was reported.
  case failed
}

extension ImportContext {
  /// The expression to put where `condition` stands: `positive` when the place is under an even
  /// number of negations, so that a broader condition there makes the whole query broader.
  /// Nil (with a warning) when the condition is left out; the caller leaves out what holds it
  /// unless dropping it there widens the query too.
  package mutating func resolve(_ condition: ImportedCondition, positive: Bool, at range: SourceRange)
    -> Expression?
  {
    switch condition {
    case .exact(let e): return e
    case .broader(let e, let why):
      if positive {
        warning(.importApproximate, why + "; the query matches more invoices than the native filter", range)
        return e
      }
      warning(
        .importApproximate,
        why + "; under a negation the broader condition would match fewer invoices, so the negated"
          + " condition is not imported and the query matches more", range)
      return nil
    case .none(let kind, let why):
      warning(kind, why + "; not imported, so the query matches more invoices than the native filter", range)
      return nil
    case .failed: return nil
    }
  }

  /// `path op text`, with dates and times read as the provider reads them. `written` is the field as
  /// the query names it (relative inside a quantifier); by default its name from the invoice.
  package mutating func comparison(
    _ path: [String], _ op: ComparisonOperator, _ text: String, at range: SourceRange,
    as written: FieldPath? = nil
  ) -> ImportedCondition {
    let type = self.type(of: path) ?? .string
    let f = written ?? field(path)
    guard let reading = TemporalReading.of(temporal, type: type) else {
      guard let lit = literal(text, for: path, at: range) else { return .failed }
      return .exact(Build.compare(f, op, lit))
    }
    guard let time = self.time(text, path, type, reading, at: range) else { return .failed }
    if let lit = exactLiteral(time, type) { return .exact(Build.compare(f, op, lit)) }
    let why = approximation(text, path, type, reading)
    if op == .notEqual { return .none(.importApproximate, why) }
    if type == .date {
      let lower = [.greater, .greaterOrEqual, .equal].contains(op) ? time.firstDate : nil
      let upper = [.less, .lessOrEqual, .equal].contains(op) ? time.lastDate : nil
      return dateRange(f, lower, upper, why)
    }
    let lower = [.greater, .greaterOrEqual, .equal].contains(op) ? NativeTime.literal(time.earliest) : nil
    let upper = [.less, .lessOrEqual, .equal].contains(op) ? NativeTime.literal(time.latest) : nil
    switch (lower, upper) {
    case (let l?, let u?): return .broader(Build.node(.between(f, l, u)), why: why)
    case (let l?, nil):
      return .broader(Build.compare(f, op == .greater ? .greater : .greaterOrEqual, l), why: why)
    case (nil, let u?): return .broader(Build.compare(f, op == .less ? .less : .lessOrEqual, u), why: why)
    case (nil, nil): return .none(.importApproximate, why + ", beyond the years a query can write")
    }
  }

  /// `path in (texts)` or `path not in (texts)`.
  package mutating func membership(
    _ path: [String], _ texts: [String], negated: Bool, at range: SourceRange, as written: FieldPath? = nil
  ) -> ImportedCondition {
    let type = self.type(of: path) ?? .string
    let f = written ?? field(path)
    guard let reading = TemporalReading.of(temporal, type: type) else {
      var literals: [Literal] = []
      for t in texts {
        guard let l = literal(t, for: path, at: range) else { return .failed }
        literals.append(l)
      }
      return .exact(Build.node(.membership(f, literals, negated: negated)))
    }
    var times: [NativeTime] = []
    for t in texts {
      guard let time = self.time(t, path, type, reading, at: range) else { return .failed }
      times.append(time)
    }
    let exact = times.compactMap { exactLiteral($0, type) }
    if exact.count == times.count { return .exact(Build.node(.membership(f, exact, negated: negated))) }
    let inexact = zip(texts, times).first { exactLiteral($0.1, type) == nil }?.0 ?? texts[0]
    let why = approximation(inexact, path, type, reading)
    guard !negated else { return .none(.importApproximate, why) }
    if type == .date {
      var dates: Set<CivilDate> = []
      for time in times {
        if let d = time.date {
          dates.insert(d)
          continue
        }
        var d = time.firstDate
        while d <= time.lastDate && dates.count <= 64 {
          if d.isWritable { dates.insert(d) }
          d = d.adding(days: 1)
        }
      }
      guard !dates.isEmpty, dates.count <= 64 else { return .none(.importApproximate, why) }
      let literals = dates.sorted().map { Literal(.date($0), range: Self.nowhere) }
      return .broader(Build.node(.membership(f, literals, negated: false)), why: why)
    }
    var alternatives: [Expression] = []
    for time in times {
      if let l = exactLiteral(time, type) {
        alternatives.append(Build.compare(f, .equal, l))
      } else if let lo = NativeTime.literal(time.earliest), let hi = NativeTime.literal(time.latest) {
        alternatives.append(Build.node(.between(f, lo, hi)))
      } else {
        return .none(.importApproximate, why + ", beyond the years a query can write")
      }
    }
    return Build.any(alternatives).map { .broader($0, why: why) } ?? .failed
  }

  /// `low <= path <= high` (a native range that includes its bounds).
  mutating func between(_ path: [String], _ low: String, _ high: String, at range: SourceRange)
    -> ImportedCondition
  {
    let type = self.type(of: path) ?? .string
    let f = field(path)
    guard let reading = TemporalReading.of(temporal, type: type) else {
      guard let l = literal(low, for: path, at: range), let h = literal(high, for: path, at: range) else {
        return .failed
      }
      return .exact(Build.node(.between(f, l, h)))
    }
    guard let lo = time(low, path, type, reading, at: range),
      let hi = time(high, path, type, reading, at: range)
    else { return .failed }
    if let l = exactLiteral(lo, type), let h = exactLiteral(hi, type) {
      return .exact(Build.node(.between(f, l, h)))
    }
    let why = approximation(exactLiteral(lo, type) == nil ? low : high, path, type, reading)
    if type == .date { return dateRange(f, lo.date ?? lo.firstDate, hi.date ?? hi.lastDate, why) }
    guard let l = NativeTime.literal(lo.earliest), let h = NativeTime.literal(hi.latest) else {
      return .none(.importApproximate, why + ", beyond the years a query can write")
    }
    return .broader(Build.node(.between(f, l, h)), why: why)
  }

  // MARK: - Support

  private mutating func time(
    _ text: String, _ path: [String], _ type: FieldType, _ reading: TemporalReading, at range: SourceRange
  ) -> NativeTime? {
    if let t = NativeTime.read(text, reading) { return t }
    let expected =
      type == .date && reading == .storedDates ? "a date YYYY-MM-DD" : "a date or an ISO 8601 date and time"
    error(.importBadValue, "'\(text)' is not a valid value for \(QueryText.path(path)) (\(expected))", range)
    return nil
  }

  /// The value as a literal of the field when the query states it exactly.
  private func exactLiteral(_ time: NativeTime, _ type: FieldType) -> Literal? {
    if type == .date {
      return time.date.map { Literal(.date($0), range: Self.nowhere) }
    }
    return time.exactLiteral
  }

  /// `lower <= f <= upper` over dates, each side only when writable. A lower side before the first
  /// date a query can write is that first date (every date is after it, and a comparison with an
  /// absent field keeps nothing either way); an upper side after the last, the last.
  private func dateRange(_ f: FieldPath, _ lower: CivilDate?, _ upper: CivilDate?, _ why: String)
    -> ImportedCondition
  {
    let first = CivilDate(year: 1, month: 1, day: 1)!
    let last = CivilDate(year: 9999, month: 12, day: 31)!
    let lower = lower.map { $0 < first ? first : $0 }
    let upper = upper.map { $0 > last ? last : $0 }
    let l = lower.flatMap { $0.isWritable ? Literal(.date($0), range: Self.nowhere) : nil }
    let u = upper.flatMap { $0.isWritable ? Literal(.date($0), range: Self.nowhere) : nil }
    switch (l, u) {
    case (let l?, let u?): return .broader(Build.node(.between(f, l, u)), why: why)
    case (let l?, nil): return .broader(Build.compare(f, .greaterOrEqual, l), why: why)
    case (nil, let u?): return .broader(Build.compare(f, .lessOrEqual, u), why: why)
    case (nil, nil): return .none(.importApproximate, why + ", beyond the years a query can write")
    }
  }

  /// Why a date or time value cannot be imported exactly.
  private func approximation(_ text: String, _ path: [String], _ type: FieldType, _ reading: TemporalReading)
    -> String
  {
    let name = QueryText.path(path)
    let provider = catalog.provider
    switch reading {
    case .datesStoredAsInstants:
      return "\(provider) compares \(name) as instants, each stored with its invoice's offset, and the query"
        + " compares the date as written, which can differ by a day: '\(text)' is imported as every date"
        + " an instant on that side of it can be written with"
    case .storedDates:
      return "\(name) holds dates, and how \(provider) compares one with '\(text)', a date and time, is"
        + " undocumented: imported as every date within a day of it"
    case .instantsOrDates:
      return "\(provider) may compare \(name) by dates in a zone it does not name: '\(text)' is imported"
        + " as every instant such a comparison can let through"
    case .utcInstants, .instantsInUnnamedZone:
      if NativeDates.date(text) != nil {
        return "'\(text)' is a date, and \(provider) does not say in which zone, nor whether as its start or"
          + " its end, it reads one for \(name): imported as every instant it can name"
      }
      return "'\(text)' has no offset and \(provider) does not say in which zone it reads \(name):"
        + " imported as every instant it can name in any zone"
    }
  }
}
