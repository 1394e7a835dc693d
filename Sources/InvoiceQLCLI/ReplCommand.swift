/// `invoiceql repl` (being built: see the language core issue).
public enum ReplCommand: Subcommand {
  public static let name = "repl"
  public static let usage = "repl"
  public static func run(_ context: CommandContext) async -> ExitStatus {
    context.stderr.write("error: 'repl' is not built yet\n")
    return .usage
  }
}
