import Dispatch
import InvoiceQL

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `invoiceql filter --provider P [--now T] [--tz Z] [--ids] QUERY [FILE]` (the command-line reference): streams one
/// response body of provider P (FILE, or stdin when FILE is absent or `-`) through the whole query —
/// not only a residual — and prints each matching invoice on its own line, in input order: its
/// compact JSON (strings and numbers byte-exact), or with `--ids` its `id` (a string decoded, a number
/// as written, `null` when it has none). `sort by` sorts the matches (stable; blanks last) and
/// `limit N` keeps the first N.
///
/// QUERY is one argument; with two or more words after the options, the last one is FILE. Without
/// `sort by`, matches are printed as they stream, so memory stays bounded by one invoice; with
/// `sort by … limit N`, by N matches (`InvoiceTopK`); `sort by` without a limit holds every match.
package enum FilterCommand: Subcommand {
  package static let name = "filter"
  package static let usage = "filter --provider P [--now T] [--tz Z] [--ids] QUERY [FILE]"

  /// The long help: what is printed, and what a sort holds in memory.
  package static let help = """
    usage: invoiceql \(usage)

    Streams one response body of provider P (FILE, or stdin when FILE is absent or -) through the
    whole query and prints each matching invoice on its own line, in input order: its compact JSON
    (strings and numbers byte-exact), or with --ids its id. QUERY is one argument; with two or more
    words after the options, the last one is FILE.

    Memory: without `sort by`, one invoice at a time, whatever the body's size. With
    `sort by … limit N`, at most N matches are held (the best so far). `sort by` without a limit
    holds every match until the body ends, then sorts them: add a limit for large bodies.
    """

  /// Bytes read per read(2) into the one reused buffer.
  static let bufferSize = 256 << 10

  package static func run(_ context: CommandContext) async -> ExitStatus {
    // `--help` anywhere before a `--` that ends the options.
    if let flag = context.arguments.first(where: { $0 == "--help" || $0 == "-h" || $0 == "--" }), flag != "--"
    {
      context.stdout.write(help + "\n")
      return .success
    }
    let options: BindingOptions
    do {
      options = try BindingOptions.parse(context.arguments, flags: ["--ids"])
    } catch {
      return QueryArguments.usageFailure(error, usage: usage, context)
    }
    var words = options.rest
    var path: String? = nil
    if words.count >= 2, let last = words.popLast() { path = last == "-" ? nil : last }
    let text = words.joined(separator: " ")
    guard let query = bindQuery(text, options, reportingTo: context.stderr),
      let provider = options.provider
    else { return .failure }
    let bound = query.bound
    var filter = provider.responseFilter(bound.filter, alsoReading: bound.sort.map(\.field.path))

    let input: InputSource
    var openedFD: Int32 = -1
    if let path {
      openedFD = open(path, O_RDONLY)
      guard openedFD >= 0 else {
        context.stderr.write("error: cannot open '\(path)': \(String(cString: strerror(errno)))\n")
        return .failure
      }
      input = FileDescriptorSource(fd: openedFD)
    } else {
      input = context.stdin
    }
    defer { if openedFD >= 0 { close(openedFD) } }

    let ids = options.has("--ids")
    var printer = MatchPrinter(ids: ids, limit: bound.limit, sink: context.stdout)
    var progress = Progress(sink: context.stderr)
    let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bufferSize)
    defer { buffer.deallocate() }
    let sorting = !bound.sort.isEmpty
    // With a limit, only the best `limit` matches so far are held.
    var kept = InvoiceTopK<InvoiceMatch>(keys: bound.sort, capacity: bound.limit)
    do {
      while true {
        let n = try input.read(into: UnsafeMutableRawBufferPointer(buffer))
        if n == 0 { break }
        try filter.feed(UnsafeBufferPointer(rebasing: buffer[0..<n])) { match in
          if sorting {
            kept.insert(match, invoice: match.projected)
          } else {
            printer.print(match)
          }
        }
        printer.flushIfLarge()
        progress.update(bytes: filter.byteOffset, items: filter.itemCount, matches: filter.matchCount)
      }
      _ = try filter.finish()
    } catch let error as JSONStreamError {
      progress.clear()
      printer.flush()
      context.stderr.write("error: \(path.map { "\($0): " } ?? "")\(error)\n")
      return .failure
    } catch {
      progress.clear()
      printer.flush()
      context.stderr.write("error: cannot read \(path.map { "'\($0)'" } ?? "stdin"): \(error)\n")
      return .failure
    }
    progress.clear()
    if sorting {
      for match in kept.sorted { printer.print(match) }
    }
    printer.flush()
    return .success
  }
}

/// Writes matches one per line, batched per chunk, up to the query's limit.
struct MatchPrinter {
  let ids: Bool
  let limit: Int?
  let sink: OutputSink
  var printed = 0
  var pending = ""

  init(ids: Bool, limit: Int?, sink: OutputSink) {
    self.ids = ids
    self.limit = limit
    self.sink = sink
  }

  mutating func print(_ match: InvoiceMatch) {
    if let limit, printed >= limit { return }
    pending += ids ? (match.id ?? "null") : match.json
    pending += "\n"
    printed += 1
  }

  mutating func flushIfLarge() {
    if pending.utf8.count >= 1 << 16 { flush() }
  }

  mutating func flush() {
    if !pending.isEmpty { sink.write(pending) }
    pending = ""
  }
}

/// A progress line on stderr when it is a terminal and the input takes more than a few seconds.
struct Progress {
  let sink: OutputSink
  let enabled: Bool
  let start = DispatchTime.now().uptimeNanoseconds
  var lastShown: UInt64 = 0
  var shown = false

  init(sink: OutputSink) {
    self.sink = sink
    self.enabled = (sink as? FileDescriptorSink)?.isTerminal ?? false
  }

  mutating func update(bytes: Int, items: Int, matches: Int) {
    guard enabled else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    guard now - start > 2_000_000_000, now - lastShown > 250_000_000 else { return }
    lastShown = now
    shown = true
    let mb = Double(bytes) / 1_000_000
    let rounded = (mb * 10).rounded() / 10
    sink.write("\r\u{1B}[K\(rounded) MB read, \(items) invoices, \(matches) matches")
  }

  mutating func clear() {
    if shown { sink.write("\r\u{1B}[K") }
    shown = false
  }
}
