import Dispatch
import InvoiceQL

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `invoiceql filter --provider P [--now T] [--tz Z] [--ids] [--fields F] [--format K] QUERY [FILE]` (the command-line reference): streams one
/// response body of provider P (FILE, or stdin when FILE is absent or `-`) through the whole query —
/// not only a residual — and prints each matching invoice on its own line, in input order: its
/// compact JSON (strings and numbers byte-exact), or with `--ids` its `id` (a string decoded, a number
/// as written, `null` when it has none); with `--fields a,b.c` just those fields of it; `--format` picks JSON Lines (default), one JSON array, CSV or
/// a table (`MatchWriter`). `sort by` sorts the matches (stable; blanks last) and `limit N` keeps
/// the first N.
///
/// QUERY is one argument and FILE an optional second; three or more words are an unquoted query,
/// a usage error that says to quote it. Without
/// `sort by`, matches are printed as they stream, so memory stays bounded by one invoice; with
/// `sort by … limit N`, by N matches (`InvoiceTopK`); `sort by` without a limit holds every match.
package enum FilterCommand: Subcommand {
  package static let name = "filter"
  package static let usage =
    "filter --provider P [--now T] [--tz Z] [--ids] [--fields F] [--format ndjson|json|csv|table] QUERY [FILE]"

  package static let help = CommandHelp(
    overview: "Filter one response body of a provider: print the invoices that match a query.",
    discussion: """
      Streams one response body of provider P (FILE, or stdin when FILE is absent or -) through the
      whole query and prints each matching invoice, in input order. QUERY is one argument: quote it.

      Memory: without `sort by`, one invoice at a time, whatever the body's size. With
      `sort by … limit N`, at most N matches are held (the best so far). `sort by` without a limit
      holds every match until the body ends, then sorts them: add a limit for large bodies.
      `--format table` holds every row to align the columns.
      """,
    arguments: [
      ("QUERY", "The query, quoted as one argument: 'status = open and total > 100'."),
      ("FILE", "A response body as the API sends it (default: stdin; - is stdin)."),
    ],
    options: [
      CommandHelp.providerOption, CommandHelp.nowOption, CommandHelp.tzOption,
      ("--ids", "Print only each match's id (a string decoded, a number as written)."),
      ("--fields F", "Each match holds just these fields: a,b.c (canonical or the provider's names)."),
      (
        "--format K",
        "ndjson (default): one compact JSON invoice per line, byte-exact; json: one\narray; csv: RFC 4180 with a header row; table: aligned columns and a count.\ncsv and table show id and the fields the query mentions."
      ),
    ],
    examples: [
      (
        "invoiceql sample --provider \(HelpExample.simple.name) | invoiceql filter --provider \(HelpExample.simple.name) 'total > 100'",
        "The invoices over 100 in the bundled sample, one JSON object per line."
      ),
      (
        "invoiceql filter --provider \(HelpExample.simple.name) --format table 'total > 100 sort by total desc' page.json",
        "The invoices over 100 in page.json as a table, largest first."
      ),
      (
        "invoiceql filter --provider \(HelpExample.simple.name) --ids --now 2025-05-15 'issueDate >= today-30d' page.json",
        "The ids of the invoices issued in the 30 days before 2025-05-15."
      ),
    ])

  /// Bytes read per read(2) into the one reused buffer.
  static let bufferSize = 256 << 10

  package static func run(_ context: CommandContext) async -> ExitStatus {
    let options: BindingOptions
    let format: MatchFormat
    do {
      options = try BindingOptions.parse(
        context.arguments, valueOptions: ["--format", "--fields"], flags: ["--ids"])
      format = try MatchFormat.parse(options.values(of: "--format").last)
    } catch {
      return QueryArguments.usageFailure(error, usage: usage, context)
    }
    var words = options.rest
    if words.count >= 3 {
      // `filter --provider elevate status = open`: the shell split an unquoted query.
      let query = words.joined(separator: " ")
      return QueryArguments.usageFailure(
        UsageError(
          "QUERY must be one argument, but \(words.count) words were given\n = help: quote the query: "
            + "invoiceql filter --provider \(options.provider?.name ?? "P") '\(query)' [FILE]"),
        usage: usage, context)
    }
    var path: String? = nil
    if words.count == 2, let last = words.popLast() { path = last == "-" ? nil : last }
    let text = words.joined(separator: " ")
    let errors = DiagnosticSink(context.stderr)
    guard let query = bindQuery(text, options, reportingTo: errors),
      let provider = options.provider
    else { return .failure }
    guard let fields = fieldSelection(options, reportingTo: context.stderr) else { return .failure }
    let bound = query.bound
    var filter = provider.responseFilter(
      bound.filter, alsoReading: bound.sort.map(\.field.path), fields: fields.selection)

    let input: InputSource
    var openedFD: Int32 = -1
    if let path {
      openedFD = open(path, O_RDONLY)
      guard openedFD >= 0 else {
        var message = "error: cannot open '\(path)': \(String(cString: strerror(errno)))\n"
        if (try? Parser.parse(text + " " + path)) != nil {
          message += " = help: if '\(text) \(path)' is the query, quote it as one argument\n"
        }
        errors.write(message)
        return .failure
      }
      input = FileDescriptorSource(fd: openedFD)
    } else {
      input = context.stdin
    }
    defer { if openedFD >= 0 { close(openedFD) } }

    let ids = options.has("--ids")
    var printer = MatchPrinter(
      ids: ids, limit: bound.limit,
      writer: MatchWriter(
        format: format, columns: MatchColumn.mentioned(by: query.syntax, catalog: provider.catalog),
        sink: context.stdout))
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
      errors.write("error: \(path.map { "\($0): " } ?? "")\(error)\n")
      return .failure
    } catch {
      progress.clear()
      printer.flush()
      errors.write("error: cannot read \(path.map { "'\($0)'" } ?? "stdin"): \(error)\n")
      return .failure
    }
    progress.clear()
    if sorting {
      for match in kept.sorted { printer.print(match) }
    }
    printer.finish()
    return .success
  }
}

/// Writes matches up to the query's limit: their ids one per line (`--ids`), or through the
/// `--format` writer.
struct MatchPrinter {
  let ids: Bool
  let limit: Int?
  var writer: MatchWriter
  var printed = 0
  var pending = ""

  init(ids: Bool, limit: Int?, writer: MatchWriter) {
    self.ids = ids
    self.limit = limit
    self.writer = writer
  }

  mutating func print(_ match: InvoiceMatch) {
    if let limit, printed >= limit { return }
    printed += 1
    if ids {
      pending += (match.id ?? "null") + "\n"
    } else {
      writer.write(json: match.json)
    }
  }

  mutating func flushIfLarge() {
    if pending.utf8.count >= 1 << 16 { flush() }
  }

  /// Writes what is buffered (a table waits for `finish`).
  mutating func flush() {
    if !pending.isEmpty { writer.sink.write(pending) }
    pending = ""
    writer.flush()
  }

  /// Flushes and ends the format (closes a JSON array, prints a table).
  mutating func finish() {
    flush()
    if !ids { writer.finish() }
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
