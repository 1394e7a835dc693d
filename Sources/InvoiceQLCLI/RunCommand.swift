/// `invoiceql run` (being built: see the transport issue).
public enum RunCommand: Subcommand {
  public static let name = "run"
  public static let usage = "run --provider P --base-url URL [--now T] [--tz Z] [--set k=v]... QUERY"
  public static func run(_ context: CommandContext) async -> ExitStatus {
    context.stderr.write("error: 'run' is not built yet\n")
    return .usage
  }
}
