/// `invoiceql rewrite` (being built: see the saved searches issue).
public enum RewriteCommand: Subcommand {
  public static let name = "rewrite"
  public static let usage = "rewrite [--rules R] [--to P] [--in-place | -o OUT] FILE"
  public static func run(_ context: CommandContext) async -> ExitStatus {
    context.stderr.write("error: 'rewrite' is not built yet\n")
    return .usage
  }
}
