import InvoiceQL

extension ShortPagePaging {
  /// wethod: `limit` and `offset`; a short page ends the listing.
  static let wethod = ShortPagePaging(
    provider: "wethod", path: "/api/invoices", filter: [], sizeName: "limit", positionName: "offset",
    countsPages: false)
}
