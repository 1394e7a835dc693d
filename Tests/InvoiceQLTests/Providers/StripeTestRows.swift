extension ProviderTestRows {
  /// Stripe: money in minor units per currency (amounts and currencies at the scales' edges: JPY
  /// none, USD and ISK two decimals, KWD three), Unix seconds, metadata keys, paged line items;
  /// list query strings and search queries.
  static let stripe = ProviderTestRows(
    fieldPaths: [
      "status", "customerId", "collection_method", "parent.subscription_details.subscription", "issueDate",
      "createdAt", "dueDate", "due_date", "total", "balance", "amount_due", "currency", "number",
      "metadata.plan",
    ],
    enumValues: ["currency": ["usd", "jpy", "kwd", "isk", "USD", "eur"]],
    numbers: ["5.124", "5.125", "49.99", "50", "12000", "12500", "0.01", "5124", "4999"],
    arrayPaths: ["lines.data": ["quantity", "amount", "description"]],
    otherEndpoints: [["endpoint": "search"]],
    nativeParts: [
      "status=open", "customer=cus_1", "created[gte]=1746057600", "due_date[lt]=1748736000", "created=5",
      "limit=10", "starting_after=in_1", "expand[]=data.customer", "collection_method=send_invoice",
      #"query=status:"open" AND total>1000 AND currency:'usd'"#, "query=created>=1746057600 OR -number:\"A\"",
    ])
}
