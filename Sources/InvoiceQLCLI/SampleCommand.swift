import InvoiceQL

/// `invoiceql sample --provider P`: prints the provider's bundled sample response body (one page of
/// made-up invoices, envelope included), so `filter` can be tried on a file.
package enum SampleCommand: Subcommand {
  package static let name = "sample"
  package static let usage = "sample --provider P"

  package static let help = CommandHelp(
    overview: "Print a provider's bundled sample response body.",
    discussion: """
      One page of made-up invoices exactly as the provider's API sends it (envelope included): save
      it and try `filter` on it. `demo` runs each provider's sample query over the same page.
      """,
    options: [CommandHelp.providerOption],
    examples: [
      ("invoiceql sample --provider \(HelpExample.simple.name) > page.json", "Save the sample page."),
      (
        "invoiceql sample --provider \(HelpExample.simple.name) | invoiceql filter --provider \(HelpExample.simple.name) --format table 'total > 100'",
        "The sample's invoices over 100 as a table."
      ),
    ])

  package static func run(_ context: CommandContext) async -> ExitStatus {
    var provider: Provider?
    var arguments = context.arguments[...]
    while let argument = arguments.popFirst() {
      let value: String?
      if argument == "--provider" {
        value = arguments.popFirst()
      } else if argument.hasPrefix("--provider=") {
        value = String(argument.dropFirst("--provider=".count))
      } else if argument.hasPrefix("-") {
        return failure(UsageError.unknownOption(argument, valid: ["--provider"]).message, context)
      } else {
        return failure("unexpected argument '\(argument)'", context)
      }
      guard let value, let named = Provider.named(value) ?? Provider.named(value.lowercased()) else {
        return failure("--provider takes one of \(Provider.names.joined(separator: ", "))", context)
      }
      provider = named
    }
    guard let provider else {
      return failure("missing --provider (one of \(Provider.names.joined(separator: ", ")))", context)
    }
    let body = provider.sample.body
    context.stdout.write(body.hasSuffix("\n") ? body : body + "\n")
    return .success
  }

  private static func failure(_ message: String, _ context: CommandContext) -> ExitStatus {
    QueryArguments.usageFailure(UsageError(message), usage: usage, context)
  }
}
