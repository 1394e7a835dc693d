import Dispatch
import Foundation
import InvoiceQL
import InvoiceQLClient

/// How one REPL query run ended.
struct ReplRunOutcome {
  var scanned = 0
  var pages = 0
  var interrupted = false
  var error: String?
}

/// Runs a bound query over the REPL session's source, writing matches to a `MatchWriter`, and
/// stops early when Ctrl-C is pressed (`ReplInterrupt`).
enum ReplQueryRunner {
  static let chunkSize = 256 << 10

  /// A response body in memory: the whole query is checked on the client (the body stands in for
  /// the server's answer), then sorted and limited.
  static func filter(bytes: [UInt8], bound: BoundQuery, provider: Provider, writer: inout MatchWriter)
    -> ReplRunOutcome
  {
    var offset = 0
    return run(bound: bound, provider: provider, writer: &writer) { buffer in
      let n = min(buffer.count, bytes.count - offset)
      bytes.withUnsafeBytes {
        buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + n]))
      }
      offset += n
      return n
    }
  }

  /// A response body in a file, streamed in chunks.
  static func filter(file path: String, bound: BoundQuery, provider: Provider, writer: inout MatchWriter)
    -> ReplRunOutcome
  {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      return ReplRunOutcome(error: "cannot open '\(path)': \(String(cString: strerror(errno)))")
    }
    defer { close(fd) }
    let source = FileDescriptorSource(fd: fd)
    return run(bound: bound, provider: provider, writer: &writer) { try source.read(into: $0) }
  }

  private static func run(
    bound: BoundQuery, provider: Provider, writer: inout MatchWriter,
    read: (UnsafeMutableRawBufferPointer) throws -> Int
  ) -> ReplRunOutcome {
    var filter = provider.responseFilter(bound.filter, alsoReading: bound.sort.map(\.field.path))
    var kept = InvoiceTopK<InvoiceMatch>(keys: bound.sort, capacity: bound.limit)
    var outcome = ReplRunOutcome()
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 1)
    defer { buffer.deallocate() }
    do {
      while !ReplInterrupt.isSet {
        let n = try read(buffer)
        if n == 0 { break }
        try filter.feed(UnsafeRawBufferPointer(rebasing: buffer[0..<n])) { match in
          kept.insert(match, invoice: match.projected)
        }
      }
      if ReplInterrupt.isSet {
        outcome.interrupted = true
      } else {
        _ = try filter.finish()
      }
    } catch {
      outcome.error = "\(error)"
    }
    outcome.scanned = filter.itemCount
    for match in kept.sorted { writer.write(json: match.json) }
    return outcome
  }

  /// A live API through InvoiceQLClient, with a progress line on a terminal; Ctrl-C cancels the
  /// fetch. The REPL's loop is synchronous, so this waits for the fetching task.
  static func fetch(
    plan: Plan, endpoint: ProviderEndpoint, progressSink: OutputSink, writer: inout MatchWriter
  )
    -> ReplRunOutcome
  {
    let collected = FetchedMatches()
    let progress = ProgressLine(sink: progressSink)
    // Ctrl-C must raise SIGINT while the fetch runs, whatever mode the line editor left the
    // terminal in (raw mode has ISIG off, and a Ctrl-C then is just a byte nobody reads).
    let terminal = TerminalSignals.enable()
    defer { terminal.restore() }
    let done = DispatchSemaphore(value: 0)
    let task = Task.detached {
      do {
        for try await match in InvoiceClient().invoices(
          for: plan, from: endpoint,
          onProgress: { p in
            if collected.progress(p) { progress?.show(p) }
          })
        {
          if !collected.append(match.json) { break }
        }
      } catch is CancellationError {
      } catch {
        collected.fail("\(error)")
      }
      done.signal()
    }
    // Ctrl-C cancels the fetch and returns at once with what arrived: the REPL never waits on a
    // body still trickling in (the task ends in the background, and what it still finds is dropped).
    while done.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
      if ReplInterrupt.isSet {
        collected.stop()
        task.cancel()
        break
      }
    }
    progress?.clear()
    let result = collected.snapshot()
    for line in result.lines { writer.write(json: line) }
    var outcome = ReplRunOutcome(scanned: result.scanned, pages: result.pages, error: result.error)
    if ReplInterrupt.isSet {
      outcome.interrupted = true
      outcome.error = nil
    }
    return outcome
  }
}

/// What the fetching task hands back, behind a lock.
private final class FetchedMatches: @unchecked Sendable {
  private let lock = NSLock()
  private var lines: [String] = []
  private var scanned = 0
  private var pages = 0
  private var error: String?
  /// Set once the REPL stopped waiting: later matches, progress and errors are dropped.
  private var stopped = false

  func stop() { lock.withLock { stopped = true } }
  /// Keeps `line`; false once stopped.
  func append(_ line: String) -> Bool {
    lock.withLock {
      if !stopped { lines.append(line) }
      return !stopped
    }
  }
  func fail(_ message: String) { lock.withLock { if !stopped { error = message } } }
  /// Records progress; false once stopped (nothing more is shown).
  func progress(_ p: FetchProgress) -> Bool {
    lock.withLock {
      guard !stopped else { return false }
      scanned = p.invoicesScanned
      pages = p.pages
      return true
    }
  }
  func snapshot() -> (lines: [String], scanned: Int, pages: Int, error: String?) {
    lock.withLock { (lines, scanned, pages, error) }
  }
}

/// The terminal's ISIG flag, turned on for a running query and restored after.
struct TerminalSignals {
  private var saved: termios?

  static func enable() -> TerminalSignals {
    guard isatty(0) == 1 else { return TerminalSignals(saved: nil) }
    var mode = termios()
    guard tcgetattr(0, &mode) == 0 else { return TerminalSignals(saved: nil) }
    let saved = mode
    mode.c_lflag |= tcflag_t(ISIG)
    _ = tcsetattr(0, TCSANOW, &mode)
    return TerminalSignals(saved: saved)
  }

  func restore() {
    guard var mode = saved else { return }
    _ = tcsetattr(0, TCSANOW, &mode)
  }
}
