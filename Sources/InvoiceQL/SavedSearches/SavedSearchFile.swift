import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLProviders
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// A file of saved searches, read so that it can be written back with only the `query` values
/// (and, when retargeting, the `provider` values) changed — every other byte stays as it was.
///
/// Two layouts are accepted: a JSON array of objects, or JSON Lines (one object per line; blank
/// lines kept). Each object has a string `query` and optionally `name`, `provider` and anything else.
/// In JSON Lines a malformed line is one failed search, not a failed file; in an array a syntax
/// error makes the whole file unreadable (its element boundaries cannot be trusted).
public struct SavedSearchFile: Sendable {
  public enum Layout: String, Sendable { case array, jsonLines }

  /// One element of the file.
  public struct Entry: Sendable, Hashable {
    /// 0-based position among the searches.
    public var index: Int
    /// 1-based line of the file where the element starts.
    public var line: Int
    /// The element's bytes in the file.
    public var range: Range<Int>
    /// The decoded `query` string; nil when the element has none (see `problem`).
    public var query: String?
    /// The bytes of the `query` string token, quotes included.
    public var queryRange: Range<Int>?
    public var name: String?
    public var provider: String?
    /// The bytes of the `provider` string token, quotes included.
    public var providerRange: Range<Int>?
    /// Why this element is not a usable saved search (bad JSON line, not an object, no string `query`).
    public var problem: String?
  }

  public var layout: Layout
  public var bytes: [UInt8]
  public var entries: [Entry]

  /// Reads a file's bytes. Throws only when a JSON array file is not valid JSON.
  public init(bytes: [UInt8]) throws(JSONStreamError) {
    self.bytes = bytes
    var start = 0
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
    var probe = JSONTextReader(bytes: bytes, from: start)
    probe.skipWhitespace()
    if probe.peek() == UInt8(ascii: "[") {
      layout = .array
      entries = try Self.readArray(bytes, from: probe.offset)
    } else {
      layout = .jsonLines
      entries = Self.readLines(bytes, from: start)
    }
  }

  private static func readArray(_ bytes: [UInt8], from start: Int) throws(JSONStreamError) -> [Entry] {
    var r = JSONTextReader(bytes: bytes, from: start)
    try r.expect(UInt8(ascii: "["), "'['")
    var entries: [Entry] = []
    let lines = LineTable(bytes)
    r.skipWhitespace()
    if r.peek() == UInt8(ascii: "]") {
      r.offset += 1
    } else {
      while true {
        r.skipWhitespace()
        entries.append(try readElement(&r, index: entries.count, lines: lines))
        r.skipWhitespace()
        if r.peek() == UInt8(ascii: ",") {
          r.offset += 1
          continue
        }
        try r.expect(UInt8(ascii: "]"), "',' or ']'")
        break
      }
    }
    r.skipWhitespace()
    guard r.atEnd else { throw r.error("unexpected text after the array") }
    return entries
  }

  private static func readLines(_ bytes: [UInt8], from start: Int) -> [Entry] {
    var entries: [Entry] = []
    let lines = LineTable(bytes)
    var lineStart = start
    while lineStart < bytes.count {
      var lineEnd = lineStart
      while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
      var r = JSONTextReader(bytes: bytes, from: lineStart, to: lineEnd)
      r.skipWhitespace()
      if !r.atEnd {
        let index = entries.count
        do throws(JSONStreamError) {
          var entry = try readElement(&r, index: index, lines: lines)
          r.skipWhitespace()
          if !r.atEnd { throw r.error("unexpected text after the object on this line") }
          entry.range = lineStart..<lineEnd
          entries.append(entry)
        } catch {
          entries.append(
            Entry(
              index: index, line: lines.line(of: lineStart), range: lineStart..<lineEnd,
              problem: "invalid JSON at column \(error.offset - lineStart + 1): \(error.message)"))
        }
      }
      lineStart = lineEnd + 1
    }
    return entries
  }

  private static func readElement(
    _ r: inout JSONTextReader, index: Int, lines: LineTable
  ) throws(JSONStreamError) -> Entry {
    let start = r.offset
    var entry = Entry(index: index, line: lines.line(of: start), range: start..<start)
    guard r.peek() == UInt8(ascii: "{") else {
      _ = try r.value(depth: 1)
      entry.range = start..<r.offset
      entry.problem = "not an object"
      return entry
    }
    var sawQuery = false
    try r.objectMembers(depth: 1) { (key: String, range: Range<Int>, value: JSONValue) in
      // Duplicate members: the last one wins, as in the reference JSON reading.
      switch (key, value) {
      case ("query", .string(let q)):
        sawQuery = true
        entry.query = q
        entry.queryRange = range
      case ("query", _):
        sawQuery = true
        entry.query = nil
        entry.queryRange = nil
      case ("name", .string(let n)): entry.name = n
      case ("name", _): entry.name = nil
      case ("provider", .string(let p)):
        entry.provider = p
        entry.providerRange = range
      case ("provider", _):
        entry.provider = nil
        entry.providerRange = nil
      default: break
      }
    }
    entry.range = start..<r.offset
    if entry.query == nil {
      entry.problem = sawQuery ? "'query' is not a string" : "no 'query' member"
    }
    return entry
  }

  /// The file with replacement string values spliced in: `queries[i]` replaces entry `i`'s query
  /// (nil keeps it), `providers[i]` its provider string where it has one.
  public func splicing(queries: [Int: String], providers: [Int: String] = [:]) -> [UInt8] {
    var edits: [(Range<Int>, String)] = []
    for entry in entries {
      if let q = queries[entry.index], let r = entry.queryRange {
        edits.append((r, JSONStringEncoder.encode(q)))
      }
      if let p = providers[entry.index], let r = entry.providerRange {
        edits.append((r, JSONStringEncoder.encode(p)))
      }
    }
    edits.sort { $0.0.lowerBound < $1.0.lowerBound }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var cursor = 0
    for (range, text) in edits where range.lowerBound >= cursor {
      out += bytes[cursor..<range.lowerBound]
      out += Array(text.utf8)
      cursor = range.upperBound
    }
    out += bytes[cursor...]
    return out
  }
}

/// Byte offset → 1-based line number, by binary search over line starts.
struct LineTable: Sendable {
  private var starts: [Int] = [0]
  init(_ bytes: [UInt8]) {
    for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
  }
  func line(of offset: Int) -> Int {
    var lo = 0
    var hi = starts.count
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if starts[mid] <= offset { lo = mid } else { hi = mid }
    }
    return lo + 1
  }
  func column(of offset: Int) -> Int { offset - starts[line(of: offset) - 1] + 1 }
}
