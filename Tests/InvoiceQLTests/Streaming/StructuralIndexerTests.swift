import InvoiceQLSIMD
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

/// Stage 1 of the fast path against a model that reads one byte at a time: the byte classes (by
/// every kernel this machine can run), and the masks with their state carried across blocks.
@Suite("StructuralIndexer")
struct StructuralIndexerTests {
  /// Bytes that matter to stage 1, each often enough to form runs (of backslashes, of quotes).
  static let alphabet: [UInt8] = [
    0x22, 0x22, 0x5C, 0x5C, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x3A, 0x2C, 0x20, 0x09, 0x0A, 0x0D, 0x00, 0x01,
    0x0C, 0x1A, 0x1F, 0x21, 0x2D, 0x30, 0x39, 0x61, 0x75, 0x74, 0x7F, 0x80, 0xBF, 0xC3, 0xE2, 0xF0, 0xFF,
  ]

  static func randomBytes(_ count: Int, _ random: inout StreamingRandom) -> [UInt8] {
    // Some inputs from a few bytes only, so that long runs and long strings occur.
    let letters = random.chance(30) ? (0..<3).map { _ in random.pick(alphabet) } : alphabet
    return (0..<count).map { _ in random.chance(20) ? UInt8(random.below(256)) : random.pick(letters) }
  }

  /// The classes of each byte, one at a time.
  static func classes(_ bytes: ArraySlice<UInt8>) -> StructuralIndexer.Classes {
    var c = StructuralIndexer.Classes()
    for (k, b) in bytes.enumerated() {
      let bit = UInt64(1) << UInt64(k)
      if b == 0x22 { c.quotes |= bit }
      if b == 0x5C { c.backslashes |= bit }
      if "{}[]:,".utf8.contains(b) { c.operators |= bit }
      if " \t\n\r".utf8.contains(b) { c.whitespace |= bit }
      if b < 0x20 || b >= 0x80 { c.unusual |= bit }
    }
    return c
  }

  /// The masks of every block of `bytes` (a multiple of 64 long), one byte at a time.
  static func modelBlocks(_ bytes: [UInt8]) -> [StructuralIndexer.Block] {
    var blocks: [StructuralIndexer.Block] = []
    var inString = false
    var escapeNext = false
    var previousScalar = false
    var block = StructuralIndexer.Block(structurals: 0, escapes: 0, unusual: 0, errors: 0)
    for (i, b) in bytes.enumerated() {
      let bit = UInt64(1) << UInt64(i % 64)
      let escaped = escapeNext
      let escapes = b == 0x5C && !escaped
      escapeNext = escapes
      let realQuote = b == 0x22 && !escaped
      if realQuote { inString.toggle() }
      // A quote's bit is set when it opens a string, clear when it closes one.
      let inStringBit = inString
      let whitespace = " \t\n\r".utf8.contains(b)
      let scalar = !("{}[]:,".utf8.contains(b) || whitespace || b == 0x22)
      let scalarStart = scalar && !previousScalar
      previousScalar = scalar
      if (("{}[]:,".utf8.contains(b) || scalarStart) && !inStringBit) || (realQuote && inStringBit) {
        block.structurals |= bit
      }
      if escapes && inStringBit { block.escapes |= bit }
      let unusual = b < 0x20 || b >= 0x80
      if unusual && inStringBit { block.unusual |= bit }
      if unusual && !inStringBit && !whitespace { block.errors |= bit }
      if i % 64 == 63 {
        blocks.append(block)
        block = StructuralIndexer.Block(structurals: 0, escapes: 0, unusual: 0, errors: 0)
      }
    }
    return blocks
  }

  static func indexedBlocks(_ bytes: [UInt8], kernel: ByteClassKernel = .selected) -> [StructuralIndexer
    .Block]
  {
    var indexer = StructuralIndexer(kernel: kernel)
    return bytes.withUnsafeBufferPointer { buffer in
      stride(from: 0, to: buffer.count, by: 64).map { indexer.next(buffer.baseAddress! + $0) }
    }
  }

  @Test("the kernels a machine has: words everywhere, SSE2 on every x86-64, the selected one among them")
  func availableKernels() {
    #expect(ByteClassKernel.available.first == .words)
    #expect(ByteClassKernel.available.contains(ByteClassKernel.selected))
    #if arch(x86_64)
      #expect(ByteClassKernel.available.contains(.sse2))
    #endif
  }

