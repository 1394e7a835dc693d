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

/// The checks stage 2 makes inside strings, byte by byte: escapes and UTF-8 sequences.
extension ItemScannerTests {
  @Test("every byte after a backslash: the one-byte escapes, \\u with four hex digits, nothing else")
  func everyByteAfterABackslash() {
    var failures: [UInt8] = []
    for b in UInt8.min...UInt8.max {
      let bytes: [UInt8] = [b] + Array("00e9".utf8)
      let end = bytes.withUnsafeBufferPointer { ItemScanner.skipEscape($0.baseAddress!, bytes.count, 0) }
      let expected =
        Array(#""\/bfnrt"#.utf8).contains(b) ? 1 : b == UInt8(ascii: "u") ? 5 : ItemScanner.rejected
      if end != expected { failures.append(b) }
    }
    #expect(failures.isEmpty, "bytes answered wrongly: \(failures)")
  }

  @Test("every lead byte with every second byte: the length and range of JSONScanner's table")
  func everyLeadAndSecondByte() {
    var failures: [String] = []
    for lead in UInt8(0x80)...UInt8.max {
      for second in UInt8.min...UInt8.max {
        let bytes: [UInt8] = [lead, second, 0x80, 0x80, 0x22]
        let end = bytes.withUnsafeBufferPointer {
          ItemScanner.skipUTF8($0.baseAddress!, bytes.count, 0, lead)
        }
        var expected = ItemScanner.rejected
        if let (length, low, high) = JSONScanner.utf8Sequence(lead: lead), second >= low, second <= high {
          expected = length
        }
        if end != expected { failures.append("\(lead) \(second): \(end) not \(expected)") }
      }
    }
    #expect(failures.isEmpty, "\(failures.count) pairs, e.g. \(failures.prefix(3))")
  }
}
