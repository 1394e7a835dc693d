import Testing

@testable import InvoiceQLJSON
@testable import InvoiceQLSavedSearches

/// The first line of a search's block in the rewrite report, which `writeReport` spells from
/// literals per status.
@Suite("RewriteBatch report blocks")
struct RewriteReportTests {
  @Test(
    "each block begins '#n (line l)', the name as a JSON string when there is one, then ': ' and the status's raw value"
  )
  func blockHeaderSpellsTheStatus() throws {
    let lines = [
      #"{"name": "a", "query": "status = open"}"#,
      #"{"provider": "rhythm", "query": "total > 1 and total > 2"}"#,
      #"{"name": "c\"d", "query": "status ="}"#,
      #"{"name": "e", "provider": "rhythm", "query": "total > 1 and total > 2"}"#,
      #"{"query": "status = paid"}"#,
      #"{"query": "status ="}"#,
      "[1]",
    ]
    let file = try SavedSearchFile(bytes: Array(lines.joined(separator: "\n").utf8))
    let batch = RewriteBatch(file: file, rewriter: SavedSearchRewriter())
    #expect(Set(batch.items.map(\.status)) == [.unchanged, .rewritten, .error])
    for item in batch.items {
      var name: [UInt8] = []
      if let n = item.entry.name {
        name = Array(" ".utf8)
        JSONValue.writeString(n, to: &name)
      }
      let header =
        "#\(item.entry.index + 1) (line \(item.entry.line))\(String(decoding: name, as: UTF8.self)): "
        + item.status.rawValue
      let first = RewriteBatch.report(of: item).split(separator: "\n").first.map(String.init) ?? ""
      #expect(first == header || (item.rewrite == nil && first.hasPrefix(header + ": ")), "\(first)")
    }
  }
}
