import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Kills the real `invoiceql` binary in the middle of `rewrite --in-place` and checks the file.
@Suite("rewrite --in-place under SIGKILL")
struct RewriteKillTests {
  /// `.build/debug/invoiceql` beside this package (built by `swift build --build-tests`).
  static var binary: String {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path + "/.build/debug/invoiceql"
  }

  static func bigFile(count: Int) -> String {
    (0..<count).map { i in
      "{\"name\": \"s\(i)\", \"provider\": \"elevate\", \"query\": \"paymentStatusUpdatedDate = \\\"2025-0\(i % 9 + 1)-01\\\" and invoiceTotalAmount > \(i)\", \"owner\": {\"id\": \(i)}}"
    }.joined(separator: "\n") + "\n"
  }

  @Test func propertyAKilledInPlaceRewriteLeavesEitherTheOldOrTheNewFile() throws {
    #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "build the invoiceql binary first")
    let dir = try ScratchDirectory()
    let old = Self.bigFile(count: 2500)
    let rules = try dir.file(
      "rules.json",
      "{\"fields\": [{\"from\": \"paymentStatusUpdatedDate\", \"to\": \"paymentStatusUpdatedTime\", \"provider\": \"elevate\"}]}"
    )
    // The new content: one uninterrupted run.
    let path = try dir.file("searches.jsonl", old)
    let started = Date()
    #expect(try run(["rewrite", "--rules", rules, "--in-place", path], killAfter: nil) == 0)
    let fullRun = Date().timeIntervalSince(started)
    let new = try dir.read("searches.jsonl")
    #expect(new != old)
    #expect(new.contains("paymentStatusUpdatedTime = \\\"2025-01-01\\\" and invoiceTotalAmount > 0"))

    var rng = SplitMix64(seed: 0xC0FFEE)
    var outcomes: [String: Int] = ["old": 0, "new": 0]
    for _ in 0..<10 {
      _ = try dir.file("searches.jsonl", old)
      let delay = Double(rng.next() % 1000) / 1000 * fullRun * 1.2
      _ = try run(["rewrite", "--rules", rules, "--in-place", path], killAfter: delay)
      let now = try dir.read("searches.jsonl")
      #expect(now == old || now == new, "a killed rewrite left a mixed or truncated file")
      outcomes[now == old ? "old" : "new", default: 0] += 1
    }
    #expect(outcomes["old", default: 0] + outcomes["new", default: 0] == 10)
  }

  /// Runs the binary; with `killAfter`, sends SIGKILL after that many seconds. Returns the status.
  private func run(_ arguments: [String], killAfter: Double?) throws -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: Self.binary)
    p.arguments = arguments
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    if let killAfter {
      Thread.sleep(forTimeInterval: killAfter)
      kill(p.processIdentifier, SIGKILL)
    }
    p.waitUntilExit()
    return p.terminationStatus
  }
}
