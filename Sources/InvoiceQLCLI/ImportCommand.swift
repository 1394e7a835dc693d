import InvoiceQL

/// `invoiceql import --provider P NATIVE`: a native filter (query string, RQL expression or JSON
/// body) back to a query, printed in canonical form; warnings go to stderr.
package enum ImportCommand: Subcommand {
  package static let name = "import"
  package static let usage = "import --provider P NATIVE"

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
      case "--help", "-h":
        let forms = Provider.all.map { "  \($0.name): \($0.importer.form)\n" }
        context.stdout.write("usage: invoiceql \(usage)\n\nNATIVE is, per provider:\n" + forms.joined())
        return .success
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
    for d in result.diagnostics { context.stderr.write(d.render(source: native) + "\n") }
    guard let query = result.query else { return .failure }
    context.stdout.write(Formatter.format(query) + "\n")
    return .success
  }

  private static func usageError(_ context: CommandContext, _ message: String) -> ExitStatus {
    context.stderr.write("error: \(message)\nusage: invoiceql \(usage)\n")
    return .usage
  }
}
