import Foundation
import TestSupport
import Testing

/// The REPL as a person uses it, in a pseudo-terminal: Tab completion, history across sessions,
/// Ctrl-C, and a query printing its matches from the provider's sample.
@Suite(.serialized, .enabled(if: TerminalSession.available, "needs /usr/bin/script and the built binary"))
struct ReplTerminalTests {
  static let prompt = "iql> "

  @Test func tabCompletesACommandAFieldAndAValueAndTheQueryPrintsTheSamplesMatches() throws {
    let state = try ScratchDirectory()
    let terminal = try TerminalSession(stateHome: state.path)
    #expect(terminal.waitFor(Self.prompt))
    terminal.type(":prov\t elevate\r")
    #expect(terminal.waitFor("provider: elevate"), "\(terminal.screen)")
    #expect(terminal.waitFor(Self.prompt, count: 2))
    terminal.type("stat\t= UN\t\r")
    #expect(terminal.waitFor("matches\r\n"), "\(terminal.screen)")
    let screen = terminal.screen
    #expect(screen.contains("server: status = UNPAID [superset]  client: status = UNPAID"), "\(screen)")
    #expect(screen.contains("id   status\r\n"), "\(screen)")
    #expect(screen.contains("501  UNPAID\r\n505  UNPAID\r\n2 matches\r\n"), "\(screen)")
    #expect(terminal.finish() == 0)
  }

  @Test func tabAfterAnEnumComparisonListsTheFieldsValues() throws {
    let state = try ScratchDirectory()
    let terminal = try TerminalSession(stateHome: state.path)
    #expect(terminal.waitFor(Self.prompt))
    terminal.type(":provider elevate\r")
    #expect(terminal.waitFor(Self.prompt, count: 2))
    terminal.type("status = \t\t")
    #expect(terminal.waitFor("PARTIALLY_PAID"), "\(terminal.screen)")
    // The banner's example names WRITTEN_OFF too: look only at what follows the typed line.
    let listing = terminal.screen.components(separatedBy: Self.prompt + "status = ").dropFirst()
      .joined()
    #expect(listing.contains("WRITTEN_OFF") && listing.contains("writtenOff"), "\(terminal.screen)")
    terminal.type("\u{3}")
    #expect(terminal.waitFor("^C\r\n"), "\(terminal.screen)")
    #expect(terminal.waitFor("^C\r\n" + Self.prompt), "\(terminal.screen)")
    #expect(terminal.finish() == 0)
  }

  @Test func historyIsRecalledInASecondSession() throws {
    let state = try ScratchDirectory()
    let first = try TerminalSession(stateHome: state.path)
    #expect(first.waitFor(Self.prompt))
    first.type(":provider wethod\r")
    #expect(first.waitFor("provider: wethod"))
    #expect(first.waitFor(Self.prompt, count: 2))
    #expect(first.finish() == 0)

    let second = try TerminalSession(stateHome: state.path)
    #expect(second.waitFor(Self.prompt))
    second.type("\u{1B}[A\r")  // Up arrow, Enter.
    #expect(second.waitFor("provider: wethod"), "\(second.screen)")
    #expect(second.finish() == 0)
    let history = try String(contentsOfFile: state.path + "/invoiceql/history", encoding: .utf8)
    #expect(history.contains(":provider\\040wethod"))
  }

  @Test func ctrlCCancelsTheLineAndTheSessionGoesOn() throws {
    let state = try ScratchDirectory()
    let terminal = try TerminalSession(stateHome: state.path)
    #expect(terminal.waitFor(Self.prompt))
    terminal.type(":provider elevate\r")
    #expect(terminal.waitFor(Self.prompt, count: 2))
    terminal.type("status = open")
    // The echo after the prompt, not the banner's example (which reads "status = open" too): a
    // Ctrl-C typed before the line is read flushes it with the terminal's input queue.
    #expect(terminal.waitFor(Self.prompt + "status = open"), "\(terminal.screen)")
    terminal.type("\u{3}")
    #expect(terminal.waitFor("^C\r\n" + Self.prompt), "\(terminal.screen)")
    terminal.type(":show\r")
    #expect(terminal.waitFor("tz: UTC"), "\(terminal.screen)")
    // The cancelled query never ran, and the REPL is still there to leave with Ctrl-D.
    #expect(!terminal.screen.contains("matches"))
    #expect(terminal.finish() == 0)
  }

  @Test func ctrlCStopsAQueryRunningAgainstAnAPIAndTheSessionGoesOn() throws {
    // The first page's body trickles in for minutes: only Ctrl-C can end the query.
    let invoices: [[String: Any]] = (1...130).map { ["id": $0, "status": "paid", "value": $0] }
    let base = try FakeBillingServer.get().scenario([
      "provider": "wethod", "invoices": invoices,
      "faults": [["on": 1, "kind": "slow", "chunk": 8, "delay": 0.5]],
    ])
    let state = try ScratchDirectory()
    let terminal = try TerminalSession(stateHome: state.path)
    #expect(terminal.waitForPrompt())
    terminal.type(":provider wethod\r")
    #expect(terminal.waitForPrompt())
    terminal.type(":set company=acme\r")
    #expect(terminal.waitForPrompt())
    terminal.type(":connect \(base)\r")
    #expect(terminal.waitFor("source: \(base)"))
    #expect(terminal.waitForPrompt())
    terminal.type("status = paid\r")
    #expect(terminal.waitFor("client: status = paid"), "\(terminal.screen)")
    terminal.type("\u{3}")
    #expect(terminal.waitFor("interrupted: "), "\(terminal.screen)")
    #expect(terminal.waitForPrompt())
    terminal.type(":show\r")
    #expect(terminal.waitFor("set company=acme"), "\(terminal.screen)")
    let status = terminal.finish()
    #expect(status == 0, "\(terminal.screen)")
  }

  @Test func tablesAreColouredOnATerminalUnlessNoColorIsSet() throws {
    let state = try ScratchDirectory()
    for colour in [true, false] {
      let terminal = try TerminalSession(stateHome: state.path, colour: colour)
      #expect(terminal.waitFor(Self.prompt))
      terminal.type(":provider rhythm\r")
      #expect(terminal.waitForPrompt())
      terminal.type("status = open\r")
      #expect(terminal.waitFor("matches"), "\(terminal.screen)")
      #expect(terminal.screen.contains("\u{1B}[1mid\u{1B}[0m") == colour, "\(terminal.screen)")
      #expect(terminal.finish() == 0)
    }
  }
}
