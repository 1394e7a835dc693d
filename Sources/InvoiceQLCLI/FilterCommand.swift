/// `invoiceql filter` (being built: see the streaming issue).
public enum FilterCommand: Subcommand {
  public static let name = "filter"
  public static let usage = "filter --provider P [--now T] [--tz Z] [--ids] QUERY [FILE]"
  public static func run(_ context: CommandContext) async -> ExitStatus {
    context.stderr.write("error: 'filter' is not built yet\n")
    return .usage
  }
}
