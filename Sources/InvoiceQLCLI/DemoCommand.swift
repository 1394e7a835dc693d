import InvoiceQL

/// `invoiceql demo [--provider P] [QUERY]`: the whole pipeline on the bundled sample pages.
///
/// For each provider (or the one named), a query is parsed, bound to the provider's catalog, planned
/// into its native request, and the provider's bundled sample page is streamed through the filter. The
/// sample page stands in for an unfiltered server answer, so the whole query is evaluated on the
/// client: the matches printed are exact whatever the server would have applied. The clock is fixed so
/// the output is the same on every machine.
package enum DemoCommand: Subcommand {
  package static let name = "demo"
  package static let usage = "demo [--provider P] [QUERY]"

  /// The instant relative dates resolve against in the demo.
  static let demoNow = "2025-05-15T12:00:00Z"

  /// Each provider's bundled sample query, in its own or the canonical vocabulary.
  static var examples: [(provider: Provider, query: String)] {
    Provider.all.map { ($0, $0.sample.query) }
  }

  package static func run(_ context: CommandContext) async -> ExitStatus {
    var provider: Provider?
    var queries: [String] = []
    var arguments = context.arguments[...]
    while let argument = arguments.popFirst() {
      if argument == "--provider" || argument.hasPrefix("--provider=") {
        let value = argument == "--provider" ? arguments.popFirst() : String(argument.dropFirst(11))
        guard let value, let named = Provider.named(value) else {
          context.stderr.write(
            "error: --provider takes one of \(Provider.names.joined(separator: ", "))\n"
              + "usage: invoiceql \(usage)\n")
          return .usage
        }
        provider = named
      } else if argument.hasPrefix("--") {
        context.stderr.write("error: unknown option '\(argument)'\nusage: invoiceql \(usage)\n")
        return .usage
      } else {
        queries.append(argument)
      }
    }
    guard queries.count <= 1 else {
      context.stderr.write("error: give at most one query (quote it)\nusage: invoiceql \(usage)\n")
      return .usage
    }
    var runs = examples
    if let provider { runs = runs.filter { $0.provider == provider } }
    if let query = queries.first { runs = runs.map { ($0.provider, query) } }
    // The fixed demo clock always parses.
    let now = Instant(seconds: 1_747_310_400, fraction: "")
    context.stdout.write(
      "InvoiceQL demo: each query planned for its provider's API, then run over the bundled sample\n"
        + "page (clock \(demoNow), UTC).\n")
    var status = ExitStatus.success
    for run in runs {
      let providerOptions = BindingOptions(provider: run.provider, context: .utc(now: now))
      if !demo(run.provider, run.query, providerOptions, context) { status = .failure }
    }
    return status
  }

  /// Plans and filters one query; false when it failed (the error is on stderr).
  private static func demo(
    _ provider: Provider, _ text: String, _ options: BindingOptions, _ context: CommandContext
  ) -> Bool {
    let out = context.stdout
    out.write("\n\(provider): \(text)\n")
    guard let bound = bindQuery(text, options, reportingTo: context.stderr) else { return false }
    let plan: Plan
    do {
      plan = try provider.plan(
        bound.bound,
        settings: provider.exampleSettings)
    } catch {
      context.stderr.write("error: \(error.description)\n")
      return false
    }
    if plan.requests.isEmpty { out.write("  request   none: the query can never match\n") }
    for request in plan.requests {
      out.write("  request   \(request.method) \(request.url)\n")
      if let body = request.body { out.write("  body      \(body)\n") }
    }
    for fragment in plan.pushed {
      out.write("  pushed    \(fragment.predicate)  [\(fragment.exactness.rawValue)]\n")
    }
    out.write("  residual  \(plan.residualText ?? "none: the server's answer is exact")\n")
    let body = provider.sample.body
    var filter = provider.responseFilter(bound.bound.filter, alsoReading: bound.bound.sort.map(\.field.path))
    var matches: [InvoiceMatch] = []
    do {
      matches += try filter.feed(Array(body.utf8))
      _ = try filter.finish()
    } catch {
      context.stderr.write("error: the sample page of '\(provider)': \(error)\n")
      return false
    }
    let sorted = InvoiceSorter.sorted(matches, by: bound.bound.sort) { $0.projected }
    let kept = bound.bound.limit.map { Array(sorted.prefix($0)) } ?? sorted
    let ids = kept.map { $0.id ?? "?" }.joined(separator: ", ")
    out.write("  matches   \(kept.count) of \(filter.itemCount) invoices: \(ids.isEmpty ? "none" : ids)\n")
    return true
  }
}
