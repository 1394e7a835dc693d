import Foundation
import InvoiceQL
import InvoiceQLClient

/// `invoiceql run --provider P --base-url URL [--now T] [--tz Z] [--set k=v]… [--header 'Name: value']…
/// QUERY`: plans the query for the provider, runs it against the live API over all pages, and prints
/// each match as one line of compact JSON (JSON Lines) as soon as it is found. On a terminal, stderr
/// shows a progress line (pages, invoices scanned, matches). Any error — the query, the plan, an HTTP
/// status with the provider's message, a paging fault — goes to stderr with exit status 1.
///
/// `--header` (not in the command-line reference, which is silent on authentication) adds a header to every request,
/// e.g. `--header 'Authorization: Bearer …'`. `--fields a,b.c` makes each match hold just those
/// fields (canonical or provider names); `--concurrency N` (default 4) bounds the page requests in
/// flight where the listing allows it.
package enum RunCommand: Subcommand {
  package static let name = "run"
  package static let usage =
    "run --provider P --base-url URL [--now T] [--tz Z] [--set k=v]... [--header 'Name: value']... "
    + "[--fields F] [--concurrency N] [--format K] QUERY"

  package static let help = CommandHelp(
    overview: "Run a query against a live billing API over every page it needs.",
    discussion: """
      Plans the query for the provider, sends the native requests, re-checks every invoice on the
      client and prints each match as soon as it is found. On a terminal a progress line (pages,
      invoices scanned, matches) shows on stderr. HTTP errors carry the provider's message.
      """,
    arguments: [("QUERY", "The query, quoted as one argument.")],
    options: [
      CommandHelp.providerOption,
      ("--base-url URL", "The API's base URL (http or https), e.g. https://api.example.com/v1."),
      CommandHelp.nowOption, CommandHelp.tzOption, CommandHelp.setOption,
      ("--header 'Name: value'", "A header sent with every request (authentication); repeat for several."),
      (
        "--fields F",
        "Each match holds just these fields: a,b.c (canonical or native); the server\nis asked for them plus what the client checks."
      ),
      (
        "--concurrency N",
        "Page requests in flight where the listing allows it (default 4; 1: one at a time)."
      ),
      ("--format K", "ndjson (default), json (one array), csv (header row) or table."),
    ],
    examples: [
      (
        "invoiceql run --provider \(HelpExample.simple.name) --base-url https://api.example.com --header 'Authorization: Bearer TOKEN' 'total > 100'",
        "Every invoice over 100, one JSON object per line."
      ),
      (
        "invoiceql run --provider \(HelpExample.withSettings.name) --base-url https://api.example.com \(HelpExample.settings(HelpExample.withSettings)) --format csv 'total > 100' > big.csv",
        "Invoices over 100 as CSV for a spreadsheet."
      ),
    ])

  package static func run(_ context: CommandContext) async -> ExitStatus {
    let options: BindingOptions
    let endpoint: ProviderEndpoint
    let format: MatchFormat
    let concurrency: Int
    do {
      options = try BindingOptions.parse(
        context.arguments,
        valueOptions: ["--base-url", "--set", "--header", "--format", "--fields", "--concurrency"])
      endpoint = try Self.endpoint(options)
      format = try MatchFormat.parse(options.values(of: "--format").last)
      concurrency = try Self.concurrency(options)
    } catch {
      return QueryArguments.usageFailure(error, usage: usage, context)
    }
    let errors = DiagnosticSink(context.stderr)
    guard let fields = fieldSelection(options, reportingTo: context.stderr) else { return .failure }
    guard let bound = bindQuery(options.rest.joined(separator: " "), options, reportingTo: errors)
    else {
      return .failure
    }
    let plan: Plan
    do {
      plan = try endpoint.provider.plan(bound.bound, settings: endpoint.settings, fields: fields.selection)
    } catch {
      errors.write("error: \(error)\n")
      return .failure
    }
    var writer = MatchWriter(
      format: format, columns: MatchColumn.mentioned(by: bound.syntax, catalog: endpoint.provider.catalog),
      sink: context.stdout)
    for warning in plan.warnings { context.stderr.write("warning: \(warning)\n") }
    let progress = ProgressLine(sink: context.stderr)
    let client = InvoiceClient(concurrency: concurrency)
    do {
      for try await match in client.invoices(
        for: plan, from: endpoint, onProgress: progress.map { p in p.show })
      {
        writer.write(json: match.json)
        if format != .table { writer.flush() }
      }
    } catch {
      progress?.clear()
      writer.finish()
      errors.write("error: \(error)\n")
      return .failure
    }
    progress?.clear()
    writer.finish()
    return .success
  }

  /// `--concurrency N`: a whole number from 1 to 64 (default 4).
  static func concurrency(_ options: BindingOptions) throws(UsageError) -> Int {
    guard let text = options.values(of: "--concurrency").last else { return FetchSpec.defaultConcurrency }
    guard let n = Int(text), (1...64).contains(n) else {
      throw UsageError("--concurrency takes a whole number from 1 to 64, not '\(text)'")
    }
    return n
  }

  /// The endpoint from `--provider`, `--base-url`, `--set` and `--header`.
  static func endpoint(_ options: BindingOptions) throws(UsageError) -> ProviderEndpoint {
    guard let provider = options.provider else { throw UsageError("--provider is required") }
    let bases = options.values(of: "--base-url")
    guard bases.count == 1, let text = bases.first else { throw UsageError("give --base-url exactly once") }
    guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
      scheme == "http" || scheme == "https",
      url.host != nil
    else { throw UsageError("--base-url must be an http(s) URL, not '\(text)'") }
    var settings: [String: String] = [:]
    for pair in options.values(of: "--set") {
      guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
        throw UsageError("--set takes key=value, not '\(pair)'")
      }
      settings[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
    }
    var headers: [String: String] = [:]
    for line in options.values(of: "--header") {
      guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
        throw UsageError("--header takes 'Name: value', not '\(line)'")
      }
      let name = line[..<colon].trimmingCharacters(in: .whitespaces)
      let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      guard !name.isEmpty,
        !(name + value).unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
      else { throw UsageError("--header '\(line)' is not a valid header") }
      headers[name] = value
    }
    return ProviderEndpoint(provider: provider, baseURL: url, settings: settings, headers: headers)
  }
}

/// The progress line on a terminal's stderr, rewritten in place after every page.
final class ProgressLine: Sendable {
  private let sink: FileDescriptorSink

  /// Nil unless `sink` is a terminal.
  init?(sink: OutputSink) {
    let base = (sink as? DiagnosticSink)?.base ?? sink
    guard let terminal = base as? FileDescriptorSink, terminal.isTerminal else { return nil }
    self.sink = terminal
  }

  func show(_ progress: FetchProgress) {
    sink.write(
      "\r\u{1B}[K\(progress.pages) page\(progress.pages == 1 ? "" : "s"), "
        + "\(progress.invoicesScanned) invoices scanned, \(progress.matches) matches")
  }

  func clear() { sink.write("\r\u{1B}[K") }
}
