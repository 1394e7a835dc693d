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
    var edits: [(Range<Int>, String)] = []
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
    Item, [(Range<Int>, String)]
  ) {
    guard entry.problem == nil, let query = entry.query else { return (Item(entry: entry, rewrite: nil), []) }
    let r = rewriter.rewrite(query: query, provider: entry.provider)
    var newQuery: String?
    var newProvider: String?
    if r.status == .rewritten {
      if r.query != query { newQuery = r.query }
      if let p = r.provider, p != entry.provider { newProvider = p }
    }
    return (
      Item(entry: entry, rewrite: r), SavedSearchFile.edits(entry, query: newQuery, provider: newProvider)
    )
  }

  /// The report for stderr: one block per search, then the totals.
  package var report: String {
    items.map(Self.report(of:)).joined()
      + Self.totals(
        count: items.count, rewritten: rewrittenCount, unchanged: unchangedCount, failed: errorCount)
  }

  /// One search's block of the report.
  package static func report(of item: Item) -> String {
    // Built as bytes in one buffer (each search has a block, so this runs for every one).
    var out: [UInt8] = []
    out.reserveCapacity(64 + (item.rewrite.map { $0.original.utf8.count + $0.query.utf8.count } ?? 0))
    func add(_ text: String) { out += text.utf8 }
    add("#")
    add(String(item.entry.index + 1))
    add(" (line ")
    add(String(item.entry.line))
    add(")")
    if let name = item.entry.name {
      add(" ")
      JSONValue.writeString(name, to: &out)
    }
    guard let r = item.rewrite else {
      add(": error: ")
      add(item.entry.problem ?? "not a saved search")
      add("\n")
      return String(decoding: out, as: UTF8.self)
    }
    add(": ")
    add(r.status.rawValue)
    add("\n")
    switch r.status {
    case .rewritten:
      add("  - ")
      add(r.original)
      add("\n  + ")
      add(r.query)
      add("\n")
      if let p = r.provider, p != item.entry.provider { add("  provider: \(p)\n") }
    case .error:
      for d in r.diagnostics {
        add(
          d.render(source: r.diagnosticSource).split(separator: "\n", omittingEmptySubsequences: false)
            .map { "  " + $0 }.joined(separator: "\n") + "\n")
      }
    case .unchanged: break
    }
    if r.neverMatches { add("  warning: this search can never match an invoice\n") }
    for w in r.warnings { add("  warning: \(w)\n") }
    return String(decoding: out, as: UTF8.self)
  }

  /// The report's last line.
  static func totals(count: Int, rewritten: Int, unchanged: Int, failed: Int) -> String {
    "\(count) searches: \(rewritten) rewritten, \(unchanged) unchanged, \(failed) failed\n"
  }
}
