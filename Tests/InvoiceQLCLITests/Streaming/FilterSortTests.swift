import InvoiceQL
import TestSupport
import Testing

@testable import InvoiceQLCLI

@Suite("filter: sort by and limit")
struct FilterSortTests {
  @Test("property: sort by … limit N prints the stable sort's first N, over bodies with ties and blanks")
  func sortWithLimitPrintsTheStableSortsPrefix() async throws {
    var random = SplitMix64(seed: 0x5_0127)
    let totals = ["1", "2.5", "2.50", "\"3\"", "null", "\"n/a\"", "10"]
    let dates = ["\"2025-05-01\"", "\"2025-04-30\"", "null", "\"soon\""]
    for round in 0..<40 {
      let invoices = (0..<Int.random(in: 0..<300, using: &random)).map { n in
        var members = ["\"id\":\(n)"]
        if Int.random(in: 0..<8, using: &random) > 0 {
          members.append("\"invoiceTotalAmount\":\(totals.randomElement(using: &random)!)")
        }
        members.append("\"dueDate\":\(dates.randomElement(using: &random)!)")
        members.append("\"paymentStatus\":\"\(["PAID", "UNPAID"].randomElement(using: &random)!)\"")
        return "{" + members.joined(separator: ",") + "}"
      }
      let body = "[" + invoices.joined(separator: ",\n") + "]"
      let order = ["total desc", "total asc, dueDate desc", "dueDate, total desc"].randomElement(
        using: &random)!
      let limit = Int.random(in: 0..<12, using: &random)
      let query = "status = open sort by \(order) limit \(limit)"
      let out = StringSink()
      let status = await CommandLineTool.main(
        arguments: ["filter", "--provider", "elevate", "--ids", query], stdin: StringSource(body),
        stdout: out,
        stderr: StringSink())
      #expect(status == .success)
      // The reference: every match decoded, sorted whole, then cut.
      let catalog = try #require(Provider.named("elevate")?.catalog)
      let bound = try Binder.bind(
        Parser.parse(query), catalog: catalog, context: .utc(now: Instant(seconds: 0, fraction: "")))
      guard case .array(let items) = try JSONValue(parsing: body) else { return }
      let matching = items.filter { ReferenceEvaluator.evaluate(bound.filter, on: $0) == .true }
      let expected = InvoiceSorter.sort(matching, by: bound.sort).prefix(limit).map { item in
        if case .number(let n)? = item["id"] { n } else { "?" }
      }
      #expect(out.text.split(separator: "\n").map(String.init) == expected, "round \(round): \(query)")
    }
  }

  @Test func helpSaysWhatASortHoldsInMemory() async {
    let out = StringSink()
    let status = await CommandLineTool.main(
      arguments: ["filter", "--help"], stdin: StringSource(""), stdout: out, stderr: StringSink())
    #expect(status == .success)
    #expect(out.text.contains("USAGE: invoiceql filter --provider P"))
    #expect(out.text.contains("at most N matches are held"))
    #expect(out.text.contains("holds every match until the body ends"))
  }
}
