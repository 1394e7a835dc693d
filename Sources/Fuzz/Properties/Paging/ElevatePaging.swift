import InvoiceQL

extension ShortPagePaging {
  /// elevate: `page` (from 1) and `pageSize`, after a filter; a short page ends the listing.
  static let elevate = ShortPagePaging(
    provider: "elevate", path: "/invoices", filter: [("dueDate", "lt:2025-05-01")], sizeName: "pageSize",
    positionName: "page", countsPages: true)
}
