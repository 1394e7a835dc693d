import Foundation
import Testing

@testable import InvoiceQL
@testable import InvoiceQLImport
@testable import InvoiceQLJSON
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSavedSearches
@testable import InvoiceQLSemantics
@testable import InvoiceQLStreaming
@testable import InvoiceQLSyntax

/// End to end per provider: query text → parse → bind → reference evaluation over hand-made invoices.
@Suite struct ProviderEvaluationTests {
  let match = QueryText.matching

  @Test func rhythm() {
    let invoices = [
      #"{"id": "a", "number": 1001, "status": "open", "date_due": "2025-04-30", "total": 100.10, "balance_due": -0, "currency_code": "EUR", "memo": "Partial REFUND", "sys_last_modified_at": "2025-04-20T10:00:00Z", "line_items": [{"product_id": "X", "product_type": "membership", "quantity": 3}]}"#,
      #"{"id": "b", "number": "1002", "status": "written off", "date_due": "2025-04-01", "total": "1e2", "balance_due": 5, "currency_code": "GBP", "line_items": []}"#,
      #"{"id": "c", "number": 1003.5, "status": "paid", "total": null, "memo": null, "sys_last_modified_at": "2025-03-01T10:00:00Z"}"#,
    ]
    #expect(
      match("status in (open, paid) and dueDate < 2025-05-01", "rhythm", invoices, BinderFixture.utc) == [0])
    #expect(match("status = writtenOff", "rhythm", invoices, BinderFixture.utc) == [1])
    #expect(match("status = \"written off\"", "rhythm", invoices, BinderFixture.utc) == [1])
    #expect(match("number = \"1001\" or number = 1002", "rhythm", invoices, BinderFixture.utc) == [0, 1])
    #expect(match("number != 1001", "rhythm", invoices, BinderFixture.utc) == [1])
    #expect(match("total = 100.1", "rhythm", invoices, BinderFixture.utc) == [0])
    #expect(match("total = 100", "rhythm", invoices, BinderFixture.utc) == [1])
    #expect(match("total != 100", "rhythm", invoices, BinderFixture.utc) == [0])
    #expect(match("balance = 0", "rhythm", invoices, BinderFixture.utc) == [0])
    #expect(
      match("not (currency = \"EUR\" or currency = \"GBP\")", "rhythm", invoices, BinderFixture.utc) == [])
    #expect(match("line_items.product_id = \"X\"", "rhythm", invoices, BinderFixture.utc) == [0])
    #expect(match("not (line_items.product_id = \"X\")", "rhythm", invoices, BinderFixture.utc) == [1, 2])
    #expect(
      match(
        "any(line_items, product_type = \"membership\" and quantity > 2)", "rhythm", invoices,
        BinderFixture.utc) == [0])
    #expect(match("all(line_items, quantity > 5)", "rhythm", invoices, BinderFixture.utc) == [1, 2])
    #expect(
      match("updatedAt >= today-30d and memo contains \"refund\"", "rhythm", invoices, BinderFixture.utc) == [
        0
      ])
    #expect(match("memo is null", "rhythm", invoices, BinderFixture.utc) == [1, 2])
    #expect(match("purchaseOrder is not null", "rhythm", invoices, BinderFixture.utc) == [])
  }

  @Test func elevate() {
    let invoices = [
      #"{"id": 501, "customerId": 70, "paymentStatus": "UNPAID", "dueDate": "2025-04-10", "createdDate": "2025-03-10T08:00:00", "invoiceTotalAmount": 53.0, "taxExempt": true, "usageBreakdown": [{"sellPrice": 26.5}]}"#,
      #"{"id": 502, "customerId": 71, "paymentStatus": "PAID", "dueDate": "2025-05-11", "createdDate": "2025-04-11T08:00:00", "invoiceTotalAmount": 401.61, "taxExempt": false, "usageBreakdown": []}"#,
      #"{"id": "503", "customerId": 72, "paymentStatus": "PARTIALLY_PAID", "dueDate": "2025-06-12", "invoiceTotalAmount": "81.47", "usageBreakdown": [{"sellPrice": 40.73}]}"#,
    ]
    #expect(match("status = open", "elevate", invoices, BinderFixture.utc) == [0, 2])
    #expect(match("status != open", "elevate", invoices, BinderFixture.utc) == [1])
    #expect(match("paymentStatus in (paid, unpaid)", "elevate", invoices, BinderFixture.utc) == [0, 1])
    #expect(match("id = \"501\" or id = 503", "elevate", invoices, BinderFixture.utc) == [0, 2])
    #expect(match("customerId in (70, 71)", "elevate", invoices, BinderFixture.utc) == [0, 1])
    #expect(match("usageBreakdown.sellPrice > 30", "elevate", invoices, BinderFixture.utc) == [2])
    #expect(match("createdDate = 2025-03-10", "elevate", invoices, BinderFixture.utc) == [0])
    #expect(
      match("dueDate between 2025-04-10 and 2025-05-11", "elevate", invoices, BinderFixture.utc) == [0, 1])
    #expect(match("taxExempt = false", "elevate", invoices, BinderFixture.utc) == [1])
    #expect(match("total >= 81.47", "elevate", invoices, BinderFixture.utc) == [1, 2])
  }

  @Test func roadsync() {
    let invoices = [
      #"{"id": "rs-0", "invoiceNumber": 88000, "status": "new", "amount": 3174.42, "createdAt": "2025-04-10 10:32:28Z", "customer": {"name": "Acme"}, "lineItems": [{"qty": 1}]}"#,
      #"{"id": "rs-1", "invoiceNumber": 88001, "status": "sent", "amount": 4743.77, "createdAt": "2025-04-11 11:32:28Z", "customer": {"name": "Café Fleet"}, "lineItems": [{"qty": 2}, {"qty": "x"}]}"#,
      #"{"id": "rs-2", "invoiceNumber": 88002, "status": "", "amount": -1E-400, "createdAt": "n/a"}"#,
    ]
    #expect(match("createdAt >= 2025-04-11", "roadsync", invoices, BinderFixture.utc) == [1])
    #expect(match("createdAt < 2025-04-11", "roadsync", invoices, BinderFixture.utc) == [0])
    #expect(match("number = 88001", "roadsync", invoices, BinderFixture.utc) == [1])
    #expect(match("customer.name contains \"CAFÉ\"", "roadsync", invoices, BinderFixture.utc) == [1])
    #expect(match("lineItems.qty >= 2", "roadsync", invoices, BinderFixture.utc) == [1])
    #expect(match("all(lineItems, qty >= 1)", "roadsync", invoices, BinderFixture.utc) == [0, 2])
    #expect(match("status = \"\"", "roadsync", invoices, BinderFixture.utc) == [2])
    #expect(match("total < 0", "roadsync", invoices, BinderFixture.utc) == [2])
    #expect(match("status in (NEW, Sent)", "roadsync", invoices, BinderFixture.utc) == [0, 1])
  }

  @Test func softwareone() {
    let invoices = [
      #"{"id": "INV-1", "status": "Issued", "audit": {"created": {"at": "2025-04-01T14:30:00.0000000+00:00"}}, "erpData": {"documentNo": "DOC-1", "dueDate": "2025-05-01T23:59:59.0000000+00:00", "invoiceTotal": 3312.97}, "price": {"currency": "EUR"}, "buyer": {"id": "BUY-1000"}}"#,
      #"{"id": "INV-2", "status": "Paid", "audit": {"created": {"at": "2025-04-02T00:30:00+02:00"}}, "erpData": {"documentNo": "DOC-2", "dueDate": "2025-05-04T00:00:00.0000000+00:00", "invoiceTotal": 2796.95}, "price": {"currency": "USD"}, "buyer": {"id": "BUY-1001"}}"#,
      #"{"id": "INV-3", "status": "Overdue", "erpData": null, "price": {"currency": "GBP"}}"#,
    ]
    #expect(match("dueDate = 2025-05-01", "softwareone", invoices, BinderFixture.utc) == [0])
    #expect(match("dueDate < 2025-05-04", "softwareone", invoices, BinderFixture.utc) == [0])
    #expect(match("status = open", "softwareone", invoices, BinderFixture.utc) == [0, 2])
    #expect(match("status = paid", "softwareone", invoices, BinderFixture.utc) == [1])
    #expect(match("createdAt < 2025-04-02", "softwareone", invoices, BinderFixture.utc) == [0, 1])
    #expect(match("createdAt = 2025-04-01T22:30:00Z", "softwareone", invoices, BinderFixture.utc) == [1])
    #expect(match("currency in (EUR, GBP)", "softwareone", invoices, BinderFixture.utc) == [0, 2])
    #expect(match("number startswith \"doc\"", "softwareone", invoices, BinderFixture.utc) == [0, 1])
    #expect(match("customerId = \"BUY-1001\"", "softwareone", invoices, BinderFixture.utc) == [1])
    #expect(match("total is null", "softwareone", invoices, BinderFixture.utc) == [2])
  }

  @Test func wethod() {
    let invoices = [
      #"{"id": 1, "status": "draft", "value": 5381.96, "issue_date": "2025-04-01", "payment_date": null, "updated_at": "2025-04-10T09:00:00.000Z"}"#,
      #"{"id": 2, "status": "sent", "value": 1502.31, "issue_date": "2025-04-03", "updated_at": "2025-04-11T09:00:00.000Z"}"#,
      #"{"id": 3, "status": "paid", "value": "1476.810", "issue_date": "2025-04-05", "payment_date": "2025-05-03"}"#,
    ]
    #expect(match("status = open", "wethod", invoices, BinderFixture.utc) == [1])
    #expect(match("status = draft", "wethod", invoices, BinderFixture.utc) == [0])
    #expect(match("paidDate is null", "wethod", invoices, BinderFixture.utc) == [0, 1])
    #expect(match("paidDate >= 2025-05-01", "wethod", invoices, BinderFixture.utc) == [2])
    #expect(match("id = 3 or id = \"2\"", "wethod", invoices, BinderFixture.utc) == [1, 2])
    #expect(match("total between 1000 and 1500", "wethod", invoices, BinderFixture.utc) == [2])
    #expect(match("total = 1476.81", "wethod", invoices, BinderFixture.utc) == [2])
    #expect(match("updatedAt > 2025-04-10", "wethod", invoices, BinderFixture.utc) == [1])
    #expect(match("not (updatedAt > 2025-04-10)", "wethod", invoices, BinderFixture.utc) == [0])
  }

  @Test func sortingPutsBlanksLastInBothDirections() {
    let invoices = [
      #"{"id": 1, "value": 5}"#, #"{"id": 2}"#, #"{"id": 3, "value": "n/a"}"#, #"{"id": 4, "value": 1}"#,
      #"{"id": 5, "value": 5.0}"#,
    ].map(Build.json)
    guard let asc = QueryText.bind("id is not null sort by total", "wethod"),
      let desc = QueryText.bind("id is not null sort by total desc", "wethod")
    else { return }
    func ids(_ xs: [JSONValue]) -> [String] {
      xs.compactMap { if case .number(let n)? = $0["id"] { n } else { nil } }
    }
    #expect(ids(InvoiceSorter.sort(invoices, by: asc.sort)) == ["4", "1", "5", "2", "3"])
    #expect(ids(InvoiceSorter.sort(invoices, by: desc.sort)) == ["1", "5", "4", "2", "3"])
  }
}
