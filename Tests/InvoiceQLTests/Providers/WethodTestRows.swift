extension ProviderTestRows {
  /// Wethod: dates, instants and a project id; header settings.
  static let wethod = ProviderTestRows(
    fieldPaths: [
      "issue_date", "payment_date", "updated_at", "project_id", "status", "value", "invoice_number",
    ],
    settings: ["company": "acme co", "version": "2024-06-15"],
    nativeParts: [
      "issue_date=gt:2024-01-01", "updated_at=lte:2024-03-01T10:00:00", "project_id=7",
      "payment_date=bt:2024-01-01,2024-02-01", "offset=100", "updated_at=2024-03-01",
      "issue_date=in:2024-01-01",
    ])
}
