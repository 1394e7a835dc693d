extension ReplCommandTable {
  /// The planning area's `:commands` (`:explain`, …).
  static let planningCommands: [ReplCommandSpec] = []
}
