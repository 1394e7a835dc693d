import Foundation
import InvoiceQL

/// The streaming benchmark: throughput and peak memory of `ResponseFilter` over large generated
/// rhythm responses, against Foundation's `JSONDecoder` + the same filter on the same bytes.
///
/// `status in (open, paid) and dueDate < 2025-05-01 and balance > 100`, bound by hand to rhythm's
/// fields so the figure measures streaming, not binding.
enum StreamingBenchmark {
  static let query: BoundExpression = .and([
    .predicate(
      .member(
        BoundField(
          path: ["status"], type: .enumeration(["cancelled", "open", "paid", "void", "written off"]),
          name: "status"), [.string("open"), .string("paid")], negated: false)),
    .predicate(
      .compare(
        BoundField(path: ["date_due"], type: .date, name: "dueDate"), .less,
        .date(CivilDate(year: 2025, month: 5, day: 1) ?? CivilDate(daysSinceEpoch: 0)))),
    .predicate(
      .compare(
        BoundField(path: ["balance_due"], type: .decimal, name: "balance"), .greater,
        .decimal(ExactDecimal(100)))),
  ])

  static func run() {
    let args = Set(CommandLine.arguments)
    let data = StreamingBenchmarkData()
    print("invoices: \(data.pool.count) distinct, \(data.averageItemBytes) bytes on average")
    let sizes = args.contains("--quick") ? (args.contains("--no-baseline") ? [] : [100 << 20]) : [100 << 20, 1 << 30]
    for size in sizes {
      let r = streamOnTheFly(data, totalBytes: size)
      print(
        String(
          format:
            "streaming %5d MB generated on the fly: %7.1f MB/s (filter time %.2f s), %d invoices, %d matches, peak RSS %.1f MiB (+%.1f MiB over the %.1f MiB before)",
          size >> 20, r.mbps, r.seconds, r.items, r.matches, r.peakMiB, r.peakMiB - r.beforeMiB, r.beforeMiB))
    }
    let inMemory = CommandLine.arguments.firstIndex(of: "--size").flatMap { i in
      CommandLine.arguments.dropFirst(i + 1).first.flatMap { Int($0) }
    } ?? 100
    compareWithJSONDecoder(data, totalBytes: inMemory << 20, baseline: !args.contains("--no-baseline"))
  }

  struct Result {
    var seconds: Double
    var bytes: Int
    var items: Int
    var matches: Int
    var peakMiB: Double
    var beforeMiB: Double
    var mbps: Double { Double(bytes) / seconds / 1_000_000 }
  }

  static func streamOnTheFly(_ data: StreamingBenchmarkData, totalBytes: Int) -> Result {
    resetPeak()
    let before = memoryMiB("VmRSS:")
    var filter = ResponseFilter(envelope: .rhythm, filter: query)
    var matches = 0
    var bytes = 0
    var seconds = 0.0
    var failure: Error?
    data.generate(totalBytes: totalBytes) { chunk in
      guard failure == nil else { return }
      let start = cpuNanoseconds()
      do { matches += try filter.feed(chunk).count } catch { failure = error }
      seconds += Double(cpuNanoseconds() - start) / 1e9
      bytes += chunk.count
    }
    var items = 0
    do { items = try filter.finish().itemCount } catch { failure = error }
    if let failure { print("streaming failed: \(failure)") }
    return Result(
      seconds: seconds, bytes: bytes, items: items, matches: matches,
      peakMiB: memoryMiB("VmHWM:"), beforeMiB: before)
  }

  struct Response: Decodable {
    var Items: [Invoice]
  }

  struct Invoice: Decodable {
    var id: String
    var status: String?
    var date_due: String?
    var balance_due: Decimal?
  }

  /// Filters `body` in 64 KiB chunks with `filter`; returns the best CPU time of `runs` and the matches.
  static func timeStreaming(_ body: [UInt8], _ filter: BoundExpression, runs: Int) -> (seconds: Double, matches: Int) {
    var best = Double.infinity
    var matches = 0
    for _ in 0..<runs {
      var streaming = ResponseFilter(envelope: .rhythm, filter: filter)
      var found = 0
      let start = cpuNanoseconds()
      do {
        var offset = 0
        while offset < body.count {
          let end = min(offset + (64 << 10), body.count)
          found += try streaming.feed(body[offset..<end]).count
          offset = end
        }
        _ = try streaming.finish()
      } catch {
        print("streaming failed: \(error)")
      }
      best = min(best, Double(cpuNanoseconds() - start) / 1e9)
      matches = found
    }
    return (best, matches)
  }

  static func compareWithJSONDecoder(_ data: StreamingBenchmarkData, totalBytes: Int, baseline: Bool) {
    let body = data.materialize(totalBytes: totalBytes)
    let bodyData = Data(body)
    let mb = Double(body.count) / 1_000_000
    let runs = CommandLine.arguments.contains("--full-only") ? 0 : 3
    let scanOnly = timeStreaming(body, .constant(false), runs: runs)
    let (streamSeconds, streamed) = timeStreaming(body, query, runs: 3)

    var decodeSeconds = Double.infinity
    var decoded = 0
    for _ in 0..<(baseline ? 2 : 0) {
      let d0 = cpuNanoseconds()
      do {
        let response = try JSONDecoder().decode(Response.self, from: bodyData)
        let limit = Decimal(100)
        decoded =
          response.Items.filter { invoice in
            guard let status = invoice.status, status == "open" || status == "paid",
              let due = invoice.date_due, due.prefix(10) < "2025-05-01",
              let balance = invoice.balance_due, balance > limit
            else { return false }
            return true
          }.count
      } catch {
        print("JSONDecoder failed: \(error)")
      }
      decodeSeconds = min(decodeSeconds, Double(cpuNanoseconds() - d0) / 1e9)
    }
    print(
      String(
        format: "same %d MB in memory, best of 3: scanning only (constant-false filter) %.1f MB/s",
        body.count >> 20, mb / scanOnly.seconds))
    print(
      String(
        format:
          "  streaming %.1f MB/s (%d matches), JSONDecoder+filter %.1f MB/s (%d matches, best of 2): ratio %.1fx%@",
        mb / streamSeconds, streamed, mb / decodeSeconds, decoded,
        decodeSeconds / streamSeconds, streamed == decoded ? "" : "  MISMATCH"))
  }

  /// This thread's CPU time: the machine is shared, so wall time would measure the neighbours.
  static func cpuNanoseconds() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
  }

  /// Resets the kernel's peak-RSS mark so each run's VmHWM is its own.
  static func resetPeak() {
    if let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") {
      handle.write(Data("5".utf8))
      try? handle.close()
    }
  }

  /// A `/proc/self/status` figure in MiB (`VmHWM:`, `VmRSS:`).
  static func memoryMiB(_ field: String) -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in text.split(separator: "\n") where line.hasPrefix(field) {
      let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
      return Double(kb) / 1024
    }
    return -1
  }
}
