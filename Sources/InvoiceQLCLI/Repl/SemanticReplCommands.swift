extension ReplCommandTable {
  /// The semantics area's `:commands`.
  static let semanticCommands: [ReplCommandSpec] = []

  /// When set, replaces the syntax area's query-line handler (e.g. to bind when a provider is set).
  static let semanticQueryHandler: ReplQueryHandler? = nil
}
