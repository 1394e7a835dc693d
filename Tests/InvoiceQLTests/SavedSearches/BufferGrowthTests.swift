import Foundation
import Testing

@testable import InvoiceQLSavedSearches

/// Buffers that collect many pieces grow geometrically: reserving room for just one more piece at
/// a time reallocates, and copies everything collected so far, at every piece (the whole-file
/// report of 100,000 searches took 33 seconds that way). Counted by the capacity changes, not timed.
@Suite("Buffers grow geometrically")
struct BufferGrowthTests {
  @Test func aReportOfManyBlocksReallocatesItsBufferLogarithmicallyOften() {
    let entry = SavedSearchFile.Entry(index: 0, line: 1, range: 0..<2, name: "a search")
    var out: [UInt8] = []
    var capacity = out.capacity
    var changes = 0
    for _ in 0..<10_000 {
      RewriteBatch.writeReport(of: entry, nil, to: &out)
      if out.capacity != capacity {
        changes += 1
        capacity = out.capacity
      }
    }
    #expect(out.count > 10_000 * 20)
    #expect(changes < 40, "\(changes) reallocations for 10,000 blocks")
  }

  @Test func readingAFileWholeInSmallChunksReallocatesLogarithmicallyOften() throws {
    let path = NSTemporaryDirectory() + "invoiceql-buffer-growth-\(UUID().uuidString)"
    let bytes = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let reader = try AtomicFile.ChunkReader(path: path)
    var buffer: [UInt8] = []
    var capacity = buffer.capacity
    var changes = 0
    while try reader.read(appendingTo: &buffer, count: 1 << 10) {
      if buffer.capacity != capacity {
        changes += 1
        capacity = buffer.capacity
      }
    }
    #expect(buffer == bytes)
    #expect(changes < 40, "\(changes) reallocations for 1,024 chunks")
  }
}
