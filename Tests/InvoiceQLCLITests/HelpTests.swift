import Foundation
import Testing

@testable import InvoiceQL
@testable import InvoiceQLCLI

/// Help and misuse: every command answers -h/--help and `help COMMAND` with the same text (usage,
/// every option described, examples); misuse names the fix.
@Suite struct HelpTests {
  func run(_ arguments: [String], stdin: String = "") async -> (InvoiceQLCLI.ExitStatus, String, String) {
    let out = StringSink()
    let err = StringSink()
    let status = await CommandLineTool.main(
      arguments: arguments, stdin: StringSource(stdin), stdout: out, stderr: err)
    return (status, out.text, err.text)
  }

  static let commands = CommandLineTool.subcommands.map { $0.name }

  @Test(arguments: commands)
  func everyCommandsHelpHasUsageEveryOptionDescribedAndExamples(name: String) async throws {
    let command = try #require(CommandLineTool.subcommand(named: name))
    let (status, text, err) = await run([name, "--help"])
    #expect(status == .success && err.isEmpty)
    #expect(text.hasPrefix("OVERVIEW: "))
    #expect(text.contains("\nUSAGE: invoiceql \(command.usage)\n"))
    let options =
      text.components(separatedBy: "\nOPTIONS:\n").last?.components(separatedBy: "\nEXAMPLES:\n").first ?? ""
    // Every option the usage line names is described.
    let named = command.usage.split(separator: " ").map {
      $0.trimmingCharacters(in: CharacterSet(charactersIn: "[]|."))
    }
    .filter { $0.hasPrefix("-") }
    for option in named {
      #expect(
        options.contains("  \(option)") || options.contains(", \(option)"), "\(name): \(option) undescribed")
    }
    #expect(options.contains("-h, --help"))
    let examples = text.components(separatedBy: "\nEXAMPLES:\n").last ?? ""
    let count = examples.split(separator: "\n").filter { $0.hasPrefix("  invoiceql") }.count
    #expect((2...3).contains(count), "\(name): \(count) examples")
    // The other spellings print the same text.
    #expect(await run([name, "-h"]).1 == text)
    #expect(await run(["help", name]).1 == text)
  }

  @Test func helpAndVersion() async {
    let (status, text, _) = await run(["help"])
    #expect(status == .success)
    for name in Self.commands { #expect(text.contains("\n  \(name) "), "\(name) missing from help") }
    #expect(text.contains("EXAMPLES:"))
    #expect(await run(["--help"]).1 == text)
    let (versionStatus, version, _) = await run(["--version"])
    #expect(versionStatus == .success && version == "invoiceql \(CommandLineTool.version)\n")
    let (unknown, _, err) = await run(["help", "nosuch"])
    #expect(unknown == .usage && err.contains("the commands are repl, fmt"))
    let (typo, _, typoErr) = await run(["fitler"])
    #expect(typo == .usage && typoErr.contains("did you mean 'filter'?"))
  }

  @Test(arguments: [
    (
      ["filter", "--provider", "elevate", "--nope", "status = open"],
      "--provider, --now, --tz, --fields, --format, --ids"
    ),
    (
      ["plan", "--provider", "elevate", "--fast", "status = open"], "--provider, --now, --tz, --fields, --set"
    ),
    (["fmt", "--x", "a = 1"], "valid options: -h/--help"),
    (["import", "--provider", "rhythm", "--raw", "x=1"], "--provider, -p"),
    (["sample", "--provider", "rhythm", "--all"], "--provider"),
    (["demo", "--verbose"], "--provider"),
    (["rewrite", "--force", "f.json"], "--rules, --to"),
  ])
  func anUnknownOptionListsTheValidOnes(arguments: [String], valid: String) async {
    let (status, _, err) = await run(arguments)
    #expect(status == .usage)
    #expect(err.contains("unknown option '"), "\(err)")
    #expect(err.contains(valid), "\(err)")
  }

  @Test func anUnquotedQueryWithFilterSaysToQuoteIt() async {
    let (status, _, err) = await run(["filter", "--provider", "elevate", "status", "=", "open"])
    #expect(status == .usage)
    #expect(
      err.contains("quote the query: invoiceql filter --provider elevate 'status = open' [FILE]"), "\(err)")
  }

  @Test func everyMissingSettingIsReportedAtOnceWithHowToSetIt() async {
    let (status, _, err) = await run(["plan", "--provider", "rhythm", "status = open"])
    #expect(status == .usage)
    #expect(err.contains("'tenantId'") && err.contains("'portalContactId'"), "\(err)")
    #expect(err.contains("--set tenantId=… --set portalContactId=…"), "\(err)")
  }

  @Test func aThousandsSeparatorGetsItsHelpOnTheCommandLine() async {
    let (status, _, err) = await run(["check", "total > 1,000"])
    #expect(status == .failure)
    #expect(err.contains("= help: a number has no thousands separator: write 1000"), "\(err)")
  }
}
