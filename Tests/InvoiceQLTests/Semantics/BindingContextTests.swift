import Foundation
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

@Suite struct BindingContextTests {
  func zone(_ id: String) -> TimeZone {
    guard let z = TimeZone(identifier: id) else {
      Issue.record("no zone \(id)")
      return TimeZone(secondsFromGMT: 0) ?? .current
    }
    return z
  }
  func at(_ s: String) -> Instant {
    guard let dt = DateTimeText.dateTime(s) else {
      Issue.record("bad \(s)")
      return Instant(seconds: 0, fraction: "")
    }
    return Instant(dt)
  }
  func day(_ s: String) -> CivilDate { DateTimeText.date(s) ?? CivilDate(daysSinceEpoch: 0) }

  @Test func todayIsTheDateInTheQueryZone() {
    let now = at("2025-05-01T02:00:00Z")
    #expect(BindingContext.utc(now: now).today == day("2025-05-01"))
    #expect(BindingContext(now: now, timeZone: zone("America/New_York")).today == day("2025-04-30"))
    #expect(BindingContext(now: now, timeZone: zone("Asia/Tokyo")).today == day("2025-05-01"))
  }

  @Test func startOfDayFollowsTheZoneOffset() {
    let ny = BindingContext(now: at("2025-05-01T00:00:00Z"), timeZone: zone("America/New_York"))
    #expect(ny.startOfDay(day("2025-05-01")) == at("2025-05-01T04:00:00Z"))
    #expect(ny.startOfDay(day("2025-01-15")) == at("2025-01-15T05:00:00Z"))
    // The day clocks go forward is 23 hours long.
    let dstStart = ny.startOfDay(day("2025-03-09"))
    let next = ny.startOfDay(day("2025-03-10"))
    #expect(next.seconds - dstStart.seconds == 23 * 3600)
    // …and the day they go back, 25.
    #expect(ny.startOfDay(day("2025-11-03")).seconds - ny.startOfDay(day("2025-11-02")).seconds == 25 * 3600)
  }

  @Test func aMidnightThatDoesNotExistStartsAtTheJump() {
    // Santiago springs forward at 00:00 local (to 01:00) on 2024-09-08.
    let scl = BindingContext(now: at("2024-09-01T00:00:00Z"), timeZone: zone("America/Santiago"))
    let start = scl.startOfDay(day("2024-09-08"))
    #expect(start == at("2024-09-08T04:00:00Z"))
    #expect(scl.local(start).date == day("2024-09-08"))
    #expect(scl.local(Instant(seconds: start.seconds - 1, fraction: "")).date == day("2024-09-07"))
  }
}
