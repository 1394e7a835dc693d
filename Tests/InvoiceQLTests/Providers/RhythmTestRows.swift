extension ProviderTestRows {
  /// Rhythm: no filter; nested arrays of line items; path-segment settings that need encoding.
  static let rhythm = ProviderTestRows(
    fieldPaths: ["status", "total", "date_due", "number", "memo", "sys_last_modified_at", "balance_due"],
    arrayPaths: [
      "line_items": ["quantity", "product_id", "status", "total", "related_transactions"],
      "line_items.related_transactions": ["date", "transaction_number"],
      "custom_field_values": ["file_url_value", "numeric_value", "boolean_value"],
    ],
    settings: ["tenantId": "t/../1 &x", "portalContactId": "c#1?"],
    nativeParts: ["includeAllInvoices=true", "fields=id,total", "exclusiveStartKey=k"])
}
