/// Exit statuses of the command-line reference.
package enum ExitStatus: Int32, Sendable {
  /// Success, also with zero matches.
  case success = 0
  /// A query or input error; the diagnostic went to stderr.
  case failure = 1
  /// A usage error: unknown command, missing or bad option.
  case usage = 2
}

/// What a command runs with: its arguments and its three streams.
package struct CommandContext: Sendable {
  /// The arguments after the command name.
  package var arguments: [String]
  package var stdin: InputSource
  package var stdout: OutputSink
  package var stderr: OutputSink

  package init(arguments: [String], stdin: InputSource, stdout: OutputSink, stderr: OutputSink) {
    self.arguments = arguments
    self.stdin = stdin
    self.stdout = stdout
    self.stderr = stderr
  }
}

/// A subcommand of `invoiceql`.
package protocol Subcommand: Sendable {
  /// The word that selects it: `fmt`, `check`, …
  static var name: String { get }
  /// One usage line, shown by `invoiceql help` and on usage errors.
  static var usage: String { get }
  /// The long help (`invoiceql COMMAND --help`, `invoiceql help COMMAND`).
  static var help: CommandHelp { get }
  static func run(_ context: CommandContext) async -> ExitStatus
}

/// A usage error: the message is printed with the command's usage line, exit status 2.
package struct UsageError: Error, Sendable, CustomStringConvertible {
  package var message: String
  package init(_ message: String) { self.message = message }
  package var description: String { message }

  /// "unknown option", listing the ones the command takes.
  static func unknownOption(_ option: String, valid: [String]) -> UsageError {
    UsageError(
      "unknown option '\(option)'\n = help: valid options: " + (valid + ["-h/--help"]).joined(separator: ", ")
    )
  }
}

/// The `invoiceql` command line: dispatches to a subcommand (the REPL when there is none).
package enum CommandLineTool {
  /// Every subcommand, in the order `help` lists them.
  package static let subcommands: [any Subcommand.Type] = [
    ReplCommand.self,
    FmtCommand.self,
    CheckCommand.self,
    PlanCommand.self,
    FilterCommand.self,
    RunCommand.self,
    RewriteCommand.self,
    ImportCommand.self,
    SampleCommand.self,
    DemoCommand.self,
  ]

  /// The version `invoiceql --version` prints.
  package static let version = "0.3.0"

  /// Runs `invoiceql ARGS…` and returns its exit status.
  ///
  /// `-h`/`--help` anywhere before a `--` prints the command's help instead of running it, so
  /// every command answers it the same way; `help COMMAND` prints the same text.
  package static func main(
    arguments: [String], stdin: InputSource, stdout: OutputSink, stderr: OutputSink
  ) async -> ExitStatus {
    guard let first = arguments.first else {
      return await ReplCommand.run(
        CommandContext(arguments: [], stdin: stdin, stdout: stdout, stderr: stderr))
    }
    switch first {
    case "--version", "-V", "version":
      stdout.write("invoiceql \(version)\n")
      return .success
    case "help", "--help", "-h":
      guard arguments.count > 1 else {
        stdout.write(helpText)
        return .success
      }
      guard arguments.count == 2, let command = subcommand(named: arguments[1]) else {
        stderr.write(
          "error: no command '\(arguments.dropFirst().joined(separator: " "))'\n"
            + " = help: the commands are \(subcommands.map { $0.name }.joined(separator: ", "))\n")
        return .usage
      }
      stdout.write(command.help.render(usage: command.usage))
      return .success
    default: break
    }
    guard let command = subcommand(named: first) else {
      var message = "error: unknown command '\(first)'\n"
      if first.hasPrefix("-") {
        message += " = help: options go after the command; valid here: --version, --help\n"
      } else if let close = subcommands.map({ $0.name }).first(where: { editDistance($0, first) <= 2 }) {
        message += " = help: did you mean '\(close)'?\n"
      }
      stderr.write(message + "\n" + helpText)
      return .usage
    }
    let rest = Array(arguments.dropFirst())
    if rest.prefix(while: { $0 != "--" }).contains(where: { $0 == "-h" || $0 == "--help" }) {
      stdout.write(command.help.render(usage: command.usage))
      return .success
    }
    let context = CommandContext(arguments: rest, stdin: stdin, stdout: stdout, stderr: stderr)
    return await command.run(context)
  }

  static func subcommand(named name: String) -> (any Subcommand.Type)? {
    subcommands.first { $0.name == name }
  }

  /// The main help: every command with its overview, and where to read more.
  package static var helpText: String {
    let width = (subcommands.map { $0.name.count }.max() ?? 0) + 2
    var out = "OVERVIEW: InvoiceQL — one query language for invoices across billing APIs.\n\n"
    out += "USAGE: invoiceql [COMMAND] [OPTIONS]   (no command: the interactive REPL)\n\n"
    out += "COMMANDS:\n"
    for command in subcommands {
      out += "  " + command.name + String(repeating: " ", count: width - command.name.count)
      out += command.help.overview + "\n"
    }
    let provider = HelpExample.simple.name
    out += """

      OPTIONS:
        -h, --help    Show this help (after a command: that command's help).
        --version     Print the version.

      EXAMPLES:
        invoiceql demo
            Every provider's sample query planned and run over its bundled sample.
        invoiceql sample --provider \(provider) > page.json
        invoiceql filter --provider \(provider) 'total > 100' page.json
            Save a sample response body, then filter it.
        invoiceql
            The REPL: :provider \(provider), then type a query.

      See 'invoiceql help COMMAND' (or 'invoiceql COMMAND --help') for a command's options.

      """
    return out
  }

  /// Levenshtein distance, for "did you mean" on a misspelt command.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var row = Array(0...b.count)
    for i in 1...max(1, a.count) where !a.isEmpty {
      var previous = row[0]
      row[0] = i
      for j in 1...max(1, b.count) where !b.isEmpty {
        let saved = row[j]
        row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
        previous = saved
      }
    }
    return a.isEmpty ? b.count : row[b.count]
  }
}
