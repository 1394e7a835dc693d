/// `invoiceql demo` (being built: see the demo issue).
public enum DemoCommand: Subcommand {
  public static let name = "demo"
  public static let usage = "demo"
  public static func run(_ context: CommandContext) async -> ExitStatus {
    context.stderr.write("error: 'demo' is not built yet\n")
    return .usage
  }
}
