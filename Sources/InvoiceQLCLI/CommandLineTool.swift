/// Exit statuses of SPEC §4.
public enum ExitStatus: Int32, Sendable {
  /// Success, also with zero matches.
  case success = 0
  /// A query or input error; the diagnostic went to stderr.
  case failure = 1
  /// A usage error: unknown command, missing or bad option.
  case usage = 2
}

/// What a command runs with: its arguments and its three streams.
public struct CommandContext: Sendable {
  /// The arguments after the command name.
  public var arguments: [String]
  public var stdin: InputSource
  public var stdout: OutputSink
  public var stderr: OutputSink

  public init(arguments: [String], stdin: InputSource, stdout: OutputSink, stderr: OutputSink) {
    self.arguments = arguments
    self.stdin = stdin
    self.stdout = stdout
    self.stderr = stderr
  }
}

/// A subcommand of `invoiceql`.
public protocol Subcommand: Sendable {
  /// The word that selects it: `fmt`, `check`, …
  static var name: String { get }
  /// One usage line, shown by `invoiceql help` and on usage errors.
  static var usage: String { get }
  static func run(_ context: CommandContext) async -> ExitStatus
}

/// A usage error: the message is printed with the command's usage line, exit status 2.
public struct UsageError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// The `invoiceql` command line: dispatches to a subcommand (the REPL when there is none).
public enum CommandLineTool {
  /// Every subcommand, in the order `help` lists them.
  public static let subcommands: [any Subcommand.Type] = [
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
  public static func main(
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

  public static var helpText: String {
    "usage:\n" + subcommands.map { "  invoiceql \($0.usage)\n" }.joined()
  }
}
