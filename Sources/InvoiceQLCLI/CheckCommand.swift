import InvoiceQL

/// `invoiceql check [--provider P] [--now T] [--tz Z] QUERY`: reports every problem of a query —
/// syntax errors, and with `--provider` also binding errors against that provider's catalog (unknown
/// fields and values, type errors) — rendered like a compiler's on stderr with exit 1, and prints
/// nothing when the query is well formed.
package enum CheckCommand: Subcommand {
  package static let name = "check"
  package static let usage = "check [--provider P] [--now T] [--tz Z] QUERY"
  package static func run(_ context: CommandContext) async -> ExitStatus {
    let options: BindingOptions
    do {
      options = try BindingOptions.parse(context.arguments, requireProvider: false)
    } catch {
      return QueryArguments.usageFailure(error, usage: usage, context)
    }
    let text = options.rest.joined(separator: " ")
    if options.catalog != nil {
      return bindQuery(text, options, reportingTo: context.stderr) == nil ? .failure : .success
    }
    do {
      _ = try Parser.parse(text)
      return .success
    } catch {
      context.stderr.write(error.description + "\n")
      return .failure
    }
  }
}
