/// The dialect registry: one entry per provider.
public enum Dialects {
  public static let all: [any Dialect] = [
    RhythmDialect(), ElevateDialect(), RoadSyncDialect(), SoftwareOneDialect(), WethodDialect(),
  ]

  public static func named(_ provider: String) -> (any Dialect)? {
    all.first { $0.name == provider }
  }

  /// Whether a server may sort by `keys` without disagreeing with the client's order: only fields the
  /// catalog marks as never absent, of a type whose order is unambiguous (numbers, dates, instants).
  static func safelySortable(_ keys: [BoundSortKey], provider: String) -> Bool {
    guard let catalog = Catalogs.named(provider) else { return false }
    return keys.allSatisfy { key in
      guard key.field.path.count == 1, let d = catalog.field(at: key.field.path), !d.nullable else {
        return false
      }
      switch d.type {
      case .decimal, .integer, .date, .dateTime, .id(numeric: true): return true
      default: return false
      }
    }
  }
}
