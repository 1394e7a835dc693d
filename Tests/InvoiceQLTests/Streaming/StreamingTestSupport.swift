import Foundation
import TestSupport

@testable import InvoiceQL
@testable import InvoiceQLImport
@testable import InvoiceQLJSON
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSavedSearches
@testable import InvoiceQLSemantics
@testable import InvoiceQLStreaming
@testable import InvoiceQLSyntax

/// The shared seeded SplitMix64 with the helpers the streaming property tests use.
struct StreamingRandom {
  private var base: SplitMix64
  init(seed: UInt64) { base = SplitMix64(seed: seed) }
  mutating func next() -> UInt64 { base.next() }
  /// Uniform in `0..<n` (n > 0).
  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
  mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// What a scan produced: the events (keys decoded) and the compact bytes, or the error.
struct ScanTrace: Equatable {
  var events: [String] = []
  var compact: [UInt8] = []
}

/// Scans `bytes` cut at `cuts` (sorted offsets), capturing everything and recording events at or
/// above `reportDepth`.
func streamingScan(_ bytes: [UInt8], cuts: [Int], reportDepth: Int = 2) throws(JSONStreamError)
  -> ScanTrace
{
  var scanner = JSONScanner(reportDepth: reportDepth)
  scanner.isCapturing = true
  var trace = ScanTrace()
  var start = 0
  func record(_ scanner: JSONScanner, _ event: JSONScanner.Event) {
    switch event {
    case .begin(let d, let k, let o): trace.events.append("begin \(d) \(k) @\(o)")
    case .key(let d): trace.events.append("key \(d) \(JSONReader.unescape(scanner.keyBytes))")
    case .end(let d): trace.events.append("end \(d) @\(scanner.byteOffset)")
    }
  }
  for cut in cuts + [bytes.count] where cut >= start {
    try scanner.scan(bytes[start..<cut]) { s, e throws(JSONStreamError) in record(s, e) }
    start = cut
  }
  while let event = try scanner.finish() { record(scanner, event) }
  trace.compact = scanner.captured
  return trace
}

/// Whitespace outside strings removed: the compaction the scanner must produce, written naively.
func streamingNaiveCompact(_ bytes: [UInt8]) -> [UInt8] {
  var out: [UInt8] = []
  var inString = false
  var escaped = false
  for b in bytes {
    if inString {
      out.append(b)
      if escaped {
        escaped = false
      } else if b == UInt8(ascii: "\\") {
        escaped = true
      } else if b == UInt8(ascii: "\"") {
        inString = false
      }
    } else if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 {
      continue
    } else {
      out.append(b)
      if b == UInt8(ascii: "\"") { inString = true }
    }
  }
  return out
}

/// The error a whole-body scan throws, if any.
func streamingError(_ bytes: [UInt8]) -> JSONStreamError? {
  do throws(JSONStreamError) {
    try JSONScanner.validate(bytes)
    return nil
  } catch {
    return error
  }
}

/// A random JSON document as text: nested objects and arrays, escapes, non-ASCII, surrogate pairs,
/// numbers of every shape, random whitespace.
struct StreamingJSONGenerator {
  var random: StreamingRandom
  var whitespace = true

  mutating func space() -> String {
    guard whitespace, random.chance(30) else { return "" }
    return random.pick([" ", "\n", "\t", "\r\n", "  "])
  }

  mutating func string() -> String {
    let pieces = [
      "a", "Z", "inv-1", " ", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\b", "\\f", "\\r", "\\u00e9",
      "\\uD83D\\uDE00", "é", "€", "😀", "日本", "\\u0000", "\\u001F", "total", "status", "ü",
    ]
    var s = "\""
    for _ in 0..<random.below(6) { s += random.pick(pieces) }
    return s + "\""
  }

  mutating func number() -> String {
    var s = random.chance(30) ? "-" : ""
    s += random.chance(20) ? "0" : String(1 + random.below(99_999))
    if random.chance(40) { s += "." + String(random.below(1000)) }
    if random.chance(15) {
      s += random.pick(["e", "E"]) + random.pick(["", "+", "-"]) + String(random.below(99))
    }
    return s
  }

  mutating func value(depth: Int) -> String {
    let roll = random.below(depth > 4 ? 6 : 10)
    switch roll {
    case 0, 1: return string()
    case 2, 3: return number()
    case 4: return random.pick(["true", "false", "null"])
    case 5: return string()
    case 6, 7:
      let n = random.below(5)
      let members = (0..<n).map { _ in
        space() + string() + space() + ":" + space() + value(depth: depth + 1) + space()
      }
      return "{" + members.joined(separator: ",") + space() + "}"
    default:
      let n = random.below(5)
      let elements = (0..<n).map { _ in space() + value(depth: depth + 1) + space() }
      return "[" + elements.joined(separator: ",") + space() + "]"
    }
  }
}
