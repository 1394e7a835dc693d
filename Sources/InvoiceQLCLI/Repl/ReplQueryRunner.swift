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
    let done = DispatchSemaphore(value: 0)
    let task = Task.detached {
      do {
        for try await match in InvoiceClient().invoices(
          for: plan, from: endpoint,
          onProgress: { p in
            collected.progress(p)
            progress?.show(p)
          })
        {
          collected.append(match.json)
        }
      } catch is CancellationError {
      } catch {
        collected.fail("\(error)")
      }
      done.signal()
    }
    while done.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
      if ReplInterrupt.isSet { task.cancel() }
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

  func append(_ line: String) { lock.withLock { lines.append(line) } }
  func fail(_ message: String) { lock.withLock { error = message } }
  func progress(_ p: FetchProgress) {
    lock.withLock {
      scanned = p.invoicesScanned
      pages = p.pages
    }
  }
  func snapshot() -> (lines: [String], scanned: Int, pages: Int, error: String?) {
    lock.withLock { (lines, scanned, pages, error) }
  }
}
