extension ProviderTestRows {
  /// SoftwareOne: RQL over nested objects.
  static let softwareone = ProviderTestRows(
    fieldPaths: [
      "id", "status", "erpData.documentNo", "buyer.id", "price.currency", "erpData.invoiceTotal",
      "erpData.balanceDue", "erpData.dueDate", "erpData.documentDate", "audit.created.at", "name",
    ],
    arrayPaths: ["lines": ["lineNo", "quantity", "documentNo"]],
    nativeParts: [
      "eq(status,Paid)", "in(status,('Issued','Overdue'))", "le(erpData.dueDate,'2025-05-31T23:59:59+00:00')",
      "ge(audit.created.at,'2025-05-01')", "not(like(buyer.name,'*a*'))", "eq(erpData.documentNo,empty())",
      "render()", "select=+erpData", "order=-audit.created.at",
      "or(eq(status,Paid),lt(erpData.invoiceTotal,5))",
      "any(lines,gt(quantity,2))", "ne(erpData.dueDate,\"2025-05-01T00:00:00.000Z\")", "limit=100&offset=0",
    ])
}
