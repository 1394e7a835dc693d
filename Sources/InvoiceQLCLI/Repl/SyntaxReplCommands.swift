import InvoiceQL

extension ReplCommandTable {
  /// The language core's commands, and the session-state setters every area relies on.
  static let syntaxCommands: [ReplCommandSpec] = [
    ReplCommandSpec("help", aliases: ["h", "?"], summary: "list the commands") { session, _ in
      var seen: Set<String> = []
      var lines = ["Type a query to run it, or a command:"]
      for command in session.commands.reversed() where seen.insert(command.name).inserted {
        let head = ":" + command.name + (command.arguments.isEmpty ? "" : " " + command.arguments)
        lines.append("  " + head.padding(to: 22) + command.summary)
      }
      session.output.write(([lines[0]] + lines.dropFirst().reversed()).joined(separator: "\n") + "\n")
      return .success
    },
    ReplCommandSpec("quit", aliases: ["q", "exit"], summary: "leave the REPL") { session, _ in
      session.isFinished = true
      return .success
    },
    ReplCommandSpec("fmt", arguments: "QUERY", summary: "print the canonical form of a query") {
      session, text in
      guard let query = session.parseQuery(text) else { return .failure }
      session.output.write(Formatter.format(query) + "\n")
      return .success
    },
    ReplCommandSpec("ast", arguments: "QUERY", summary: "print the syntax tree with source ranges") {
      session, text in
      guard let query = session.parseQuery(text) else { return .failure }
      session.output.write(query.treeDump + "\n")
      return .success
    },
    ReplCommandSpec("tokens", arguments: "QUERY", summary: "print the tokens of a query") { session, text in
      session.output.write(Lexer.tokens(text).map(\.dumpLine).joined(separator: "\n") + "\n")
      return .success
    },
    ReplCommandSpec("provider", arguments: "[NAME]", summary: "set the provider (no name: clear it)") {
      session, text in
      session.provider = text.isEmpty ? nil : text
      return .success
    },
    ReplCommandSpec("now", arguments: "[INSTANT]", summary: "fix the clock (ISO 8601; none: real clock)") {
      session, text in
      session.now = text.isEmpty ? nil : text
      return .success
    },
    ReplCommandSpec("tz", arguments: "[ZONE]", summary: "set the time zone (IANA name; none: UTC)") {
      session, text in
      session.timeZone = text.isEmpty ? nil : text
      return .success
    },
    ReplCommandSpec("set", arguments: "KEY=VALUE", summary: "set a provider setting (KEY= removes it)") {
      session, text in
      guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
        session.errors.write("error: expected KEY=VALUE, like :set tenantId=acme\n")
        return .failure
      }
      let key = String(text[..<eq]).trimmingWhitespace()
      let value = String(text[text.index(after: eq)...]).trimmingWhitespace()
      session.settings[key] = value.isEmpty ? nil : value
      session.output.write(value.isEmpty ? "setting \(key) removed\n" : "set \(key)=\(value)\n")
      return .success
    },
    ReplCommandSpec("show", summary: "show the session's provider, clock, time zone and settings") {
      session, _ in
      var lines = [
        "provider: \(session.provider ?? "(none)")",
        "source: \(session.sourceDescription)",
        "now: \(session.now ?? "(real clock)")",
        "tz: \(session.timeZone ?? "UTC")",
      ]
      for key in session.settings.keys.sorted() { lines.append("set \(key)=\(session.settings[key] ?? "")") }
      session.output.write(lines.joined(separator: "\n") + "\n")
      return .success
    },
  ]

  /// The syntax area's query handler: print the query's canonical form, or its diagnostics.
  static let printCanonicalForm: ReplQueryHandler = { session, text in
    guard let query = session.parseQuery(text) else { return .failure }
    session.output.write(Formatter.format(query) + "\n")
    return .success
  }
}

extension String {
  fileprivate func padding(to width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
