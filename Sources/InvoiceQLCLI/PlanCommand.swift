import InvoiceQL

/// `invoiceql plan --provider P [--now T] [--tz Z] [--set k=v]… [--fields F] QUERY`: prints the command-line reference's
/// plan JSON (with `--fields`, the plan of a run whose matches hold just those fields).
///
/// Exit status: 0 with the plan; 1 when the query does not parse or bind (diagnostics on stderr);
/// 2 for usage errors, including a provider setting the request needs but `--set` did not give.
package enum PlanCommand: Subcommand {
  package static let name = "plan"
  package static let usage = "plan --provider P [--now T] [--tz Z] [--set k=v]... [--fields F] QUERY"

  package static let help = CommandHelp(
    overview: "Print the plan of a query for a provider as JSON: requests, what is pushed, the residual.",
    discussion: """
      The plan holds the native requests, each pushed condition with whether the server applies it
      exactly or as a superset, and the residual the client re-checks (the plans article, §4). A provider's
      required settings must be given with --set; all missing ones are reported at once.
      """,
    arguments: [("QUERY", "The query to plan.")],
    options: [
      CommandHelp.providerOption, CommandHelp.nowOption, CommandHelp.tzOption, CommandHelp.setOption,
      ("--fields F", "Plan a run whose matches hold just these fields: a,b.c (canonical or native)."),
    ],
    examples: [
      (
        "invoiceql plan --provider \(HelpExample.simple.name) 'total > 100 and dueDate < 2025-05-01'",
        "The native request, what is pushed, and the residual."
      ),
      (
        "invoiceql plan --provider \(HelpExample.withSettings.name) \(HelpExample.settings(HelpExample.withSettings)) 'total > 100'",
        "A provider that needs settings."
      ),
    ])

  package static func run(_ context: CommandContext) async -> ExitStatus {
    let options: BindingOptions
    let settings: [String: String]
    do {
      options = try BindingOptions.parse(context.arguments, valueOptions: ["--set", "--fields"])
      settings = try parseSettings(options.values(of: "--set"))
    } catch {
      return QueryArguments.usageFailure(error, usage: usage, context)
    }
    guard let provider = options.provider else {
      context.stderr.write("error: missing --provider\nusage: invoiceql \(usage)\n")
      return .usage
    }
    let text = options.rest.joined(separator: " ")
    guard let bound = bindQuery(text, options, reportingTo: DiagnosticSink(context.stderr)),
      let fields = fieldSelection(options, reportingTo: context.stderr)
    else { return .failure }
    do {
      let plan = try provider.plan(bound.bound, settings: settings, fields: fields.selection)
      context.stdout.write(QueryPlan(plan, timeZone: options.context.timeZone).json + "\n")
      return .success
    } catch {
      DiagnosticSink(context.stderr).write("error: \(error.message)\n")
      return .usage
    }
  }

  /// `k=v` pairs; a later one wins. `k=` is an empty value (a missing setting).
  static func parseSettings(_ pairs: [String]) throws(UsageError) -> [String: String] {
    var out: [String: String] = [:]
    for pair in pairs {
      guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
        throw UsageError("--set takes KEY=VALUE, got '\(pair)'")
      }
      out[String(pair[..<eq])] = String(pair[pair.index(after: eq)...])
    }
    return out
  }
}
