import Testing

@testable import InvoiceQLCLI

@Suite struct SemanticReplTests {
  func repl(_ input: String) async -> (InvoiceQLCLI.ExitStatus, String, String) {
    let out = StringSink()
    let err = StringSink()
    let status = await CommandLineTool.main(
      arguments: ["repl"], stdin: StringSource(input, isTerminal: false), stdout: out, stderr: err)
    return (status, out.text, err.text)
  }

  /// `out` without the lines that confirm `:provider`, `:tz`, `:now` and `:set`.
  func results(_ out: String) -> String {
    let confirmations = ["provider: ", "source: ", "tz: ", "now: ", "set "]
    return out.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { line in !confirmations.contains { line.hasPrefix($0) } }.joined(separator: "\n")
  }

  @Test func withAProviderQueriesAreBoundAndErrorsShown() async {
    let (status, out, err) = await repl(
      ":provider elevate\nstatus = open\nstatus = opne\ndueDat < 2025-01-01\n")
    #expect(status == .failure)
    #expect(out.contains("server: status in (PARTIALLY_PAID, UNPAID) [superset]"))
    #expect(out.contains("3 matches\n"))
    #expect(
      err.contains(
        "error: unknown value 'opne' for 'status' on elevate\n | status = opne\n |          ^~~~\n"))
    #expect(
      err.contains(
        "error: unknown field 'dueDat'\n | dueDat < 2025-01-01\n | ^~~~~~\n = help: did you mean 'dueDate'?"))
  }

  @Test func withoutAProviderOnlySyntaxIsChecked() async {
    let (status, out, _) = await repl("nosuch = 1\n")
    #expect(status == .success)
    #expect(out == "nosuch = 1\n")
  }

  @Test func providerNowAndTzAreValidated() async {
    let (status, _, err) = await repl(":provider nope\n:tz Mars/Base\n:now soon\n")
    #expect(status == .failure)
    #expect(err.contains("error: unknown provider 'nope'"))
    #expect(err.contains("error: unknown time zone 'Mars/Base'"))
    #expect(err.contains("error: invalid instant 'soon'"))
    let (ok, _, okErr) = await repl(":provider wethod\n:tz Asia/Tokyo\n:now 2025-05-01T20:00:00Z\n:show\n")
    #expect(ok == .success, "\(okErr)")
  }

  @Test func nowAndTzResolveRelativeDates() async {
    // At 2025-05-01T20:00Z it is already 2025-05-02 in Tokyo: today-1d is 2025-05-01.
    let (_, out, err) = await repl(
      ":provider wethod\n:tz Asia/Tokyo\n:now 2025-05-01T20:00:00Z\nissueDate >= today-1d\n")
    #expect(err.isEmpty)
    #expect(
      results(out).hasPrefix("server: issueDate >= 2025-05-01 [superset]  client: issueDate >= 2025-05-01\n"))
    let session = ReplSession(output: StringSink(), errors: StringSink())
    var s = session
    _ = s.handle(line: ":provider wethod")
    _ = s.handle(line: ":tz Asia/Tokyo")
    _ = s.handle(line: ":now 2025-05-01T20:00:00Z")
    #expect(s.bindingOptions()?.context.today.description == "2025-05-02")
  }

  @Test func fieldsListsTheCatalogWithCanonicalNamesMarked() async {
    let (status, confirmed, _) = await repl(":provider wethod\n:fields\n")
    let out = results(confirmed)
    #expect(status == .success)
    #expect(out.hasPrefix("wethod: 15 fields (= marks a canonical name)\n"))
    #expect(out.contains("  value            decimal           = total\n"))
    #expect(out.contains("  id               numeric id        required, = id\n"))
    #expect(out.hasSuffix("not on wethod: dueDate, balance, currency, customerId\n"))
    let (_, filtered, _) = await repl(":provider softwareone\n:fields duedate\n")
    #expect(
      results(filtered)
        == "softwareone: 1 fields (= marks a canonical name)\n  erpData.dueDate  date  = dueDate\n")
    // An open map: any key of it is a field.
    let (_, metadata, _) = await repl(":provider stripe\n:fields metadata\n")
    #expect(
      results(metadata).contains(
        "  metadata                              map of string  any key: metadata.<key>\n"),
      "\(results(metadata))")
    let (noProvider, _, err) = await repl(":fields\n")
    #expect(noProvider == .failure)
    #expect(err.contains("no provider set"))
  }

  @Test func bindShowsTheMeaningInTheProvidersTerms() async {
    let (status, out, err) = await repl(
      ":provider elevate\n:tz America/New_York\n:now 2025-05-01T12:00:00Z\n"
        + ":bind status in (open, paid) and createdDate = today and not (invoiceNumber contains \"x\") "
        + "sort by dueDate desc limit 5\n")
    #expect(status == .success, "\(err)")
    #expect(
      results(out) == "paymentStatus in (\"UNPAID\", \"PARTIALLY_PAID\", \"PAID\") and (createdDate >= "
        + "2025-05-01T04:00:00Z and createdDate < 2025-05-02T04:00:00Z) and not (invoiceNumber contains \"x\") "
        + "sort by dueDate desc limit 5\n")
    let (_, arrays, _) = await repl(
      ":provider rhythm\n:bind line_items.product_id = X or total between 1 and 2\n")
    #expect(results(arrays) == "any(line_items, product_id = \"X\") or (total >= 1 and total <= 2)\n")
  }
}
