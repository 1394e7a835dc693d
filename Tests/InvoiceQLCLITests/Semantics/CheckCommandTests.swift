import InvoiceQL
import Testing

@testable import InvoiceQLCLI

@Suite struct CheckCommandTests {
  func run(_ args: [String]) async -> (InvoiceQLCLI.ExitStatus, String, String) {
    let out = StringSink()
    let err = StringSink()
    let status = await CommandLineTool.main(
      arguments: args, stdin: StringSource(""), stdout: out, stderr: err)
    return (status, out.text, err.text)
  }

  @Test func aGoodQueryPrintsNothing() async {
    for provider in Provider.names {
      let (status, out, err) = await run([
        "check", "--provider", provider, "status = \(provider == "roadsync" ? "sent" : "paid") and id != 5",
      ])
      #expect(status == .success, "\(provider): \(err)")
      #expect(out.isEmpty && err.isEmpty)
    }
  }

  @Test func bindingErrorsRenderWithCaretAndHelp() async {
    let (status, out, err) = await run([
      "check", "--provider", "rhythm", "status = open and dueDat < 2025-05-01",
    ])
    #expect(status == .failure)
    #expect(out.isEmpty)
    #expect(
      err == """
        error: unknown field 'dueDat'
         | status = open and dueDat < 2025-05-01
         |                   ^~~~~~
         = help: did you mean 'dueDate'?

        """)
  }

  @Test func everyProblemIsReported() async {
    let (status, _, err) = await run([
      "check", "--provider=wethod", "dueDate < 1 or status < paid or total = \"x\"",
    ])
    #expect(status == .failure)
    #expect(err.components(separatedBy: "error: ").count - 1 == 3)
    #expect(err.contains("error: field 'dueDate' is not available on wethod"))
    #expect(
      err.contains(
        " = help: wethod has: id, number, status, issueDate, paidDate, total, purchaseOrder, createdAt, updatedAt"
      ))
  }

  @Test func withoutAProviderOnlySyntaxIsChecked() async {
    let (status, _, err) = await run(["check", "nosuchfield = 1"])
    #expect(status == .success, "\(err)")
    let (bad, _, _) = await run(["check", "a = "])
    #expect(bad == .failure)
  }

  @Test func badOptionsAreUsageErrors() async {
    for args in [
      ["check", "--provider", "nope", "a = 1"], ["check", "--tz", "Mars/Base", "a = 1"],
      ["check", "--now", "yesterday", "a = 1"], ["check", "--provider"], ["check", "--frob", "a = 1"],
      ["check", "--provider", "rhythm"],
    ] {
      let (status, _, err) = await run(args)
      #expect(status == .usage, "\(args)")
      #expect(err.contains("usage: invoiceql check"))
    }
  }

  /// `--now` and `--tz` are read as `plan` reads them: at 2025-05-01T20:00Z it is already
  /// 2025-05-02 in Tokyo (+09:00), so `today` and `today-1d` move by a day against UTC.
  @Test(arguments: [
    ("Asia/Tokyo", "createdAt >= 2025-04-30T15:00:00Z and dueDate < 2025-05-02"),
    ("UTC", "createdAt >= 2025-04-30T00:00:00Z and dueDate < 2025-05-01"),
    ("America/Los_Angeles", "createdAt >= 2025-04-30T07:00:00Z and dueDate < 2025-05-01"),
  ])
  func nowAndTzDriveRelativeDates(zone: String, resolved: String) async {
    let options = ["--provider", "softwareone", "--now", "2025-05-01T20:00:00Z", "--tz", zone]
    let query = "createdAt >= today-1d and dueDate < today"
    let (status, out, err) = await run(["check"] + options + [query])
    #expect(status == .success, "\(err)")
    #expect(out.isEmpty && err.isEmpty)
    let (planned, json, planErr) = await run(["plan"] + options + [query])
    #expect(planned == .success, "\(planErr)")
    #expect(json.contains("\"residual\": \"\(resolved)\""), "\(json)")
  }

  /// `check` itself resolves `today` at `--now` in `--tz`: at 2025-12-31T20:00Z, `today+7974y` is
  /// 9999-12-31 in UTC but 10000-01-01 in Tokyo, past the last year a date can have.
  @Test func checkResolvesTodayAtTheGivenClockInTheGivenZone() async {
    let query = "dueDate < today+7974y"
    let now = ["--provider", "softwareone", "--now", "2025-12-31T20:00:00Z"]
    let (utc, _, utcErr) = await run(["check"] + now + ["--tz", "UTC", query])
    #expect(utc == .success, "\(utcErr)")
    let (tokyo, _, tokyoErr) = await run(["check"] + now + ["--tz", "Asia/Tokyo", query])
    #expect(tokyo == .failure)
    #expect(tokyoErr.hasPrefix("error: date today+7974y is outside the years 1 to 9999"))
    let (earlier, _, earlierErr) = await run(
      ["check", "--provider", "softwareone", "--now", "2025-12-31T14:00:00Z", "--tz", "Asia/Tokyo", query])
    #expect(earlier == .success, "\(earlierErr)")
  }
}

@Suite struct BindingOptionsTests {
  @Test func parsesSharedAndOwnOptionsInAnyOrder() throws {
    let o = try BindingOptions.parse(
      [
        "--set", "tenantId=t1", "status = open", "--provider", "rhythm", "--ids", "--tz=Europe/Paris",
        "--now", "2025-05-01T10:00:00", "file.json",
      ],
      valueOptions: ["--set"], flags: ["--ids"])
    #expect(o.provider?.name == "rhythm")
    #expect(o.rest == ["status = open", "file.json"])
    #expect(o.values(of: "--set") == ["tenantId=t1"])
    #expect(o.has("--ids"))
    #expect(o.context.timeZone.identifier == "Europe/Paris")
    // No offset: the --tz zone (CEST, +02:00).
    #expect(o.context.now.description == "2025-05-01T08:00:00Z")
  }

  @Test func providerNamesAreMatchedCaseInsensitively() throws {
    #expect(
      try BindingOptions.parse(["--provider", "SoftwareOne", "id = 1"]).provider?.name == "softwareone")
  }

  @Test func defaultsToUTCAndTheInjectedClock() throws {
    let o = try BindingOptions.parse(
      ["--provider", "elevate", "id = 1"], clock: { Instant(seconds: 86_400, fraction: "") })
    #expect(o.context.now == Instant(seconds: 86_400, fraction: ""))
    #expect(o.context.timeZone.secondsFromGMT() == 0)
  }

  @Test func missingProviderIsAUsageErrorWhenRequired() {
    #expect(throws: UsageError.self) { try BindingOptions.parse(["id = 1"]) }
    #expect(throws: UsageError.self) { try BindingOptions.parse(["--provider", "rhythm"]) }
  }

  @Test func bindQueryReturnsSyntaxAndMeaningOrRenderedDiagnostics() throws {
    let o = try BindingOptions.parse(["--provider", "elevate", "--now", "2025-05-01T00:00:00Z", "x"])
    switch bindQuery("status = open limit 5", o) {
    case .success(let b):
      #expect(b.bound.limit == 5)
      #expect(b.syntax.limit?.count == 5)
    case .failure(let e): Issue.record("\(e)")
    }
    let err = StringSink()
    #expect(bindQuery("status = opne", o, reportingTo: err) == nil)
    #expect(
      err.text.hasPrefix(
        "error: unknown value 'opne' for 'status' on elevate\n | status = opne\n |          ^~~~\n"))
  }
}
