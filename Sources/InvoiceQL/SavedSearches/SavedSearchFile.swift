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
package struct SavedSearchFile: Sendable {
  package enum Layout: String, Sendable { case array, jsonLines }

  /// One element of the file.
  package struct Entry: Sendable, Hashable {
    /// 0-based position among the searches.
    package var index: Int
    /// 1-based line of the file where the element starts.
    package var line: Int
    /// The element's bytes in the file.
    package var range: Range<Int>
    /// The decoded `query` string; nil when the element has none (see `problem`).
    package var query: String?
    /// The bytes of the `query` string token, quotes included.
    package var queryRange: Range<Int>?
    package var name: String?
    package var provider: String?
    /// The bytes of the `provider` string token, quotes included.
    package var providerRange: Range<Int>?
    /// Why this element is not a usable saved search (bad JSON line, not an object, no string `query`).
    package var problem: String?
  }

  package var layout: Layout
  package var bytes: [UInt8]
  package var entries: [Entry]

  /// Reads a file's bytes. Throws only when a JSON array file is not valid JSON.
  package init(bytes: [UInt8]) throws(JSONStreamError) {
    self.bytes = bytes
    (layout, entries) = try SavedSearchReader.entries(of: bytes)
  }

  /// One non-blank line of a JSON Lines file (`r` starts after its leading blank space; `range` is
  /// the line): a malformed line is one search with a problem, not an unreadable file.
  static func readLine(_ r: inout JSONTextReader, index: Int, line: Int, range: Range<Int>) -> Entry {
    do throws(JSONStreamError) {
      var entry = try readElement(&r, index: index, line: line)
      r.skipWhitespace()
      if !r.atEnd { throw r.error("unexpected text after the object on this line") }
      entry.range = range
      return entry
    } catch {
      return Entry(
        index: index, line: line, range: range,
        problem: "invalid JSON at column \(error.byteOffset - range.lowerBound + 1): \(error.message)")
    }
  }

  /// The members a saved search's object is read for, in the order `readElement` tells them by.
  private static let memberNames = JSONTextReader.MemberNames(["query", "name", "provider"])

  /// One element (`r` at its first byte), which is a saved search when it is an object with a string
  /// `query`; `line` is the line it starts on.
  static func readElement(_ r: inout JSONTextReader, index: Int, line: Int) throws(JSONStreamError) -> Entry {
    let start = r.offset
    guard r.peek() == UInt8(ascii: "{") else {
      try r.skipValue(depth: 1)
      return Entry(index: index, line: line, range: start..<r.offset, problem: "not an object")
    }
    var sawQuery = false
    // The members are gathered in locals and the entry built once, at the end (not copied in and
    // out of the closure).
    var query: String?
    var queryRange: Range<Int>?
    var name: String?
    var provider: String?
    var providerRange: Range<Int>?
    // Only these members are decoded; the others are checked and skipped. Duplicate members: the
    // last one wins, as in the reference JSON reading.
    try r.pickMembers(depth: 1, Self.memberNames) { (picked: Int, range: Range<Int>, value: String?) in
      switch picked {
      case 0:
        sawQuery = true
        query = value
        queryRange = value == nil ? nil : range
      case 1: name = value
      default:
        provider = value
        providerRange = value == nil ? nil : range
      }
    }
    return Entry(
      index: index, line: line, range: start..<r.offset, query: query, queryRange: queryRange, name: name,
      provider: provider, providerRange: providerRange,
      problem: query != nil ? nil : sawQuery ? "'query' is not a string" : "no 'query' member")
  }

  /// The file with replacement string values spliced in: `queries[i]` replaces entry `i`'s query
  /// (nil keeps it), `providers[i]` its provider string where it has one.
  package func splicing(queries: [Int: String], providers: [Int: String] = [:]) -> [UInt8] {
    var edits: [(Range<Int>, [UInt8])] = []
    for entry in entries {
      edits += Self.edits(entry, query: queries[entry.index], provider: providers[entry.index])
    }
    return Self.splice(bytes[...], at: 0, edits)
  }

  /// The edits that write `query` over the entry's query string and `provider` over its provider
  /// string (where it has one), in file order; each edit's text is the JSON string token's UTF-8.
  static func edits(_ entry: Entry, query: String?, provider: String?) -> [(Range<Int>, [UInt8])] {
    func token(_ s: String) -> [UInt8] {
      var bytes: [UInt8] = []
      JSONValue.writeString(s, to: &bytes)
      return bytes
    }
    var edits: [(Range<Int>, [UInt8])] = []
    if let query, let r = entry.queryRange { edits.append((r, token(query))) }
    if let provider, let r = entry.providerRange { edits.append((r, token(provider))) }
    if edits.count > 1 && edits[1].0.lowerBound < edits[0].0.lowerBound { edits.swapAt(0, 1) }
    return edits
  }

  /// `bytes` (the file's bytes from offset `offset`) with each edit's range (file offsets, in
  /// order, within `bytes`) replaced by its text (UTF-8).
  static func splice(_ bytes: ArraySlice<UInt8>, at offset: Int, _ edits: [(Range<Int>, [UInt8])]) -> [UInt8]
  {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 64)
    var cursor = bytes.startIndex
    for (range, text) in edits where range.lowerBound - offset + bytes.startIndex >= cursor {
      out += bytes[cursor..<(range.lowerBound - offset + bytes.startIndex)]
      out += text
      cursor = range.upperBound - offset + bytes.startIndex
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
