import Testing

@testable import InvoiceQL
@testable import InvoiceQLImport
@testable import InvoiceQLJSON
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSavedSearches
@testable import InvoiceQLSemantics
@testable import InvoiceQLStreaming
@testable import InvoiceQLSyntax

@Suite("ResponseFilter memory")
struct ResponseFilterMemoryTests {
  @Test("a 200 MB body generated on the fly is filtered with buffers bounded by one invoice")
  func memoryStaysBoundedOverAHugeStream() throws {
    // Invoices of ~100 KB (mostly one long memo, so a debug build gets through quickly), each
    // delivered in chunks that split it anywhere.
    let memo = String(repeating: "lorem ipsum é 😀 ", count: 5_000)
    func invoice(_ n: Int) -> [UInt8] {
      let status = n % 3 == 0 ? "open" : "paid"
      return Array(#"{"id":"inv-\#(n)","status":"\#(status)","memo":"\#(memo)","total":\#(n)}"#.utf8)
    }
    let e: BoundExpression = .predicate(
      .compare(BoundField(path: ["status"], type: .string, name: "status"), .equal, .string("open")))
    var filter = try #require(ResponseFilter(provider: "rhythm", filter: e, maxItemBytes: 1 << 20))
    let target = 200 << 20
    var chunk: [UInt8] = Array(#"{"Count":0,"Items":["#.utf8)
    chunk.reserveCapacity(80_000)
    var produced = 0
    var n = 0
    var matches = 0
    var peakBuffered = 0
    let sample = invoice(1)
    while produced < target {
      if n > 0 { chunk.append(UInt8(ascii: ",")) }
      chunk += n % 50 == 0 ? invoice(n) : sample
      n += 1
      if chunk.count >= 65_521 {
        produced += chunk.count
        matches += try filter.feed(chunk).count
        peakBuffered = max(peakBuffered, filter.bufferedByteCount)
        chunk.removeAll(keepingCapacity: true)
      }
    }
    chunk += Array(#"],"LastEvaluatedKey":null}"#.utf8)
    matches += try filter.feed(chunk).count
    let metadata = try filter.finish()
    #expect(produced >= target)
    #expect(metadata.itemCount == n)
    #expect(matches == (0..<n).filter { $0 % 50 == 0 && $0 % 3 == 0 }.count)
    // Never more than a few invoices' worth of buffer, whatever the body's size.
    #expect(peakBuffered < 4 * sample.count)
    #expect(metadata.value(at: ["LastEvaluatedKey"]) == .null)
  }
}
