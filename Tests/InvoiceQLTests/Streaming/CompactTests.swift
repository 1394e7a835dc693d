import Foundation
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

/// `ItemScanner.compact`, which copies the runs between whitespace 64 bytes at a time: equal to
/// `JSONScanner.compact` on valid objects however spaced and wherever the blocks cut them, and
/// safe on any bytes, never reading past them.
@Suite("Compact")
struct CompactTests {
  typealias Generator = ItemObjectGenerator
  static let whitespace: [UInt8] = [0x20, 0x09, 0x0A, 0x0D]

  static func compact(_ bytes: [UInt8]) -> [UInt8] {
    bytes.withUnsafeBufferPointer { ItemScanner.compact($0) }
  }

  /// What `compact` keeps of any bytes, one at a time: all but whitespace outside strings, where
  /// a backslash escapes the byte after it (outside strings too) and an unescaped quote opens or
  /// closes a string.
  static func model(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    var inString = false
    var escapeNext = false
    for b in bytes {
      let escaped = escapeNext
      escapeNext = b == 0x5C && !escaped
      if b == 0x22 && !escaped { inString.toggle() }
      if inString || !whitespace.contains(b) { out.append(b) }
    }
    return out
  }

  /// `compact` (valid JSON, no whitespace) with whitespace runs between its tokens: mostly none or
  /// a few bytes, sometimes long enough to span a block or two.
  static func respace(_ compact: [UInt8], _ random: inout StreamingRandom) -> [UInt8] {
    var out: [UInt8] = []
    var inString = false
    var escaped = false
    func space(_ random: inout StreamingRandom) {
      guard random.chance(50) else { return }
      let count = random.chance(10) ? 30 + random.below(140) : 1 + random.below(8)
      for _ in 0..<count { out.append(random.pick(whitespace)) }
    }
    for b in compact {
      if inString {
        out.append(b)
        if escaped {
          escaped = false
        } else if b == 0x5C {
          escaped = true
        } else if b == 0x22 {
          inString = false
          space(&random)
        }
        continue
      }
      let isOperator = "{}[]:,".utf8.contains(b)
      if isOperator { space(&random) }
      out.append(b)
      if b == 0x22 { inString = true }
      if isOperator && b != UInt8(ascii: "}") && b != UInt8(ascii: "]") { space(&random) }
    }
    // No whitespace before the object's `{` nor after its `}`: `compact` gets the object alone.
    while let last = out.last, whitespace.contains(last) { out.removeLast() }
    return out
  }

  @Test("random objects, as generated and respaced: compact equals JSONScanner.compact")
  func randomObjects() throws {
    var g = Generator(seed: 0xC0_4AC7)
    var random = StreamingRandom(seed: 0xC0_4AC8)
    var failures: [String] = []
    var lengths: Set<Int> = []
    for round in 0..<3_000 {
      let (object, _) = g.object()
      let expected = try JSONScanner.compact(object)
      let spaced = Self.respace(expected, &random)
      for bytes in [object, expected, spaced] {
        lengths.insert(bytes.count % 64)
        if Self.compact(bytes) != expected || Self.model(bytes) != expected {
          failures.append("round \(round): " + Generator.show(bytes))
        }
      }
    }
    #expect(lengths.count == 64, "every length modulo 64")
    #expect(failures.isEmpty, "\(failures.count) compacted wrongly: \(failures.prefix(3))")
  }

  @Test("escaped quotes and runs of backslashes at every offset around block boundaries")
  func escapesAcrossBlocks() throws {
    var failures: [String] = []
    for offset in 0..<200 {
      for pairs in 0...3 {
        for escapedQuote in [false, true] {
          // A string with spaces ending in `pairs` escaped backslashes (and maybe an escaped quote):
          // wherever they fall, the spaces after its closing quote go, those inside it stay.
          let content =
            String(repeating: "a", count: offset) + String(repeating: #"\\"#, count: pairs)
            + (escapedQuote ? #"\" "# : "") + "  "
          let text = "{\"k\": \"" + content + "\" ,\n  \"b\\\\\" :\t[ \" \\\\\" , 1 ]\n}"
          let bytes = Array(text.utf8)
          let expected = try JSONScanner.compact(bytes)
          let literal = Array(("{\"k\":\"" + content + "\",\"b\\\\\":[\" \\\\\",1]}").utf8)
          if Self.compact(bytes) != expected || expected != literal {
            failures.append("offset \(offset), \(pairs) pairs, escaped quote \(escapedQuote)")
          }
        }
      }
    }
    #expect(failures.isEmpty, "\(failures.count) wrong: \(failures.prefix(3))")
  }

  @Test("every length up to five blocks: whitespace, and strings of spaces, up to the last byte")
  func everyLength() throws {
    var failures: [Int] = []
    for n in 2...330 {
      let blank = [UInt8(ascii: "{")] + [UInt8](repeating: 0x0A, count: n - 2) + [UInt8(ascii: "}")]
      // A key of spaces, then whitespace up to the end.
      let key = Array(("{\"" + String(repeating: " ", count: n / 2) + "\":1").utf8)
      let keyed = key + [UInt8](repeating: 0x20, count: max(0, n - key.count - 1)) + [UInt8(ascii: "}")]
      let cases: [([UInt8], [UInt8])] = [
        (blank, Array("{}".utf8)),
        (keyed, key + [UInt8(ascii: "}")]),
      ]
      for (bytes, expected) in cases where Self.compact(bytes) != expected {
        failures.append(n)
      }
    }
    #expect(failures.isEmpty, "wrong at lengths \(failures.prefix(10))")
  }

  @Test("any bytes: no crash, the model's answer, and not a byte read past the end")
  func arbitraryBytes() {
    var g = Generator(seed: 0xBAD_C0)
    var random = StreamingRandom(seed: 0xBAD_C1)
    var failures: [String] = []
    withGuardedPage { page, size in
      for round in 0..<6_000 {
        let bytes: [UInt8]
        switch round % 3 {
        case 0: bytes = StructuralIndexerTests.randomBytes(random.below(330), &random)
        case 1: bytes = Generator.mutate(g.object().0, &random)
        default: bytes = [UInt8](repeating: random.pick([0x22, 0x5C, 0x20]), count: random.below(200))
        }
        guard bytes.count <= size else { continue }
        // The bytes end where the readable memory ends: a read past them crashes.
        let start = page + (size - bytes.count)
        start.initialize(from: bytes, count: bytes.count)
        let compacted = ItemScanner.compact(UnsafeBufferPointer(start: start, count: bytes.count))
        if compacted != Self.model(bytes) {
          failures.append("round \(round): " + Generator.show(bytes))
        }
      }
    }
    #expect(failures.isEmpty, "\(failures.count) differences: \(failures.prefix(3))")
  }

  /// Calls `body` with one readable page followed by one that faults when read.
  func withGuardedPage(_ body: (UnsafeMutablePointer<UInt8>, Int) -> Void) {
    let size = Int(sysconf(Int32(_SC_PAGESIZE)))
    let memory = mmap(nil, 2 * size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
    guard let memory, memory != MAP_FAILED else {
      Issue.record("mmap failed")
      return
    }
    defer { munmap(memory, 2 * size) }
    #expect(mprotect(memory + size, size, PROT_NONE) == 0)
    body(memory.assumingMemoryBound(to: UInt8.self), size)
  }
}
