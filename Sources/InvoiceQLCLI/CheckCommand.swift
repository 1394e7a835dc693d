import InvoiceQL

/// `invoiceql check [--provider P] [--now T] [--tz Z] QUERY`: reports every problem of a query —
/// syntax errors, and with `--provider` also binding errors against that provider's catalog (unknown
/// fields and values, type errors) — rendered like a compiler's on stderr with exit 1, and prints
/// nothing when the query is well formed.
package enum CheckCommand: Subcommand {
  package static let name = "check"
  package static let usage = "check [--provider P] [--now T] [--tz Z] QUERY"

  package static let help = CommandHelp(
    overview: "Type-check a query; print nothing when it is well formed.",
    discussion: """
      Without --provider only the syntax is checked. With it, the query is also bound to the
      provider's fields: unknown fields and values, operators a type does not take, type errors.
      Every problem is reported like a compiler's, with a caret and a suggestion; exit status 1.
      """,
    arguments: [("QUERY", "The query to check.")],
    options: [CommandHelp.providerOption, CommandHelp.nowOption, CommandHelp.tzOption],
    examples: [
      ("invoiceql check 'status = open and dueDate < 2025-05-01'", "Syntax only: prints nothing."),
      (
        "invoiceql check --provider \(HelpExample.simple.name) 'totl > 100'",
        "An unknown field, with a suggestion: did you mean 'total'?"
      ),
    ])
  package static func run(_ context: CommandContext) async -> ExitStatus {
    let options: BindingOptions
    do {
      options = try BindingOptions.parse(context.arguments, requireProvider: false)
    } catch {
      return QueryArguments.usageFailure(error, usage: usage, context)
    }
    let text = options.rest.joined(separator: " ")
    if options.catalog != nil {
      return bindQuery(text, options, reportingTo: DiagnosticSink(context.stderr)) == nil
        ? .failure : .success
    }
    do {
      _ = try Parser.parse(text)
      return .success
    } catch {
      DiagnosticSink(context.stderr).write(error.description + "\n")
      return .failure
    }
  }
}
