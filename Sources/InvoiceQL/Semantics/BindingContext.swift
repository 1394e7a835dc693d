import InvoiceQLJSON
import InvoiceQLSyntax

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// What a query is bound against besides the catalog: the clock and the time zone, injected by the
/// caller so that relative dates (`today-30d`) and the whole-day rule never read the wall clock inside
/// the library, and a saved search means the same thing when it is re-planned later.
package struct BindingContext: Sendable, Hashable {
  /// The instant `now` means.
  package var now: Instant
  /// The zone `today`, dates against datetime fields and offset-less datetime literals are read in.
  package var timeZone: TimeZone

  package init(now: Instant, timeZone: TimeZone) {
    self.now = now
    self.timeZone = timeZone
  }

  /// UTC at `now` (the language reference's default zone).
  package static func utc(now: Instant) -> BindingContext {
    BindingContext(now: now, timeZone: utcZone)
  }

  /// The UTC zone: the default wherever a query is bound, and what a plan's zone defaults to.
  package static let utcZone: TimeZone =
    TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current

  /// Seconds east of UTC in this zone at `instant`.
  package func offset(at instant: Instant) -> Int {
    timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant.seconds)))
  }

  /// The civil date and wall-clock seconds of the day at `instant` in this zone.
  package func local(_ instant: Instant) -> (date: CivilDate, secondOfDay: Int) {
    let s = instant.seconds + offset(at: instant)
    let days = s >= 0 ? s / 86_400 : (s - 86_399) / 86_400
    return (CivilDate(daysSinceEpoch: days), s - days * 86_400)
  }

  /// Today's date in this zone.
  package var today: CivilDate { local(now).date }

  /// The first instant whose local wall time is at or after `secondOfDay` on `date`.
  ///
  /// A wall time that occurs twice (clocks going back) gives the earlier instant; one that does not
  /// occur (clocks going forward) gives the instant the clocks jumped, the first one after it.
  package func instant(_ date: CivilDate, secondOfDay: Int = 0, fraction: String = "") -> Instant {
    let wall = date.daysSinceEpoch * 86_400 + secondOfDay
    // UTC (nearly every query's zone) is never offset: the wall time is the instant, as the search
    // below finds, without asking the zone six times.
    if timeZone == Self.utcZone { return Instant(seconds: wall, fraction: fraction) }
    // Candidate offsets: those in force around that wall time.
    var offsets: [Int] = []
    for probe in [wall - 86_400, wall, wall + 86_400] {
      let o = offset(at: Instant(seconds: probe, fraction: ""))
      if !offsets.contains(o) { offsets.append(o) }
    }
    let valid = offsets.map { wall - $0 }.filter {
      offset(at: Instant(seconds: $0, fraction: "")) == wall - $0
    }
    if let earliest = valid.min() { return Instant(seconds: earliest, fraction: fraction) }
    // In a gap: the transition instant is the first one whose wall time is past `wall`.
    var low = wall - (offsets.max() ?? 0)
    var high = wall - (offsets.min() ?? 0)
    while high - low > 1 {
      let mid = low + (high - low) / 2
      if mid + offset(at: Instant(seconds: mid, fraction: "")) >= wall { high = mid } else { low = mid }
    }
    return Instant(seconds: high, fraction: "")
  }

  /// The first instant of `date` in this zone (the whole-day rule's start).
  package func startOfDay(_ date: CivilDate) -> Instant { instant(date) }
}
