import Foundation
import InvoiceQL

/// `invoiceql repl` (also `invoiceql` with no arguments): reads one query or `:command` per line.
///
/// On a terminal it shows a banner and a prompt, edits lines with libedit when the system has it
/// (completion from the grammar and the provider's fields, history kept across sessions), colours
/// diagnostics, plans and tables, and takes Ctrl-C to cancel the line or the running query (Ctrl-D
/// leaves). With stdin not a terminal it reads lines until EOF without any prompt noise. A bad line
/// prints its diagnostic on stderr and the session goes on. Exit status: 0, or 1 when stdin is not
/// a terminal and some line failed (so scripts notice).
package enum ReplCommand: Subcommand {
  package static let name = "repl"
  package static let usage = "repl"
  package static let prompt = "iql> "

  package static var help: CommandHelp {
    var seen: Set<String> = []
    var commands: [(name: String, description: String)] = []
    for command in ReplCommandTable.all.reversed() where seen.insert(command.name).inserted {
      commands.append(
        (":" + command.name + (command.arguments.isEmpty ? "" : " " + command.arguments), command.summary))
    }
    return CommandHelp(
      overview: "The interactive REPL: type queries and see their plan and matches.",
      discussion: """
        Set a provider with :provider NAME, then type a query: one line says what is pushed to the
        server and what the client checks, then the matches print as a table — from the provider's
        bundled sample page, a file (:load FILE) or a live API (:connect URL). Tab completes
        commands, providers, fields, operators and values; history is kept in
        $XDG_STATE_HOME/invoiceql/history (default ~/.local/state). Ctrl-C cancels the line or the
        running query; Ctrl-D or :quit leaves. With stdin not a terminal, one line at a time.
        """,
      arguments: commands.reversed(),
      examples: [
        ("invoiceql", "Then: :provider \(HelpExample.simple.name), and: total > 100 sort by total desc"),
        (
          "invoiceql repl < session.txt",
          "One command or query per line from a file: no prompt, exit 1 if a line failed."
        ),
      ])
  }

  package static func run(_ context: CommandContext) async -> ExitStatus {
    guard context.arguments.isEmpty else {
      context.stderr.write("error: 'repl' takes no arguments\nusage: invoiceql \(usage)\n")
      return .usage
    }
    var session = ReplSession(output: context.stdout, errors: DiagnosticSink(context.stderr))
    session.style = TerminalStyle.for(context.stdout)
    let interactive = context.stdin.isTerminal
    if interactive {
      ReplInterrupt.install()
      context.stdout.write(
        "InvoiceQL \(CommandLineTool.version) — :provider NAME, then type a query. "
          + ":help lists the commands, Tab completes, Ctrl-D leaves.\n")
    }
    // The loop reads and runs one line at a time, blocking (a :connect query waits for its fetch),
    // so it runs on its own thread and never holds one of the concurrency pool's few threads.
    let start = session
    let failed = await withCheckedContinuation { (done: CheckedContinuation<Bool, Never>) in
      let thread = Thread {
        var session = start
        done.resume(returning: runLoop(&session, reader: makeReader(context, interactive: interactive)))
      }
      thread.stackSize = 8 << 20
      thread.start()
    }
    return failed && !interactive ? .failure : .success
  }

  /// libedit's reader on a terminal when the system has it, else plain lines.
  static func makeReader(_ context: CommandContext, interactive: Bool) -> ReplLineReader {
    if interactive, let source = context.stdin as? FileDescriptorSource, source.fd == 0,
      let editLine = EditLineReader.load(
        completer: ReplCompleter(), historyFile: ReplHistory.defaultPath(), output: context.stdout)
    {
      return editLine
    }
    return PlainLineReader(input: context.stdin, output: context.stdout, showsPrompt: interactive)
  }

  /// Reads and handles lines until EOF or `:quit`; true when some line failed.
  package static func runLoop(_ session: inout ReplSession, reader: ReplLineReader) -> Bool {
    var failed = false
    while !session.isFinished {
      reader.prepare(for: session)
      guard let line = reader.readLine(prompt: prompt) else { break }
      if session.handle(line: line) == .failure { failed = true }
    }
    return failed
  }
}
