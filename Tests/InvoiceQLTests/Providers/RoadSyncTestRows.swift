extension ProviderTestRows {
  /// RoadSync: typed filter objects in a JSON body.
  static let roadsync = ProviderTestRows(
    fieldPaths: ["id", "status", "createdAt", "sentAt", "updatedAt", "amount", "description", "deletedAt"],
    arrayPaths: ["lineItems": ["qty", "productId", "description"]],
    nativeParts: [
      #"{"field":"invoiceids","type":"list","value":"a,b"}"#,
      #"{"field":"fromcreated","type":"datetime","value":"2020-07-21 17:32:28"}"#,
      #"{"field":"tocreated","type":"datetime","value":"2020-07-31T00:00:00Z"}"#,
      #"{"field":"includevoided","type":"boolean","value":"true"}"#, #"{"field":"search","value":"x"}"#,
    ],
    joinParts: { #"{"filters": ["# + $0.joined(separator: ",") + "]}" })
}
