import InvoiceQL

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The streaming benchmark: throughput and peak memory of `ResponseFilter` over large generated
/// rhythm responses, against Foundation's `JSONDecoder` + the same filter on the same bytes. It
/// imports FoundationEssentials only, as the library does, so its memory figure is the library's.
///
/// `status in (open, paid) and dueDate < 2025-05-01 and balance > 100`, bound by hand to rhythm's
/// fields so the figure measures streaming, not binding.
///
/// Options: `--quick` (100 MB only, no compact bodies), `--no-baseline` (skip `JSONDecoder` and the
/// other byte classifiers),
/// `--size MB` (the in-memory body), `--runs N` (best of N).
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

  static func option(_ name: String) -> Int? {
    let args = CommandLine.arguments
    return args.firstIndex(of: name).flatMap { args.dropFirst($0 + 1).first.flatMap { Int($0) } }
  }

  static func run() {
    let args = Set(CommandLine.arguments)
    let data = StreamingBenchmarkData()
    print("invoices: \(data.pool.count) distinct, \(data.averageItemBytes) bytes on average")
    compareWithJSONDecoder(
      data, totalBytes: (option("--size") ?? 100) << 20, runs: option("--runs") ?? 5,
      baseline: !args.contains("--no-baseline"))
    for size in args.contains("--quick") ? [100] : [100, 1024] { measureMemory(megabytes: size) }
    if !args.contains("--quick") {
      let compact = data.compacted()
      print(
        "the same invoices compact (no whitespace between tokens): \(compact.averageItemBytes) bytes on average"
      )
      compareWithJSONDecoder(
        compact, totalBytes: (option("--size") ?? 100) << 20, runs: option("--runs") ?? 5,
        baseline: !args.contains("--no-baseline"))
    }
  }

  // MARK: - Throughput

  /// Filters `body` in 64 KiB chunks with `filter`; returns the CPU time and the matches.
  static func timeStreaming(
    _ body: [UInt8], _ filter: BoundExpression, kernel: ByteClassKernel = .selected
  ) -> (seconds: Double, matches: Int) {
    var streaming = ResponseFilter(envelope: StreamingBenchmarkData.envelope, filter: filter, kernel: kernel)
    var matches = 0
    let start = Measuring.cpuNanoseconds()
    do {
      var offset = 0
      while offset < body.count {
        let end = min(offset + (64 << 10), body.count)
        matches += try streaming.feed(body[offset..<end]).count
        offset = end
      }
      _ = try streaming.finish()
    } catch {
      print("streaming failed: \(error)")
    }
    return (Double(Measuring.cpuNanoseconds() - start) / 1e9, matches)
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

  /// `JSONDecoder` + the same filter in Swift over the same body: the CPU time and the matches.
  static func timeJSONDecoder(_ body: Data) -> (seconds: Double, matches: Int) {
    var matches = 0
    let start = Measuring.cpuNanoseconds()
    do {
      let response = try JSONDecoder().decode(Response.self, from: body)
      let limit = Decimal(100)
      matches =
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
    return (Double(Measuring.cpuNanoseconds() - start) / 1e9, matches)
  }

  /// Streaming (and scanning alone) against `JSONDecoder` + the same filter on the same bytes.
  /// The machine is shared and its speed drifts, so the runs are interleaved — one of each per
  /// round — and the ratio is given both from the best times and as the median of the rounds'.
  static func compareWithJSONDecoder(
    _ data: StreamingBenchmarkData, totalBytes: Int, runs: Int, baseline: Bool
  ) {
    let body = data.materialize(totalBytes: totalBytes)
    let bytes = Data(body)
    let mb = Double(body.count) / 1_000_000
    var scanOnly = Double.infinity
    var streamSeconds = Double.infinity
    var decodedSeconds = Double.infinity
    var streamed = 0
    var decodedMatches = 0
    var ratios: [Double] = []
    // The other byte classifiers this machine has (stage 1 of the fast path), in the same rounds.
    let otherKernels = baseline ? ByteClassKernel.available.filter { $0 != .selected && $0 != .words } : []
    var kernelSeconds = [Double](repeating: .infinity, count: otherKernels.count)
    var kernelRatios = [[Double]](repeating: [], count: otherKernels.count)
    for _ in 0..<runs {
      scanOnly = min(scanOnly, timeStreaming(body, .constant(false)).seconds)
      let stream = timeStreaming(body, query)
      for (k, kernel) in otherKernels.enumerated() {
        let seconds = timeStreaming(body, query, kernel: kernel).seconds
        kernelSeconds[k] = min(kernelSeconds[k], seconds)
        kernelRatios[k].append(seconds / stream.seconds)
      }
      streamSeconds = min(streamSeconds, stream.seconds)
      streamed = stream.matches
      guard baseline else { continue }
      let decoded = timeJSONDecoder(bytes)
      decodedSeconds = min(decodedSeconds, decoded.seconds)
      decodedMatches = decoded.matches
      ratios.append(decoded.seconds / stream.seconds)
    }
    print(
      "\(body.count >> 20) MB in memory, best of \(runs): streaming \(Measuring.format(mb / streamSeconds, 1)) MB/s"
        + " (\(streamed) matches); scanning alone (constant-false filter) \(Measuring.format(mb / scanOnly, 1)) MB/s"
    )
    let others = otherKernels.indices.map { k in
      let ratios = kernelRatios[k].sorted()
      return "\(otherKernels[k].rawValue) \(Measuring.format(mb / kernelSeconds[k], 1)) MB/s"
        + " (\(Measuring.format(kernelSeconds[k] / streamSeconds, 2))x; median \(Measuring.format(ratios[ratios.count / 2], 2))x)"
    }
    if !others.isEmpty {
      print(
        "  byte classifier: \(ByteClassKernel.selected.rawValue); with the others, same rounds, time against it: \(others.joined(separator: ", "))"
      )
    }
    guard baseline else { return }
    ratios.sort()
    print(
      "  JSONDecoder+filter on the same bytes, interleaved: \(Measuring.format(mb / decodedSeconds, 1)) MB/s"
        + " (\(decodedMatches) matches): streaming is \(Measuring.format(decodedSeconds / streamSeconds, 1))x faster"
        + " (best against best; median of the rounds \(Measuring.format(ratios[ratios.count / 2], 1))x,"
        + " range \(Measuring.format(ratios[0], 1))–\(Measuring.format(ratios[ratios.count - 1], 1))x)"
        + (streamed == decodedMatches ? "" : "  MISMATCH"))
  }

  // MARK: - Memory, in a process of its own

  /// Streams `megabytes` generated on the fly in a child process and prints its peak memory: the
  /// child holds nothing but the filter, so its peak is what filtering costs.
  static func measureMemory(megabytes: Int) {
    switch Measuring.runSelf(["streaming-child", String(megabytes)]) {
    case .success(let output): print(output, terminator: "")
    case .failure(let error): print("the memory child failed: \(error)")
    }
  }

  /// The child's side: generate and filter, then report.
  static func runChild(megabytes: Int) {
    let atStart = Measuring.memoryMiB("VmHWM:")
    let data = StreamingBenchmarkData()
    let before = Measuring.memoryMiB("VmHWM:")
    var filter = ResponseFilter(envelope: StreamingBenchmarkData.envelope, filter: query)
    var matches = 0
    var bytes = 0
    var seconds = 0.0
    var largestBuffer = 0
    var failure: Error?
    // The private (anonymous) part of the RSS, sampled every 4 MiB outside the timed calls: the
    // rest of the RSS is mapped files, the runtime's and FoundationEssentials' code shared between processes.
    var peakAnonymous = Measuring.memoryMiB("RssAnon:")
    var chunks = 0
    data.generate(totalBytes: megabytes << 20) { chunk in
      guard failure == nil else { return }
      let start = Measuring.cpuNanoseconds()
      do { matches += try filter.feed(chunk).count } catch { failure = error }
      seconds += Double(Measuring.cpuNanoseconds() - start) / 1e9
      bytes += chunk.count
      largestBuffer = max(largestBuffer, filter.bufferedByteCount)
      chunks += 1
      if chunks % 64 == 0 { peakAnonymous = max(peakAnonymous, Measuring.memoryMiB("RssAnon:")) }
    }
    peakAnonymous = max(peakAnonymous, Measuring.memoryMiB("RssAnon:"))
    var items = 0
    do { items = try filter.finish().itemCount } catch { failure = error }
    if let failure { print("streaming failed: \(failure)") }
    let peak = Measuring.memoryMiB("VmHWM:")
    print(
      "\(String(megabytes).padded(5, left: true)) MB generated on the fly, 64 KiB chunks, in a process of its own:"
        + " \(Measuring.format(Double(bytes) / seconds / 1_000_000, 1)) MB/s, \(items) invoices, \(matches) matches;"
        + " peak RSS \(Measuring.format(peak, 1)) MiB = \(Measuring.format(atStart, 1)) MiB at the process's start (runtime, FoundationEssentials, code)"
        + " + \(Measuring.format(before - atStart, 1)) MiB for the invoice pool + \(Measuring.format(peak - before, 1)) MiB while filtering"
        + " (its buffers at most \(Measuring.format(Double(largestBuffer) / 1024, 1)) KiB);"
        + " private (anonymous) memory at most \(Measuring.format(peakAnonymous, 1)) MiB, the rest is mapped code"
    )
  }
}
