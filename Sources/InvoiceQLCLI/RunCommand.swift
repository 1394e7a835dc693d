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
/// e.g. `--header 'Authorization: Bearer …'`.
package enum RunCommand: Subcommand {
  package static let name = "run"
  package static let usage =
    "run --provider P --base-url URL [--now T] [--tz Z] [--set k=v]... [--header 'Name: value']... QUERY"

  package static func run(_ context: CommandContext) async -> ExitStatus {
    let options: BindingOptions
    let endpoint: ProviderEndpoint
    do {
      options = try BindingOptions.parse(
        context.arguments, valueOptions: ["--base-url", "--set", "--header"])
      endpoint = try Self.endpoint(options)
    } catch {
      return QueryArguments.usageFailure(error, usage: usage, context)
    }
    guard let bound = bindQuery(options.rest.joined(separator: " "), options, reportingTo: context.stderr)
    else {
      return .failure
    }
    let plan: Plan
    do {
      plan = try endpoint.provider.plan(bound.bound, settings: endpoint.settings)
    } catch {
      context.stderr.write("error: \(error)\n")
      return .failure
    }
    for warning in plan.warnings { context.stderr.write("warning: \(warning)\n") }
    let progress = ProgressLine(sink: context.stderr)
    let client = InvoiceClient()
    do {
      for try await match in client.invoices(
        for: plan, from: endpoint, onProgress: progress.map { p in p.show })
      {
        context.stdout.write(match.json + "\n")
      }
    } catch {
      progress?.clear()
      context.stderr.write("error: \(error)\n")
      return .failure
    }
    progress?.clear()
    return .success
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
    guard let terminal = sink as? FileDescriptorSink, terminal.isTerminal else { return nil }
    self.sink = terminal
  }

  func show(_ progress: FetchProgress) {
    sink.write(
      "\r\u{1B}[K\(progress.pages) page\(progress.pages == 1 ? "" : "s"), "
        + "\(progress.invoicesScanned) invoices scanned, \(progress.matches) matches")
  }

  func clear() { sink.write("\r\u{1B}[K") }
}
