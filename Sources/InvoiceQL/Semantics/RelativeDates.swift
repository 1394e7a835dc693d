import InvoiceQLJSON
import InvoiceQLSyntax

extension BindingContext {
  /// `today±N unit` as a date in this zone; nil when the unit is not a date unit or the result
  /// leaves years 1…9999. Months are calendar months clamped to the month's end (Jan 31 + 1mo is
  /// Feb 28/29); a year is twelve months.
  package func resolveDate(_ r: RelativeDate) -> CivilDate? {
    guard r.base == .today else { return nil }
    return shift(today, by: r.amount, r.unit)
  }

  /// `now±N unit` as an instant. Minutes and hours are exact durations; days, weeks, months and years
  /// move the wall clock in this zone (so `now-1d` is the same local time yesterday across a DST
  /// change). Nil when the result leaves years 1…9999.
  package func resolveInstant(_ r: RelativeDate) -> Instant? {
    guard r.base == .now else { return nil }
    switch r.unit {
    case nil:
      return now
    case .minutes?, .hours?:
      let unitSeconds = r.unit == .minutes ? 60 : 3600
      let (delta, o1) = r.amount.multipliedReportingOverflow(by: unitSeconds)
      let (seconds, o2) = now.seconds.addingReportingOverflow(delta)
      guard !o1, !o2, Self.inRange(seconds) else { return nil }
      return Instant(seconds: seconds, fraction: String(decoding: now.fraction, as: UTF8.self))
    default:
      let (date, secondOfDay) = local(now)
      guard let moved = shift(date, by: r.amount, r.unit) else { return nil }
      return instant(
        moved, secondOfDay: secondOfDay, fraction: String(decoding: now.fraction, as: UTF8.self))
    }
  }

  private static func inRange(_ seconds: Int) -> Bool {
    // 0001-01-01 … 9999-12-31 with a day to spare for offsets.
    seconds >= -62_135_596_800 + 86_400 && seconds < 253_402_300_800 - 86_400
  }

  /// `date` moved by `amount` days, weeks, months or years; nil out of range or for a time unit.
  func shift(_ date: CivilDate, by amount: Int, _ unit: RelativeDate.Unit?) -> CivilDate? {
    // Bounds far beyond 10,000 years keep the arithmetic below free of overflow.
    guard amount.magnitude <= 4_000_000 else { return nil }
    switch unit {
    case nil:
      return date
    case .days?, .weeks?:
      let days = date.daysSinceEpoch + amount * (unit == .weeks ? 7 : 1)
      let result = CivilDate(daysSinceEpoch: days)
      return (1...9999).contains(result.year) ? result : nil
    case .months?, .years?:
      let months = date.year * 12 + (date.month - 1) + amount * (unit == .years ? 12 : 1)
      let year = months >= 0 ? months / 12 : -1
      let month = months - year * 12 + 1
      guard (1...9999).contains(year) else { return nil }
      let day = Swift.min(date.day, CivilDate.daysIn(month: month, year: year))
      return CivilDate(year: year, month: month, day: day)
    case .minutes?, .hours?:
      return nil
    }
  }
}
