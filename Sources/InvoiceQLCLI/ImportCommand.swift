import InvoiceQL

/// `invoiceql import --provider P NATIVE`: a native filter (query string, RQL expression or JSON
/// body) back to a query, printed in canonical form; warnings go to stderr.
package enum ImportCommand: Subcommand {
  package static let name = "import"
  package static let usage = "import --provider P NATIVE"

  package static var help: CommandHelp {
    CommandHelp(
      overview: "Turn a provider's native filter back into a query.",
      discussion: "NATIVE is, per provider:\n"
        + Provider.all.map { "  \($0.name): \($0.importer.form)" }.joined(separator: "\n")
        + "\n\nA native filter without a condition imports as the empty filter (every invoice).",
      arguments: [("NATIVE", "The native filter: a query string, an RQL expression or a JSON body.")],
      options: [CommandHelp.providerOption],
      examples: [
        (
          "invoiceql import --provider \(HelpExample.simple.name) \(HelpExample.native(HelpExample.simple))",
          "The query that native filter states, in canonical form."
        ),
        (
          "invoiceql import --provider \(HelpExample.other.name) \(HelpExample.native(HelpExample.other))",
          "The same for another provider's native form."
        ),
      ])
  }

  package static func run(_ context: CommandContext) async -> ExitStatus {
    var provider: String?
    var natives: [String] = []
    var i = 0
    let args = context.arguments
    while i < args.count {
      switch args[i] {
      case "--provider", "-p":
        i += 1
        guard i < args.count else { return usageError(context, "--provider needs a value") }
        provider = args[i]
      case let option where option.hasPrefix("--"):
        return usageError(context, UsageError.unknownOption(option, valid: ["--provider", "-p"]).message)
      default:
        natives.append(args[i])
      }
      i += 1
    }
    guard let provider else { return usageError(context, "missing --provider") }
    guard let named = Provider.named(provider) else {
      return usageError(
        context,
        "unknown provider '\(provider)' (expected one of \(Provider.names.joined(separator: ", ")))")
    }
    guard natives.count == 1, let native = natives.first else {
      return usageError(
        context, natives.isEmpty ? "missing NATIVE" : "expected one NATIVE, got \(natives.count)")
    }
    let result = named.importFilter(native)
    let errors = DiagnosticSink(context.stderr)
    for d in result.diagnostics { errors.write(d.render(source: native) + "\n") }
    guard let query = result.query else { return .failure }
    if query.filter.isEverything {
      // The empty filter prints as nothing (or as its clauses): say what that means.
      errors.write("note: the native filter has no condition: the query selects every invoice\n")
    }
    context.stdout.write(Formatter.format(query) + "\n")
    return .success
  }

  private static func usageError(_ context: CommandContext, _ message: String) -> ExitStatus {
    context.stderr.write("error: \(message)\nusage: invoiceql \(usage)\n")
    return .usage
  }
}
