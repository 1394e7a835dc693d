import InvoiceQL

/// `invoiceql fmt QUERY`: prints the canonical form of a query.
///
/// Several arguments are joined with single spaces, so an unquoted `invoiceql fmt a = 1` works too.
package enum FmtCommand: Subcommand {
  package static let name = "fmt"
  package static let usage = "fmt QUERY"
  package static func run(_ context: CommandContext) async -> ExitStatus {
    let words: [String]
    do {
      words = try QueryArguments.words(context.arguments, options: [])
    } catch {
      return QueryArguments.usageFailure(error, usage: usage, context)
    }
    do {
      let query = try Parser.parse(words.joined(separator: " "))
      context.stdout.write(InvoiceQL.Formatter.format(query) + "\n")
      return .success
    } catch {
      context.stderr.write(error.description + "\n")
      return .failure
    }
  }
}

/// The argument conventions shared by the commands that take a query: `--name value` options
/// before or after the query words, `--` ending the options.
enum QueryArguments {
  /// The non-option words; options must be in `options` (each takes one value), else a usage error.
  static func words(_ arguments: [String], options: Set<String>) throws(UsageError) -> [String] {
    try split(arguments, options: options).words
  }

  /// The words and the options' values, in order.
  static func split(_ arguments: [String], options: Set<String>) throws(UsageError) -> (
    words: [String], values: [(name: String, value: String)]
  ) {
    var words: [String] = []
    var values: [(String, String)] = []
    var i = 0
    var optionsEnded = false
    while i < arguments.count {
      let argument = arguments[i]
      i += 1
      if optionsEnded || !argument.hasPrefix("--") {
        words.append(argument)
      } else if argument == "--" {
        optionsEnded = true
      } else if let eq = argument.firstIndex(of: "="), options.contains(String(argument[..<eq])) {
        values.append((String(argument[..<eq]), String(argument[argument.index(after: eq)...])))
      } else if options.contains(argument) {
        guard i < arguments.count else { throw UsageError("option '\(argument)' needs a value") }
        values.append((argument, arguments[i]))
        i += 1
      } else {
        throw UsageError("unknown option '\(argument)'")
      }
    }
    guard !words.isEmpty else { throw UsageError("missing QUERY") }
    return (words, values)
  }

  static func usageFailure(_ error: UsageError, usage: String, _ context: CommandContext) -> ExitStatus {
    context.stderr.write("error: \(error.message)\nusage: invoiceql \(usage)\n")
    return .usage
  }
}
