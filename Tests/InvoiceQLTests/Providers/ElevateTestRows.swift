extension ProviderTestRows {
  /// Elevate: one parameter per field, `in:`/`lt:`/`gt:` forms, `sort=`.
  static let elevate = ProviderTestRows(
    fieldPaths: [
      "id", "customerId", "paymentStatus", "invoiceNumber", "dueDate", "invoiceDate",
      "invoiceTotalAmount", "billRunType",
    ],
    arrayPaths: ["usageBreakdown": ["usageProductId", "costPrice"]],
    nativeParts: [
      "dueDate=lt:2025-05-01", "paymentStatus=in:PAID,UNPAID", "customerId=5", "invoiceNumber=INV-1",
      "createdDate=2025-05-01T10:00:00", "sort=dueDate:desc", "fields=id", "page=2",
      "invoiceDate=gt:2025-01-01T10:00:00Z",
    ])
}
