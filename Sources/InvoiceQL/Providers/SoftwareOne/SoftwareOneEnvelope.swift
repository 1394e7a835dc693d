extension Envelope {
  /// SoftwareOne: `{"$meta": {"pagination": {"offset", "limit", "total"}, …}, "data": [...]}`.
  public static let softwareone = Envelope(
    provider: "softwareone", itemsKey: "data", acceptsBareArray: false, metadataKeys: ["$meta"])
}
