/// Every `:command` of the REPL: one list per area, each in its own file under `Repl/`.
///
/// To add commands, fill your area's list; to add an area, add its list here (one line).
package enum ReplCommandTable {
  package static let all: [ReplCommandSpec] = syntaxCommands + semanticCommands + planningCommands

  /// The handler for query lines: the binder's when the semantics area provides one, else the
  /// syntax area's (print the canonical form).
  package static let queryHandler: ReplQueryHandler = semanticQueryHandler ?? printCanonicalForm
}
