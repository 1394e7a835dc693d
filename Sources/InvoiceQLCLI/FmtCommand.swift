/// `invoiceql fmt` (being built: see the language core issue).
public enum FmtCommand: Subcommand {
  public static let name = "fmt"
  public static let usage = "fmt"
  public static func run(_ context: CommandContext) async -> ExitStatus {
    context.stderr.write("error: 'fmt' is not built yet\n")
    return .usage
  }
}
