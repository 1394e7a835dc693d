import Foundation
import InvoiceQL
import InvoiceQLClient

/// The README's Swift examples, verbatim between `README begin` and `README end` (ReadmeTests checks
/// that these blocks and the README's are the same, in the same order). Each example is a function
/// so that the tests can run it on the bundled samples and a local fake server.
enum ReadmeExamples {
  static func plan() throws -> QueryPlan {
    // README begin
    let query = try InvoiceQuery("status in (open, paid) and dueDate < 2025-05-01")
    let plan = try query.plan(for: .elevate, now: Date(), timeZone: .current)
    print(plan.requests[0].url)  // /invoices?paymentStatus=in:PAID,PARTIALLY_PAID,UNPAID&dueDate=lt:2025-05-01&page=1&pageSize=1000
    print(plan.residual ?? "nothing left to check")  // status in (PAID, PARTIALLY_PAID, UNPAID) and dueDate < 2025-05-01
    // README end
    return plan
  }

  static func filter(body: Data) throws -> [InvoiceMatch] {
    var found: [InvoiceMatch] = []
    // README begin
    let filter = try InvoiceFilter("total > 100 sort by dueDate desc limit 3", provider: .elevate)
    for invoice in try filter.matches(in: body) {  // Data, [UInt8], any collection of bytes
      print(invoice.id ?? "-", invoice.json)
    }
    // README end
    found = try filter.matches(in: body)
    return found
  }

  static func filterFile(at fileURL: URL) async throws -> [String] {
    var ids: [String] = []
    // README begin
    let filter = try InvoiceFilter("status = open and dueDate < today", provider: .rhythm)
    for try await invoice in filter.matches(inFile: fileURL) {  // or chunks: / bytes: an AsyncSequence
      ids.append(invoice.id ?? "-")
    }
    // README end
    return ids
  }

  // README begin
  struct MyInvoice: Decodable {
    let id: Int
    let invoiceTotalAmount: Decimal
  }
  // README end

  static func decode(body: Data) throws -> [MyInvoice] {
    let filter = try InvoiceFilter("total > 100", provider: .elevate)
    // README begin
    let invoices = try filter.matches(in: body).map { try $0.decode(MyInvoice.self) }
    // README end
    return invoices
  }

  static func fetch(apiURL: URL, token: String) async throws -> [InvoiceMatch] {
    var all: [InvoiceMatch] = []
    // README begin
    let elevate = ProviderEndpoint(
      provider: .elevate, baseURL: apiURL, headers: ["Authorization": "Bearer \(token)"])
    for try await invoice in InvoiceClient().invoices(matching: "status = open limit 50", from: elevate) {
      all.append(invoice)
    }
    // README end
    return all
  }

  static func rewrite() -> SearchRewrite {
    // README begin
    let rewriter = SavedSearchRewriter(target: "elevate")
    let moved = rewriter.rewrite(query: "status = open and date_due < 2025-05-01", provider: "rhythm")
    print(moved.query)  // status = open and dueDate < 2025-05-01
    // README end
    return moved
  }

  static func importNative() throws -> ImportedQuery {
    // README begin
    let imported = try InvoiceQuery.importing("paymentStatus=in:UNPAID&dueDate=lt:2025-05-01", from: .elevate)
    print(imported.query)  // status in (UNPAID) and dueDate <= 2025-05-01
    print(imported.warnings.map(\.message))  // ["whether 'lt:' includes its bound is undocumented; …"]
    // README end
    return imported
  }
}
