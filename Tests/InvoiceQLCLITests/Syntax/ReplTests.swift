import Testing

@testable import InvoiceQLCLI

@Suite struct ReplTests {
  func repl(_ input: String, terminal: Bool = false, arguments: [String] = []) async -> (
    InvoiceQLCLI.ExitStatus, String, String
  ) {
    let out = StringSink()
    let err = StringSink()
    let status = await CommandLineTool.main(
      arguments: arguments, stdin: StringSource(input, isTerminal: terminal), stdout: out, stderr: err)
    return (status, out.text, err.text)
  }

  @Test func pipedQueriesPrintTheirCanonicalFormWithoutPromptNoise() async {
    let (status, out, err) = await repl("STATUS IN (open,paid)\n\n# a comment\n  a=1 LIMIT 2  \n")
    #expect(status == .success)
    #expect(out == "STATUS in (open, paid)\na = 1 limit 2\n")
    #expect(err.isEmpty)
  }

  @Test func aBadLinePrintsItsDiagnosticAndTheSessionGoesOn() async {
    let (status, out, err) = await repl("f = null\ng = 1\n", arguments: ["repl"])
    #expect(status == .failure)
    #expect(out == "g = 1\n")
    #expect(err.hasPrefix("error: 'null' is not a value"))
    #expect(err.contains(" |   ^~~~~~\n"))
  }

  @Test func quitStopsReadingAndLastLineWithoutNewlineCounts() async {
    let (status, out, _) = await repl("a = 1\n:quit\nb = 2\n")
    #expect(status == .success)
    #expect(out == "a = 1\n")
    let (_, out2, _) = await repl("c = 3")
    #expect(out2 == "c = 3\n")
  }

  @Test func astAndTokensCommands() async {
    let (_, out, _) = await repl(":ast a = 1 or not b is null\n:tokens x != 'y'\n")
    #expect(
      out == """
        query 0..<22
          or 0..<22
            comparison = 0..<5
              field a 0..<1
              number 1 4..<5
            not 9..<22
              is null 13..<22
                field b 13..<14
        word x 0..<1
        operator != 2..<4
        string "y" 5..<8
        end 8..<8

        """)
  }

  @Test func unknownCommandIsAnErrorAndHelpListsEveryCommand() async {
    let (status, out, err) = await repl(":frob\n:help\n")
    #expect(status == .failure)
    #expect(err.contains("unknown command ':frob'"))
    for name in [
      ":help", ":quit", ":ast QUERY", ":tokens QUERY", ":fmt QUERY", ":provider", ":set KEY=VALUE",
    ] {
      #expect(out.contains(name), "\(name)")
    }
  }

  @Test func stateCommandsSetTheSession() {
    var session = ReplSession(output: StringSink(), errors: StringSink())
    #expect(session.handle(line: ":provider elevate") == .success)
    #expect(session.handle(line: ":now 2025-05-01T00:00:00Z") == .success)
    #expect(session.handle(line: ":tz Europe/Berlin") == .success)
    #expect(session.handle(line: ":set tenantId = acme") == .success)
    #expect(session.handle(line: ":set nonsense") == .failure)
    #expect(session.provider == "elevate")
    #expect(session.now == "2025-05-01T00:00:00Z")
    #expect(session.timeZone == "Europe/Berlin")
    #expect(session.settings == ["tenantId": "acme"])
    #expect(session.handle(line: ":set tenantId=") == .success)
    #expect(session.settings.isEmpty)
    #expect(session.handle(line: ":provider") == .success)
    #expect(session.provider == nil)
  }

  @Test func theQueryHandlerIsReplaceable() {
    let out = StringSink()
    var session = ReplSession(output: out, errors: StringSink()) { session, text in
      session.output.write("bound \(text) for \(session.provider ?? "-")\n")
      return .success
    }
    _ = session.handle(line: ":provider rhythm")
    _ = session.handle(line: "a = 1")
    #expect(out.text.hasSuffix("\nbound a = 1 for rhythm\n"))
  }

  @Test func laterCommandsOverrideEarlierOnesOfTheSameName() {
    let out = StringSink()
    let override = ReplCommandSpec("fmt", summary: "override") { session, _ in
      session.output.write("override\n")
      return .success
    }
    var session = ReplSession(output: out, errors: StringSink(), commands: ReplCommandTable.all + [override])
    _ = session.handle(line: ":fmt a = 1")
    #expect(out.text == "override\n")
  }

  @Test func onATerminalItShowsABannerAndPrompts() async {
    let (status, out, _) = await repl("a = 1\n", terminal: true)
    #expect(status == .success)
    #expect(out.hasPrefix("InvoiceQL"))
    #expect(out.hasSuffix("iql> a = 1\niql> "))
  }

  @Test func replTakesNoArguments() async {
    let (status, _, err) = await repl("", arguments: ["repl", "x"])
    #expect(status == .usage)
    #expect(err.contains("takes no arguments"))
  }
}
