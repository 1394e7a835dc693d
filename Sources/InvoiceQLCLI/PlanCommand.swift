/// `invoiceql plan` (being built: see the planner issue).
public enum PlanCommand: Subcommand {
  public static let name = "plan"
  public static let usage = "plan --provider P [--now T] [--tz Z] [--set k=v]... QUERY"
  public static func run(_ context: CommandContext) async -> ExitStatus {
    context.stderr.write("error: 'plan' is not built yet\n")
    return .usage
  }
}
