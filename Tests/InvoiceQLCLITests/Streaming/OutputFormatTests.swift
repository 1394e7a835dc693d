import Foundation
import Testing

@testable import InvoiceQL
@testable import InvoiceQLCLI

/// `--format` for `filter` (and `run`), `invoiceql sample`, and the writers behind them.
@Suite struct OutputFormatTests {
  func run(_ arguments: [String], stdin: String = "") async -> (InvoiceQLCLI.ExitStatus, String, String) {
    let out = StringSink()
    let err = StringSink()
    let status = await CommandLineTool.main(
      arguments: arguments, stdin: StringSource(stdin), stdout: out, stderr: err)
    return (status, out.text, err.text)
  }

  @Test(arguments: Provider.all.map(\.name))
  func samplePrintsTheBundledBodyAndFilterReadsIt(provider: String) async throws {
    let named = try #require(Provider.named(provider))
    let (status, body, _) = await run(["sample", "--provider", provider])
    #expect(status == .success)
    #expect(body.trimmingCharacters(in: .newlines) == named.sample.body.trimmingCharacters(in: .newlines))
    let (filtered, lines, err) = await run(["filter", "--provider", provider, "limit 100"], stdin: body)
    #expect(filtered == .success, "\(err)")
    #expect(!lines.isEmpty)
  }

  @Test func sampleNeedsAKnownProvider() async {
    #expect(await run(["sample"]).0 == .usage)
    #expect(await run(["sample", "--provider", "nope"]).0 == .usage)
  }

  static let body = """
    {"data": [
      {"id": "a1", "status": "open", "memo": "say \\"hi\\", then go", "total": 10.50, "lines": [{"sku": "x"}, {"sku": "y"}]},
      {"id": 2, "status": "paid", "memo": null, "total": 7}
    ]}
    """

  func writer(_ format: MatchFormat, _ columns: [MatchColumn]?) -> (MatchWriter, StringSink) {
    let sink = StringSink()
    return (
      MatchWriter(format: format, columns: columns, sink: sink, style: TerminalStyle(enabled: false)), sink
    )
  }

  static let lines = [
    #"{"id":"a1","memo":"say \"hi\", then go","total":10.50,"lines":[{"sku":"x"},{"sku":"y"}]}"#,
    #"{"id":2,"memo":null,"total":7}"#,
  ]

  @Test func csvIsRFC4180WithAHeaderRow() {
    let columns = MatchColumn.parseList("id,memo,total,lines.sku", catalog: nil)
    var (w, sink) = writer(.csv, columns)
    for line in Self.lines { w.write(json: line) }
    w.finish()
    #expect(
      sink.text == "id,memo,total,lines.sku\r\na1,\"say \"\"hi\"\", then go\",10.50,\"x, y\"\r\n2,,7,\r\n")
  }

  @Test func jsonIsOneArrayThatParsesBackToTheLines() throws {
    var (w, sink) = writer(.json, nil)
    for line in Self.lines { w.write(json: line) }
    w.finish()
    let parsed = try JSONValue(parsing: sink.text)
    guard case .array(let items) = parsed else { Issue.record("not an array"); return }
    #expect(items.map(\.compactText) == Self.lines)
    var (empty, emptySink) = writer(.json, nil)
    empty.finish()
    #expect(emptySink.text == "[]\n")
  }

  @Test func tableAlignsColumnsAndCountsAndColumnsDefaultToTheMatchesKeys() {
    var (w, sink) = writer(.table, nil)
    for line in Self.lines { w.write(json: line) }
    w.finish()
    #expect(
      sink.text == """
        id  memo               total  lines
        ──  ─────────────────  ─────  ─────────────────────────
        a1  say "hi", then go  10.50  [{"sku":"x"},{"sku":"y"}]
        2                      7
        2 matches

        """)
  }

  @Test func filterFormatsShowIdAndTheFieldsTheQueryMentions() async throws {
    let body = try #require(Provider.named("elevate")).sample.body
    let (status, csv, err) = await run(
      [
        "filter", "--provider", "elevate", "--format", "csv",
        "status = UNPAID and total > 0 sort by total desc",
      ],
      stdin: body)
    #expect(status == .success, "\(err)")
    let rows = csv.components(separatedBy: "\r\n")
    #expect(rows.first == "id,status,total")
    #expect(rows.count >= 3)
    let (_, table, _) = await run(
      ["filter", "--provider", "elevate", "--format", "table", "status = UNPAID"], stdin: body)
    #expect(table.hasPrefix("id   status\n"))
    #expect(table.hasSuffix("2 matches\n"))
    let (ndjson, lines, _) = await run(["filter", "--provider", "elevate", "status = UNPAID"], stdin: body)
    #expect(ndjson == .success && lines.split(separator: "\n").count == 2)
    let (bad, _, badErr) = await run(
      ["filter", "--provider", "elevate", "--format", "xml", "status = UNPAID"], stdin: body)
    #expect(bad == .usage && badErr.contains("ndjson, json, csv, table"))
  }

  @Test func diagnosticsAreColouredOnlyWhenTheStyleIsOn() {
    let text = "error: unknown field 'x'\n | x = 1\n | ^\n = help: did you mean 'id'?\n"
    #expect(TerminalStyle(enabled: false).diagnostic(text) == text)
    let coloured = TerminalStyle(enabled: true).diagnostic(text)
    #expect(
      coloured.hasPrefix("\u{1B}[1;31merror:\u{1B}[0m unknown field 'x'\n | x = 1\n |\u{1B}[36m ^\u{1B}[0m\n")
    )
    #expect(coloured.contains(" = \u{1B}[36mhelp:\u{1B}[0m did you mean 'id'?"))
    // Only a file descriptor that is a terminal takes colour; a test's sink never does.
    #expect(!TerminalStyle.for(StringSink()).enabled)
  }

  @Test func demoEndsWithNextSteps() async {
    let (status, out, _) = await run(["demo", "--provider", "wethod"])
    #expect(status == .success)
    #expect(out.contains("\nNext steps:\n"))
    #expect(out.contains("invoiceql sample --provider wethod > page.json"))
  }
}
