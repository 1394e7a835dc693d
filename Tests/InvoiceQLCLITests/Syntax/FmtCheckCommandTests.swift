import Testing

@testable import InvoiceQLCLI

@Suite struct FmtCheckCommandTests {
  func run(_ arguments: [String]) async -> (InvoiceQLCLI.ExitStatus, String, String) {
    let out = StringSink()
    let err = StringSink()
    let status = await CommandLineTool.main(
      arguments: arguments, stdin: StringSource(""), stdout: out, stderr: err)
    return (status, out.text, err.text)
  }

  @Test func fmtPrintsTheCanonicalForm() async {
    let (status, out, err) = await run(["fmt", "STATUS IN (open,paid) AND dueDate<2025-05-01 limit 5"])
    #expect(status == .success)
    #expect(out == "STATUS in (open, paid) and dueDate < 2025-05-01 limit 5\n")
    #expect(err.isEmpty)
  }

  @Test func fmtJoinsSeveralWords() async {
    let (status, out, _) = await run(["fmt", "a", "=", "1"])
    #expect(status == .success)
    #expect(out == "a = 1\n")
  }

  @Test func fmtReportsAQueryErrorWithExitOne() async {
    let (status, out, err) = await run(["fmt", "f = null"])
    #expect(status == .failure)
    #expect(out.isEmpty)
    #expect(
      err
        == "error: 'null' is not a value; '= null' compares with nothing\n | f = null\n |   ^~~~~~\n = help: to test for a missing value, write 'f is null'\n"
    )
  }

  @Test func missingQueryOrUnknownOptionIsAUsageError() async {
    let (s1, _, e1) = await run(["fmt"])
    #expect(s1 == .usage)
    #expect(e1.contains("missing QUERY"))
    let (s2, _, e2) = await run(["check", "--frob", "a = 1"])
    #expect(s2 == .usage)
    #expect(e2.contains("unknown option '--frob'"))
    let (s3, _, e3) = await run(["check", "a = 1", "--provider"])
    #expect(s3 == .usage)
    #expect(e3.contains("needs a value"))
  }

  @Test func checkPrintsNothingOnSuccess() async {
    let (status, out, err) = await run(["check", "--provider", "elevate", "status = open"])
    #expect(status == .success)
    #expect(out.isEmpty && err.isEmpty)
  }

  @Test func checkReportsEveryError() async {
    let (status, _, err) = await run(["check", "a = 2025-02-30 and b in ()"])
    #expect(status == .failure)
    #expect(err.contains("invalid date '2025-02-30'"))
    #expect(err.contains("empty list"))
  }
}
