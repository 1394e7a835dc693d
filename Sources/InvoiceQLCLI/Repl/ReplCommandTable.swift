/// Every `:command` of the REPL: one list per area, each in its own file under `Repl/`.
///
/// To add commands, fill your area's list; to add an area, add its list here (one line).
package enum ReplCommandTable {
  package static let all: [ReplCommandSpec] =
    syntaxCommands + semanticCommands + planningCommands + runningCommands

  /// The handler for query lines: with a provider, run the query over the session's source
  /// (`runningQueryHandler`); without one, print its canonical form.
  package static let queryHandler: ReplQueryHandler = runningQueryHandler
}
