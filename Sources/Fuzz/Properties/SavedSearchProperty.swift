import InvoiceQL

/// Saved-search files (a JSON array or JSON Lines of `{"query", "name", "provider", …}`): rewritten
/// by `invoiceql rewrite`, with simplification, rename rules or retargeting.
///
/// The input is a rewriter setting, then the file. The property: nothing crashes; a file that reads
/// reads back after rewriting with the same searches in the same order (same names, same unusable
/// elements), each holding its rewritten query and provider; rewriting the output again changes no
/// byte and rewrites no search.
package enum SavedSearchProperty {
  static let rules = RewriteRules(
    fields: [
      .init(from: ["paymentStatusUpdatedDate"], to: ["paymentStatusUpdatedTime"], provider: "elevate"),
      .init(from: ["erpData"], to: ["erp"], provider: "softwareone"),
    ],
    values: [.init(field: ["status"], from: "written off", to: "writtenOff", provider: "rhythm")])

  static let rewriters = [
    SavedSearchRewriter(),
    SavedSearchRewriter(rules: rules),
    SavedSearchRewriter(target: "softwareone"),
    SavedSearchRewriter(rules: rules, target: "elevate", simplifies: false),
  ]

  package static func check(_ input: [UInt8]) throws(PropertyViolation) {
    var reader = FuzzReader(input)
    let rewriter = reader.pick(rewriters)
    let bytes = reader.rest()
    guard let file = try? SavedSearchFile(bytes: bytes) else { return }
    let batch = RewriteBatch(file: file, rewriter: rewriter)
    _ = batch.report
    guard batch.items.count == file.entries.count else {
      throw PropertyViolation("\(file.entries.count) searches in, \(batch.items.count) rewritten")
    }
    let reread: SavedSearchFile
    do {
      reread = try SavedSearchFile(bytes: batch.output)
    } catch {
      throw PropertyViolation("the rewritten file does not read: \(error)")
    }
    guard reread.entries.count == file.entries.count, reread.layout == file.layout else {
      throw PropertyViolation(
        "\(file.entries.count) searches (\(file.layout)) became \(reread.entries.count) (\(reread.layout))")
    }
    for (item, after) in zip(batch.items, reread.entries) {
      let before = item.entry
      guard after.index == before.index, after.name == before.name,
        (after.problem == nil) == (before.problem == nil)
      else {
        throw PropertyViolation("search #\(before.index) (\(before.name ?? "unnamed")) was moved or changed")
      }
      let rewritten = item.rewrite?.status == .rewritten
      let query = rewritten ? item.rewrite?.query : before.query
      guard after.query == query else {
        throw PropertyViolation(
          "search #\(before.index) holds \(after.query ?? "nil"), not \(query ?? "nil")")
      }
      let provider =
        rewritten && before.providerRange != nil ? item.rewrite?.provider ?? before.provider : before.provider
      guard after.provider == provider else {
        throw PropertyViolation(
          "search #\(before.index) has provider \(after.provider ?? "nil"), not \(provider ?? "nil")")
      }
    }
    let again = RewriteBatch(file: reread, rewriter: rewriter)
    if let item = again.items.first(where: { $0.status == .rewritten }) {
      throw PropertyViolation(
        "not idempotent: search #\(item.entry.index) \(item.entry.query ?? "") is rewritten again to \(item.rewrite?.query ?? "")"
      )
    }
    guard again.output == batch.output else {
      throw PropertyViolation("rewriting the rewritten file changed its bytes")
    }
  }
}
