/// Every `:command` of the REPL: one list per area, each in its own file under `Repl/`.
///
/// To add commands, fill your area's list; to add an area, add its list here (one line).
public enum ReplCommandTable {
  public static let all: [ReplCommandSpec] =
    syntaxCommands + semanticCommands + planningCommands + runningCommands

  /// The handler for query lines: with a provider, run the query over the session's source
  /// (`runningQueryHandler`); without one, print its canonical form.
  public static let queryHandler: ReplQueryHandler = runningQueryHandler
}
