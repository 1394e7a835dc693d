import InvoiceQL

/// `invoiceql plan --provider P [--now T] [--tz Z] [--set k=v]… QUERY`: prints the command-line reference's plan JSON.
///
/// Exit status: 0 with the plan; 1 when the query does not parse or bind (diagnostics on stderr);
/// 2 for usage errors, including a provider setting the request needs but `--set` did not give.
package enum PlanCommand: Subcommand {
  package static let name = "plan"
  package static let usage = "plan --provider P [--now T] [--tz Z] [--set k=v]... QUERY"

  package static func run(_ context: CommandContext) async -> ExitStatus {
    let options: BindingOptions
    let settings: [String: String]
    do {
      options = try BindingOptions.parse(context.arguments, valueOptions: ["--set"])
      settings = try parseSettings(options.values(of: "--set"))
    } catch {
      context.stderr.write("error: \(error.message)\nusage: invoiceql \(usage)\n")
      return .usage
    }
    guard let provider = options.provider else {
      context.stderr.write("error: missing --provider\nusage: invoiceql \(usage)\n")
      return .usage
    }
    let text = options.rest.joined(separator: " ")
    guard let bound = bindQuery(text, options, reportingTo: context.stderr) else { return .failure }
    do {
      let plan = try provider.plan(bound.bound, settings: settings)
      context.stdout.write(plan.json() + "\n")
      return .success
    } catch {
      context.stderr.write("error: \(error.message)\n")
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
