/// First-seen positions by field path, for grouping the operands of one `and`/`or`: a scan while
/// there are few paths (the usual case, and cheaper than hashing arrays of strings), a table beyond.
struct PathSlots {
  private var paths: [[String]] = []
  private var slots: [Int] = []
  private var table: [[String]: Int]?

  /// The slot recorded for `path`, if any.
  func slot(of path: [String]) -> Int? {
    if let table { return table[path] }
    return paths.firstIndex(of: path).map { slots[$0] }
  }

  /// Records `slot` for `path`, which has none yet.
  mutating func add(_ path: [String], _ slot: Int) {
    if table != nil {
      table?[path] = slot
      return
    }
    paths.append(path)
    slots.append(slot)
    if paths.count > 16 {
      table = Dictionary(uniqueKeysWithValues: zip(paths, slots))
      paths = []
      slots = []
    }
  }
}