  @Test("a block is laid out as the C kernel writes it")
  func blockLayoutMatchesC() {
    typealias Block = StructuralIndexer.Block
    #expect(MemoryLayout<Block>.size == MemoryLayout<iql_block>.size)
    #expect(MemoryLayout<Block>.stride == MemoryLayout<iql_block>.stride)
    #expect(
      MemoryLayout<Block>.offset(of: \.structurals) == MemoryLayout<iql_block>.offset(of: \.structurals))
    #expect(MemoryLayout<Block>.offset(of: \.escapes) == MemoryLayout<iql_block>.offset(of: \.escapes))
    #expect(MemoryLayout<Block>.offset(of: \.unusual) == MemoryLayout<iql_block>.offset(of: \.unusual))
    #expect(MemoryLayout<Block>.offset(of: \.errors) == MemoryLayout<iql_block>.offset(of: \.errors))
  }

  @Test("byte classes: every kernel the machine has equals the byte-at-a-time model")
  func classesMatchTheModel() {
    var failures: [String] = []
    func check(_ p: UnsafePointer<UInt8>, _ expected: StructuralIndexer.Classes, _ what: String) {
      for kernel in ByteClassKernel.available where StructuralIndexer.classify(p, kernel) != expected {
        failures.append("\(kernel), \(what)")
      }
    }
    var random = StreamingRandom(seed: 0x51_DE)
    for round in 0..<20_000 {
      let bytes = Self.randomBytes(64, &random)
      let expected = Self.classes(bytes[...])
      bytes.withUnsafeBufferPointer { check($0.baseAddress!, expected, "round \(round)") }
    }
    // Every byte value in every position.
    for value in 0...255 {
      for position in [0, 7, 8, 15, 16, 31, 32, 47, 48, 63] {
        var bytes = [UInt8](repeating: 0x61, count: 64)
        bytes[position] = UInt8(value)
        let expected = Self.classes(bytes[...])
        bytes.withUnsafeBufferPointer { check($0.baseAddress!, expected, "byte \(value) at \(position)") }
      }
    }
    let differences = failures.count
    #expect(differences == 0, "\(failures.prefix(5))")
  }

  @Test("masks across blocks equal the model: escapes, strings, structurals, checks")
  func masksMatchTheModel() {
    var random = StreamingRandom(seed: 0xB10C)
    var failures: [String] = []
    for round in 0..<5_000 {
      let bytes = Self.randomBytes(64 * (1 + random.below(6)), &random)
      let expected = Self.modelBlocks(bytes)
      for kernel in ByteClassKernel.available {
        let actual = Self.indexedBlocks(bytes, kernel: kernel)
        if actual != expected {
          let k = actual.indices.first { actual[$0] != expected[$0] } ?? 0
          failures.append("\(kernel) round \(round) block \(k): \(actual[k]) instead of \(expected[k])")
        }
      }
    }
    let differences = failures.count
    #expect(differences == 0, "\(failures.prefix(3))")
  }

  @Test("a run of backslashes escapes the next byte only when it is odd, also across blocks")
  func backslashRunsAcrossBlocks() {
    var failures: [String] = []
    for run in 0...130 {
      for start in [1, 30, 60, 62, 63] {
        // A string holding `run` backslashes then a quote, from `start`.
        var bytes = [UInt8](repeating: 0x61, count: 256)
        bytes[0] = 0x22
        for k in 0..<run where start + k < 250 { bytes[start + k] = 0x5C }
        bytes[min(start + run, 250)] = 0x22
        let expected = Self.modelBlocks(bytes)
        for kernel in ByteClassKernel.available where Self.indexedBlocks(bytes, kernel: kernel) != expected {
          failures.append("\(kernel): run \(run) from \(start)")
        }
      }
    }
    #expect(failures.isEmpty, "\(failures.prefix(5))")
  }

  @Test("prefixXOR is the running parity of the bits")
  func prefixXOR() {
    var random = StreamingRandom(seed: 7)
    for _ in 0..<1_000 {
      let x = random.next()
      var parity: UInt64 = 0
      var expected: UInt64 = 0
      for k in 0..<64 {
        parity ^= (x >> UInt64(k)) & 1
        expected |= parity << UInt64(k)
      }
      #expect(StructuralIndexer.prefixXOR(x) == expected)
    }
  }
}

/// Stage 1 reads whole blocks, past the object's end: what follows the object in the buffer must
/// change nothing, however malformed.
@Suite("StructuralCursor")
struct StructuralCursorTests {
  @Test("an object followed by any bytes in the same buffer: complete at the object's end")
  func bytesAfterTheObjectChangeNothing() {
    var g = ItemObjectGenerator(seed: 0xAF7E)
    var random = StreamingRandom(seed: 0xAF7F)
    var failures: [String] = []
    for round in 0..<3_000 {
      let (object, members) = g.object()
      let after = StructuralIndexerTests.randomBytes(random.below(140), &random)
      // An unterminated string, a control byte or a lone continuation byte right after the end.
      let lead: [[UInt8]] = [[], [0x22], [0x01], [0x80], [0x5C], [0x22, 0x5C]]
      let bytes = object + random.pick(lead) + after
      var scanner = ItemScanner(keys: ItemObjectGenerator.keys)
      let outcome = bytes.withUnsafeBufferPointer { scanner.scan($0, from: 0, depth: 0) }
      if outcome != .complete(end: object.count) || scanner.members != members {
        failures.append("round \(round): \(outcome) for \(object.count) bytes")
      }
    }
    #expect(failures.isEmpty, "\(failures.count) failures: \(failures.prefix(3))")
  }
}
