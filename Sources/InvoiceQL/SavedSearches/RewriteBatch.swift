import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLProviders
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// Rewrites every search of a saved-search file and renders the report.
///
/// Each search is independent: one that fails keeps its bytes and the others go on. The output is
/// the input with only changed `query` (and, when retargeted, `provider`) string values spliced in.
package struct RewriteBatch: Sendable {
  /// One element's outcome; `rewrite` is nil for an element that is not a usable search.
  package struct Item: Sendable, Hashable {
    package var entry: SavedSearchFile.Entry
    package var rewrite: SearchRewrite?
    package var status: SearchRewrite.Status { rewrite?.status ?? .error }
  }

  package var items: [Item]
  /// The rewritten file.
  package var output: [UInt8]

  package var rewrittenCount: Int { items.count { $0.status == .rewritten } }
  package var unchangedCount: Int { items.count { $0.status == .unchanged } }
  package var errorCount: Int { items.count { $0.status == .error } }

  /// Rewrites `file`; `progress(done, total)` is called after each search.
  package init(
    file: SavedSearchFile, rewriter: SavedSearchRewriter, progress: (Int, Int) -> Void = { _, _ in }
  ) {
    var items: [Item] = []
    var edits: [(Range<Int>, [UInt8])] = []
    for entry in file.entries {
      let (item, itemEdits) = Self.rewrite(entry, with: rewriter)
      items.append(item)
      edits += itemEdits
      progress(items.count, file.entries.count)
    }
    self.items = items
    self.output = SavedSearchFile.splice(file.bytes[...], at: 0, edits)
  }

  /// One search rewritten: its outcome, and the edits (file offsets) that write it into the file.
  static func rewrite(_ entry: SavedSearchFile.Entry, with rewriter: SavedSearchRewriter) -> (
    Item, [(Range<Int>, [UInt8])]
  ) {
    let (r, edits) = rewritten(entry, with: rewriter)
    return (Item(entry: entry, rewrite: r), edits)
  }

  /// `rewrite(_:with:)`'s outcome without the `Item` (which holds a copy of the entry): the
  /// search's rewrite (nil for an element that is not a usable search) and its edits.
  static func rewritten(_ entry: SavedSearchFile.Entry, with rewriter: SavedSearchRewriter) -> (
    SearchRewrite?, [(Range<Int>, [UInt8])]
  ) {
    guard entry.problem == nil, let query = entry.query else { return (nil, []) }
    let r = rewriter.rewrite(query: query, provider: entry.provider)
    var newQuery: String?
    var newProvider: String?
    if r.status == .rewritten {
      if r.query != query { newQuery = r.query }
      if let p = r.provider, p != entry.provider { newProvider = p }
    }
    return (r, SavedSearchFile.edits(entry, query: newQuery, provider: newProvider))
  }

  /// The report for stderr: one block per search, then the totals.
  package var report: String {
    var out: [UInt8] = []
    for item in items { Self.writeReport(of: item, to: &out) }
    return String(decoding: out, as: UTF8.self)
      + Self.totals(
        count: items.count, rewritten: rewrittenCount, unchanged: unchangedCount, failed: errorCount)
  }

  /// One search's block of the report.
  package static func report(of item: Item) -> String {
    var out: [UInt8] = []
    writeReport(of: item, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends one search's block of the report to `out`, as UTF-8. Each search has a block, so this
  /// runs for every one: the text goes straight into the bytes (no `String` per part, numbers
  /// written as digits).
  static func writeReport(of item: Item, to out: inout [UInt8]) {
    writeReport(of: item.entry, item.rewrite, to: &out)
  }

  /// `writeReport(of:to:)` for the item of `entry` and its `rewrite`.
  static func writeReport(of entry: SavedSearchFile.Entry, _ rewrite: SearchRewrite?, to out: inout [UInt8]) {
    // Room for the block, growing the buffer geometrically: reserving just the block's size for
    // each of many blocks into one buffer (the whole-file report) copied it every time.
    let needed = out.count + 64 + (rewrite.map { $0.original.utf8.count + $0.query.utf8.count } ?? 0)
    if out.capacity < needed { out.reserveCapacity(Swift.max(needed, 2 * out.capacity)) }
    // Literal text is `put`, everything else `add`ed.
    func put(_ text: StaticString) {
      text.withUTF8Buffer { out.append(contentsOf: $0) }
    }
    func add(_ text: String) {
      var text = text
      text.withUTF8 { out.append(contentsOf: $0) }
    }
    func add(_ text: Substring) {
      var text = text
      text.withUTF8 { out.append(contentsOf: $0) }
    }
    func add(_ number: Int) {
      guard number >= 0 else { return add(String(number)) }
      // The digits, first first: from the largest power of ten not above the number.
      var power = 1
      while power <= number / 10 { power *= 10 }
      repeat {
        out.append(UInt8(48 + (number / power) % 10))
        power /= 10
      } while power > 0
    }
    put("#")
    add(entry.index + 1)
    put(" (line ")
    add(entry.line)
    if let name = entry.name {
      put(") ")
      JSONValue.writeString(name, to: &out)
    } else {
      put(")")
    }
    guard let r = rewrite else {
      put(": error: ")
      if let problem = entry.problem { add(problem) } else { put("not a saved search") }
      put("\n")
      return
    }
    // ": " and the status's raw value and the line's end, as one literal each.
    switch r.status {
    case .unchanged: put(": unchanged\n")
    case .rewritten: put(": rewritten\n")
    case .error: put(": error\n")
    }
    switch r.status {
    case .rewritten:
      put("  - ")
      add(r.original)
      put("\n  + ")
      add(r.query)
      put("\n")
      if let p = r.provider, p != entry.provider {
        put("  provider: ")
        add(p)
        put("\n")
      }
    case .error:
      for d in r.diagnostics {
        // Each line of the rendered diagnostic indented by two spaces.
        for line in d.render(source: r.diagnosticSource).split(
          separator: "\n", omittingEmptySubsequences: false)
        {
          put("  ")
          add(line)
          put("\n")
        }
      }
    case .unchanged: break
    }
    if r.neverMatches { put("  warning: this search can never match an invoice\n") }
    for w in r.warnings {
      put("  warning: ")
      add(w)
      put("\n")
    }
  }

  /// The report's last line.
  static func totals(count: Int, rewritten: Int, unchanged: Int, failed: Int) -> String {
    "\(count) searches: \(rewritten) rewritten, \(unchanged) unchanged, \(failed) failed\n"
  }
}
