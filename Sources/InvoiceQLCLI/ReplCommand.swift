import InvoiceQL

/// `invoiceql repl` (also `invoiceql` with no arguments): reads one query or `:command` per line.
///
/// On a terminal it shows a banner and a prompt and edits lines with libedit when the system has it;
/// with stdin not a terminal it reads lines until EOF without any prompt noise. A bad line prints
/// its diagnostic on stderr and the session goes on. Exit status: 0, or 1 when stdin is not a
/// terminal and some line failed (so scripts notice).
package enum ReplCommand: Subcommand {
  package static let name = "repl"
  package static let usage = "repl"
  package static let prompt = "iql> "

  package static func run(_ context: CommandContext) async -> ExitStatus {
    guard context.arguments.isEmpty else {
      context.stderr.write("error: 'repl' takes no arguments\nusage: invoiceql \(usage)\n")
      return .usage
    }
    var session = ReplSession(output: context.stdout, errors: context.stderr)
    let interactive = context.stdin.isTerminal
    let reader: ReplLineReader
    if interactive, let source = context.stdin as? FileDescriptorSource, source.fd == 0,
      let editLine = EditLineReader.load()
    {
      reader = editLine
    } else {
      reader = PlainLineReader(input: context.stdin, output: context.stdout, showsPrompt: interactive)
    }
    if interactive {
      context.stdout.write("InvoiceQL — type a query, :help for the commands, :quit to leave.\n")
    }
    let failed = runLoop(&session, reader: reader)
    return failed && !interactive ? .failure : .success
  }

  /// Reads and handles lines until EOF or `:quit`; true when some line failed.
  package static func runLoop(_ session: inout ReplSession, reader: ReplLineReader) -> Bool {
    var failed = false
    while !session.isFinished, let line = reader.readLine(prompt: prompt) {
      if session.handle(line: line) == .failure { failed = true }
    }
    return failed
  }
}
