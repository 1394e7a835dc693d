/// `invoiceql import` (being built: see the saved searches issue).
public enum ImportCommand: Subcommand {
  public static let name = "import"
  public static let usage = "import --provider P NATIVE"
  public static func run(_ context: CommandContext) async -> ExitStatus {
    context.stderr.write("error: 'import' is not built yet\n")
    return .usage
  }
}
