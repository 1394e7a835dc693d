import Testing

@testable import InvoiceQL

/// Stage 1 going on from one object to the next in the same buffer (`scan(…, after:)`): the same
/// answers as scanning each object afresh, and a fresh start whenever anything but a comma and
/// whitespace lies between.
extension ItemScannerTests {
  /// What may lie between two objects: separators stage 1 goes on through, and bytes it must not.
  static let gaps = [
    ",", " , ", ",\n      ", "\n,\n", ",\t\r\n ", String(repeating: " ", count: 70) + ",",
    "", ",,", "\"", " \" , ", "x", "]", "\\", ", \u{1}", ", é ",
  ]

  @Test("objects in a row: scanned with `after:` exactly as each afresh, going on through separators only")
  func resumingAcrossObjectsAgreesWithFreshScans() {
    var g = Generator(seed: 0x5E5_0E5)
    var failures: [String] = []
    var resumptions = 0
    var separatorGaps = 0
    for round in 0..<600 {
      // Several objects (some mutated) with gaps between, scanned one after the other.
      var bytes: [UInt8] = []
      var starts: [Int] = []
      var gapIsSeparators: [Bool] = []
      for k in 0..<(2 + g.random.below(4)) {
        if k > 0 {
          let gap = g.random.pick(Self.gaps)
          bytes += gap.utf8
          let bytes = Array(gap.utf8)
          gapIsSeparators.append(
            bytes.filter { $0 == UInt8(ascii: ",") }.count <= 1
              && bytes.allSatisfy { " ,\t\r\n".utf8.contains($0) })
        }
        starts.append(bytes.count)
        let (object, _) = g.object()
        bytes += g.random.chance(15) ? Generator.mutate(object, &g.random) : object
      }
      var scanner = ItemScanner(keys: Generator.keys)
      var previousEnd: Int?
      for (k, start) in starts.enumerated() where bytes[start] == UInt8(ascii: "{") {
        let before = scanner.progress.resumptions
        let resumed = bytes.withUnsafeBufferPointer {
          scanner.scan($0, from: start, depth: 1, after: previousEnd)
        }
        let didResume = scanner.progress.resumptions > before
        let fresh = Self.scan(bytes, start: start, depth: 1)
        // Members only count for a complete object (a rejected one's are whatever the walk saw).
        if resumed != fresh.0 || (fresh.0 != .rejected && scanner.members != fresh.1) {
          failures.append(
            "round \(round) object \(k): \(resumed) not \(fresh.0) in \(Generator.show(bytes[...]))")
        }
        // It goes on only right after a complete object, through whitespace and a comma at most.
        if didResume && !(previousEnd != nil && gapIsSeparators[k - 1]) {
          failures.append("round \(round) object \(k): resumed across a gap that is not separators")
        }
        if didResume { resumptions += 1 }
        if previousEnd != nil && gapIsSeparators[k - 1] { separatorGaps += 1 }
        if case .complete(let end) = resumed { previousEnd = end } else { previousEnd = nil }
      }
    }
    #expect(failures.isEmpty, "\(failures.count) differences: \(failures.prefix(3))")
    // Most separator gaps after a complete object resume (not those past the indexed blocks).
    #expect(resumptions > separatorGaps * 3 / 4, "\(resumptions) resumptions for \(separatorGaps) gaps")
  }
}

extension ItemScannerTests {
  @Test("`after:` past the start (a misuse) starts afresh, as a fresh scanner would")
  func afterPastTheStartStartsAfresh() {
    let bytes = Array(#"{"a":{}}"#.utf8)
    var scanner = ItemScanner(keys: Generator.keys)
    let first = bytes.withUnsafeBufferPointer { scanner.scan($0, from: 0, depth: 1) }
    #expect(first == .complete(end: 8))
    let inner = bytes.withUnsafeBufferPointer { scanner.scan($0, from: 5, depth: 1, after: 8) }
    #expect(inner == Self.scan(bytes, start: 5, depth: 1).0)
    #expect(inner == .complete(end: 7))
  }

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
}

extension ItemScannerTests {
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
