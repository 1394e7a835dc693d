/// `invoiceql check` (being built: see the language core issue).
public enum CheckCommand: Subcommand {
  public static let name = "check"
  public static let usage = "check"
  public static func run(_ context: CommandContext) async -> ExitStatus {
    context.stderr.write("error: 'check' is not built yet\n")
    return .usage
  }
}
