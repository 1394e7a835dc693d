import Foundation
import TestSupport
import Testing

@testable import InvoiceQL
@testable import InvoiceQLCLI

/// The REPL runs queries: a plan line, then the matches from the sample, a file or a live API,
/// as a table (`:columns`) or raw JSON lines (`:json`); setters confirm what they set.
@Suite struct ReplSourceTests {
  func repl(_ input: String) async -> (InvoiceQLCLI.ExitStatus, String, String) {
    let out = StringSink()
    let err = StringSink()
    let status = await CommandLineTool.main(
      arguments: ["repl"], stdin: StringSource(input, isTerminal: false), stdout: out, stderr: err)
    return (status, out.text, err.text)
  }

  @Test func aQueryPrintsThePlanLineAndTheSamplesMatchesAsATable() async {
    let (status, out, err) = await repl(":provider elevate\nstatus = UNPAID sort by total desc\n")
    #expect(status == .success, "\(err)")
    #expect(out.contains("server: status = UNPAID [superset]  client: status = UNPAID (+ sort)\n"))
    #expect(out.contains("id   status  total\n"))
    #expect(out.contains("2 matches\n(8 invoices in elevate's sample)\n"))
  }

  @Test func theEmptyFilterListsEveryInvoice() async {
    let (_, out, _) = await repl(":provider wethod\nsort by total desc limit 2\n")
    #expect(out.contains("server: nothing  client: no condition (+ sort, limit)\n"))
    #expect(out.contains("2 matches\n"))
  }

  @Test func columnsAndJSONChangeHowMatchesPrint() async throws {
    let (_, out, _) = await repl(":provider elevate\n:columns id,total,currencyCode\nstatus = UNPAID\n")
    #expect(out.contains("columns: id,total,currencyCode\n"))
    #expect(out.contains("id   total"))
    let (_, json, _) = await repl(":provider elevate\n:json\nstatus = UNPAID\n")
    #expect(json.contains("matches print as JSON lines\n"))
    let lines = json.split(separator: "\n").filter { $0.hasPrefix("{") }
    #expect(lines.count == 2)
    for line in lines { _ = try JSONValue(parsing: String(line)) }
  }

  @Test func loadReadsAResponseBodyFromAFile() async throws {
    let dir = try ScratchDirectory()
    let body = try #require(Provider.named("rhythm")).sample.body
    let path = try dir.file("page.json", body)
    let (status, out, err) = await repl(":provider rhythm\n:load \(path)\nlimit 1000\n:load /nonexistent\n")
    #expect(status == .failure)
    #expect(out.contains("source: \(path)\n"))
    #expect(out.contains("invoices in \(path))"))
    #expect(err.contains("cannot read '/nonexistent'"))
  }

  @Test func setSettingsAndProviderConfirmWhatTheySet() async {
    let (_, out, _) = await repl(
      ":provider rhythm\n:set tenantId=acme\n:set tenantId=\n:tz Europe/Paris\n:provider\n")
    #expect(out.contains("provider: rhythm ("))
    #expect(out.contains("set tenantId=acme\n"))
    #expect(out.contains("setting tenantId removed\n"))
    #expect(out.contains("tz: Europe/Paris\n"))
    #expect(out.contains("provider cleared"))
  }

  @Test func connectRunsTheQueryAgainstTheAPIWithItsSettings() async throws {
    let invoices: [[String: Any]] = (1...30).map {
      ["id": $0, "status": $0 % 2 == 0 ? "paid" : "sent", "value": $0]
    }
    let base = try FakeBillingServer.get().scenario(["provider": "wethod", "invoices": invoices])
    let (missing, _, missingErr) = await repl(":provider wethod\n:connect \(base)\nstatus = paid\n")
    #expect(missing == .failure)
    #expect(missingErr.contains("needs the setting 'company'"), "\(missingErr)")
    let (status, out, err) = await repl(
      ":provider wethod\n:connect \(base)\n:set company=acme\n:header X-Test: 1\nstatus = paid and value > 20\n"
    )
    #expect(status == .success, "\(err)")
    #expect(out.contains("source: \(base)\n"))
    #expect(out.contains("5 matches\n"), "\(out)")
  }
}
