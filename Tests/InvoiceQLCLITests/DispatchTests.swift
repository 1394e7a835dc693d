import Testing

@testable import InvoiceQLCLI

@Suite struct DispatchTests {
  @Test func unknownCommandIsAUsageError() async {
    let out = StringSink()
    let err = StringSink()
    let status = await CommandLineTool.main(
      arguments: ["frobnicate"], stdin: StringSource(""), stdout: out, stderr: err)
    #expect(status == .usage)
    #expect(err.text.contains("unknown command 'frobnicate'"))
  }
}
