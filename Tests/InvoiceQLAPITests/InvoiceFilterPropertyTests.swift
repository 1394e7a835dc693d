import Foundation
import InvoiceQL
import Testing

/// `InvoiceFilter` against a reference: every match of the body, stably sorted with nulls last by
/// `InvoiceSorter` and cut to the limit — whatever the chunking, and through every input it takes.
@Suite struct InvoiceFilterPropertyTests {
  static let now = Date(timeIntervalSince1970: 1_747_310_400)

  /// Every sortable top-level field of `provider`, with each sample query, under a few limits.
  static func cases(_ provider: Provider) -> [String] {
    let filters = [provider.sample.query] + provider.sample.moreQueries + ["id is not null"]
    let fields = provider.catalog.canonicalFields.keys.sorted().filter {
      ["dueDate", "status", "total"].contains($0)
    }
    var out: [String] = []
    for filter in filters {
      for limit in ["", " limit 0", " limit 2"] {
        out.append(filter + limit)
        for field in fields { out.append("\(filter) sort by \(field) desc\(limit)") }
      }
    }
    return out.filter { (try? InvoiceQuery($0).check(for: provider, now: now)) != nil }
  }

  /// The reference answer: all matches (no sort, no limit), sorted on the whole invoice, cut.
  static func reference(_ text: String, _ provider: Provider, _ body: Data) throws -> [String] {
    let bound = try InvoiceQuery(text).bound(for: provider, now: now, timeZone: InvoiceQuery.utc)
    var all = provider.responseFilter(bound.filter)
    var found = try all.feed(body)
    _ = try all.finish()
    found = InvoiceSorter.sorted(found, by: bound.sort) { $0.value() }
    return found.prefix(bound.limit ?? .max).map(\.json)
  }

  @Test(arguments: Provider.all)
  func sortAndLimitGiveTheFullSortCutToTheLimitForAnyChunking(provider: Provider) async throws {
    let body = Data(provider.sample.body.utf8)
    let cases = Self.cases(provider)
    #expect(cases.filter { $0.contains("sort by") && $0.contains("limit") }.count >= 3)
    for text in cases {
      let expected = try Self.reference(text, provider, body)
      let filter = try InvoiceFilter(text, provider: provider, now: Self.now)
      #expect(try filter.matches(in: body).map(\.json) == expected, "\(text)")
      for size in [1, 61] {
        var chunked = filter
        var got: [InvoiceMatch] = []
        var start = body.startIndex
        while start < body.endIndex {
          let end = body.index(start, offsetBy: size, limitedBy: body.endIndex) ?? body.endIndex
          got += try chunked.feed(body[start..<end])
          start = end
        }
        got += try chunked.finish()
        #expect(got.map(\.json) == expected, "\(text) in chunks of \(size)")
      }
      var viaChunks: [String] = []
      let chunks = AsyncStream<Data> { c in
        var start = body.startIndex
        while start < body.endIndex {
          let end = body.index(start, offsetBy: 13, limitedBy: body.endIndex) ?? body.endIndex
          c.yield(body[start..<end])
          start = end
        }
        c.finish()
      }
      for try await match in filter.matches(chunks: chunks) { viaChunks.append(match.json) }
      #expect(viaChunks == expected, "\(text) as chunks")
      var viaBytes: [String] = []
      let bytes = AsyncStream<UInt8> { c in
        for byte in body { c.yield(byte) }
        c.finish()
      }
      for try await match in filter.matches(bytes: bytes) { viaBytes.append(match.json) }
      #expect(viaBytes == expected, "\(text) as bytes")
    }
  }
}
