/// First-seen positions by field path, for grouping the operands of one `and`/`or`: a scan while
/// there are few paths (the usual case, and cheaper than hashing arrays of strings), a table beyond.
struct PathSlots {
  /// The paths with their slots, in one array (one allocation for the usual few).
  private var entries: [(path: [String], slot: Int)] = []
  private var table: [[String]: Int]?

  /// The slot recorded for `path`, if any.
  func slot(of path: [String]) -> Int? {
    if let table { return table[path] }
    for entry in entries where entry.path == path { return entry.slot }
    return nil
  }

  /// Records `slot` for `path`, which has none yet.
  mutating func add(_ path: [String], _ slot: Int) {
    if table != nil {
      table?[path] = slot
      return
    }
    entries.append((path, slot))
    if entries.count > 16 {
      table = Dictionary(uniqueKeysWithValues: entries.map { ($0.path, $0.slot) })
      entries = []
    }
  }
}
