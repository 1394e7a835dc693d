import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// How a provider's server reads the date and time values sent for one field, as far as its
/// documentation says; what it leaves open is covered by reading each value as a span of instants.
package enum TemporalReading: Equatable, Sendable {
  /// A date field the server stores and compares as dates (elevate `dueDate`, wethod `issue_date`):
  /// a date value is exact.
  case storedDates
  /// A date field the server stores as a datetime with an offset and compares as instants in UTC
  /// (softwareone `erpData.dueDate`); a value without an offset is UTC.
  case datesStoredAsInstants
  /// A datetime field compared as instants in UTC (softwareone `audit.created.at`); a value without
  /// an offset is UTC, a date alone its 00:00 UTC.
  case utcInstants
  /// A datetime field whose values without an offset are in a zone the documentation does not name
  /// (roadsync `fromcreated`, elevate's datetime string filters).
  case instantsInUnnamedZone
  /// A datetime field the server may compare by dates alone, in a zone it does not name (wethod's
  /// `updated_at`: "updated after a date"); the planner widens its bounds by three days.
  case instantsOrDates

  /// The reading of a field of query type `type` under `policy`, or nil for a field that holds no
  /// dates or times.
  static func of(_ policy: TemporalPolicy, type: FieldType) -> TemporalReading? {
    switch type {
    case .date: policy.dates
    case .dateTime: policy.dateTimes
    default: nil
    }
  }

  /// Whether the server reads a value without an offset as UTC (documented).
  var readsUTC: Bool { self == .datesStoredAsInstants || self == .utcInstants }
}

/// How one provider's server reads date and datetime values (part of its importer).
package struct TemporalPolicy: Sendable {
  /// How date fields are read.
  package var dates: TemporalReading
  /// How datetime fields are read.
  package var dateTimes: TemporalReading

  package init(dates: TemporalReading = .storedDates, dateTimes: TemporalReading = .instantsInUnnamedZone) {
    self.dates = dates
    self.dateTimes = dateTimes
  }
}

/// A native date or time value as the span of instants the server may take it for: one instant
/// when the reading is documented, wider where a zone or a comparison by dates is not.
struct NativeTime {
  /// The earliest and latest instants the value can stand for (equal when exact).
  var earliest: Instant
  var latest: Instant
  /// The value as written with an explicit offset, when it is exact (kept so the imported query
  /// reads like the native filter).
  var written: CivilDateTime?
  /// A date value on a field stored as dates: compared exactly as a date.
  var date: CivilDate?

  var isExact: Bool { date != nil || earliest == latest }

  static let day = 86_400

  /// Reads `text` under `reading`; nil when it is neither a date nor a date and time.
  static func read(_ text: String, _ reading: TemporalReading) -> NativeTime? {
    if let d = NativeDates.date(text) {
      let midnight = Instant(seconds: d.daysSinceEpoch * day, fraction: "")
      switch reading {
      case .storedDates:
        return NativeTime(earliest: midnight, latest: midnight, written: nil, date: d)
      case .datesStoredAsInstants, .utcInstants:
        return exact(midnight, CivilDateTime(date: d, hour: 0, minute: 0, second: 0, offsetSeconds: 0))
      case .instantsInUnnamedZone, .instantsOrDates:
        // Its start or its end (an inclusive `to`), in any zone.
        return NativeTime(
          earliest: shifted(midnight, -day), latest: shifted(midnight, 2 * day), written: nil, date: nil)
      }
    }
    guard var dt = NativeDates.dateTime(text) else { return nil }
    let zoneKnown = dt.offsetSeconds != nil || reading.readsUTC
    if dt.offsetSeconds == nil && reading.readsUTC { dt.offsetSeconds = 0 }
    let instant = Instant(dt, defaultOffsetSeconds: 0)
    // An unnamed zone is within a day of UTC; a comparison by dates moves a bound by up to three.
    let slack = (zoneKnown ? 0 : day) + (reading == .instantsOrDates ? 3 * day : 0)
    if slack == 0 && reading != .storedDates { return exact(instant, dt) }
    return NativeTime(
      earliest: shifted(instant, -slack), latest: shifted(instant, slack), written: nil, date: nil)
  }

  static func exact(_ i: Instant, _ written: CivilDateTime?) -> NativeTime {
    NativeTime(earliest: i, latest: i, written: written, date: nil)
  }

  static func shifted(_ i: Instant, _ seconds: Int) -> Instant {
    Instant(seconds: i.seconds + seconds, fraction: String(decoding: i.fraction, as: UTF8.self))
  }

  /// The instant as a UTC date-time literal; nil outside the years a query can write.
  static func literal(_ i: Instant) -> Literal? {
    let (d, h, m, s) = i.utc
    guard (1...9999).contains(d.year),
      let dt = CivilDateTime(
        date: d, hour: h, minute: m, second: s, fraction: String(decoding: i.fraction, as: UTF8.self),
        offsetSeconds: 0)
    else { return nil }
    return Literal(.dateTime(dt), range: ImportContext.nowhere)
  }

  /// The value itself as a literal when exact (as written), else nil.
  var exactLiteral: Literal? {
    if let date { return Literal(.date(date), range: ImportContext.nowhere) }
    guard isExact else { return nil }
    if let written { return Literal(.dateTime(written), range: ImportContext.nowhere) }
    return Self.literal(earliest)
  }

  // MARK: - Dates as written from instants

  /// A date field whose stored value is an instant with an offset under a day has a date as written
  /// D whose instant lies strictly between D−1 and D+2 (00:00 UTC). These are the dates D for which
  /// some such instant satisfies the comparison with some instant of this span.

  /// The last date an instant before (or at) `latest` can be written with.
  var lastDate: CivilDate {
    let (d, h, m, s) = latest.utc
    let midnight = h == 0 && m == 0 && s == 0 && latest.fraction.isEmpty
    return midnight ? d : d.adding(days: 1)
  }

  /// The first date an instant after (or at) `earliest` can be written with.
  var firstDate: CivilDate { earliest.utc.date.adding(days: -1) }
}

extension CivilDate {
  /// Whether a query can write this date (years 1 through 9999).
  var isWritable: Bool { (1...9999).contains(year) }
}
