import InvoiceQL

/// `invoiceql check [--provider P] QUERY`: reports every syntax error of a query (rendered like a
/// compiler's, on stderr, exit 1) and prints nothing when it is well formed.
///
/// `--provider` is accepted now so scripts can pass it; type-checking against the provider's
/// catalog is the binder's part of this command.
public enum CheckCommand: Subcommand {
  public static let name = "check"
  public static let usage = "check [--provider P] QUERY"
  public static func run(_ context: CommandContext) async -> ExitStatus {
    let words: [String]
    do {
      words = try QueryArguments.words(context.arguments, options: ["--provider", "--now", "--tz"])
    } catch {
      return QueryArguments.usageFailure(error, usage: usage, context)
    }
    do {
      _ = try Parser.parse(words.joined(separator: " "))
      return .success
    } catch {
      context.stderr.write(error.description + "\n")
      return .failure
    }
  }
}
