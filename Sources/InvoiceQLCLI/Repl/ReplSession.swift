import InvoiceQL

/// Whether one REPL line worked; a failed line does not end the session.
package enum ReplResult: Sendable, Equatable {
  case success
  case failure
}

/// A `:command` of the REPL. Each area lists its own in a file under `Repl/` and registers the list
/// in `ReplCommandTable.all`.
package struct ReplCommandSpec: Sendable {
  /// The name without the colon: `help` for `:help`.
  package var name: String
  /// Other names (`q` for `quit`).
  package var aliases: [String]
  /// What follows the name, for `:help` (`QUERY`, `k=v`); empty when nothing does.
  package var arguments: String
  /// One line for `:help`.
  package var summary: String
  /// Runs the command with the text after its name (trimmed).
  package var run: @Sendable (inout ReplSession, String) -> ReplResult

  package init(
    _ name: String, aliases: [String] = [], arguments: String = "", summary: String,
    run: @escaping @Sendable (inout ReplSession, String) -> ReplResult
  ) {
    self.name = name
    self.aliases = aliases
    self.arguments = arguments
    self.summary = summary
    self.run = run
  }
}

/// What a query line (one not starting with `:`) does.
package typealias ReplQueryHandler = @Sendable (inout ReplSession, String) -> ReplResult

/// The state of one REPL session, and the dispatch of one line.
///
/// Other areas read and extend the state through their commands: the session's provider, clock
/// and time zone (as text, exactly as given; they are validated where they are used) and provider
/// settings. Output goes to `output`, diagnostics to `errors`, so the session runs in-process in tests.
package struct ReplSession: Sendable {
  /// The provider set with `:provider`, if any.
  package var provider: String?
  /// The clock as an ISO 8601 instant, as given with `:now`; nil means the real clock.
  package var now: String?
  /// The IANA time zone given with `:tz`; nil means UTC.
  package var timeZone: String?
  /// Provider settings given with `:set k=v` (`tenantId`, `company`, …).
  package var settings: [String: String] = [:]
  /// The `:commands` by name, after `ReplCommandTable.all`.
  package var commands: [ReplCommandSpec]
  /// What a query line does; by default `ReplCommandTable.queryHandler`.
  package var queryHandler: ReplQueryHandler
  /// Where results go.
  package var output: OutputSink
  /// Where diagnostics go.
  package var errors: OutputSink
  /// Set by `:quit`; the loop stops before reading another line.
  package var isFinished = false

  package init(
    output: OutputSink, errors: OutputSink, commands: [ReplCommandSpec] = ReplCommandTable.all,
    queryHandler: @escaping ReplQueryHandler = ReplCommandTable.queryHandler
  ) {
    self.output = output
    self.errors = errors
    self.commands = commands
    self.queryHandler = queryHandler
  }

  /// The command named `name` (or with it as an alias). When several areas register one name,
  /// the one registered last in the table wins, so a later area can refine an earlier command.
  package func command(named name: String) -> ReplCommandSpec? {
    commands.last { $0.name == name || $0.aliases.contains(name) }
  }

  /// Runs one input line: blank lines and `#` comments do nothing, `:name args` runs a command,
  /// anything else goes to the query handler.
  package mutating func handle(line: String) -> ReplResult {
    let text = line.trimmingWhitespace()
    if text.isEmpty || text.hasPrefix("#") { return .success }
    guard text.hasPrefix(":") else { return queryHandler(&self, text) }
    let body = text.dropFirst()
    let name = String(body.prefix { !$0.isWhitespace })
    let argument = String(body.dropFirst(name.count)).trimmingWhitespace()
    guard let command = command(named: name) else {
      errors.write("error: unknown command ':\(name)'\n = help: type :help for the list of commands\n")
      return .failure
    }
    return command.run(&self, argument)
  }

  /// Parses `text` as a query, printing its diagnostics to `errors` when it is not one.
  package func parseQuery(_ text: String) -> Query? {
    do {
      return try Parser.parse(text)
    } catch {
      errors.write(error.description + "\n")
      return nil
    }
  }
}

extension String {
  /// Without leading and trailing spaces, tabs and line breaks.
  func trimmingWhitespace() -> String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
      let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
    else { return "" }
    return String(scalars[first...last])
  }
}
