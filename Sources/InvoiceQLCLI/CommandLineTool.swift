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
  static func run(_ context: CommandContext) async -> ExitStatus
}

/// A usage error: the message is printed with the command's usage line, exit status 2.
package struct UsageError: Error, Sendable, CustomStringConvertible {
  package var message: String
  package init(_ message: String) { self.message = message }
  package var description: String { message }
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
    DemoCommand.self,
  ]

  /// Runs `invoiceql ARGS…` and returns its exit status.
  package static func main(
    arguments: [String], stdin: InputSource, stdout: OutputSink, stderr: OutputSink
  ) async -> ExitStatus {
    guard let first = arguments.first else {
      return await ReplCommand.run(
        CommandContext(arguments: [], stdin: stdin, stdout: stdout, stderr: stderr))
    }
    if first == "help" || first == "--help" || first == "-h" {
      stdout.write(helpText)
      return .success
    }
    guard let command = subcommands.first(where: { $0.name == first }) else {
      stderr.write("error: unknown command '\(first)'\n\n" + helpText)
      return .usage
    }
    let context = CommandContext(
      arguments: Array(arguments.dropFirst()), stdin: stdin, stdout: stdout, stderr: stderr)
    return await command.run(context)
  }

  package static var helpText: String {
    "usage:\n" + subcommands.map { "  invoiceql \($0.usage)\n" }.joined()
  }
}
