import InvoiceQLSemantics

/// The types `Merger` worked out for field paths during one search (nil: not mergeable), found by
/// path as `PathSlots` finds operands.
final class FieldTypeMemo {
  private var slots = PathSlots()
  private var types: [FieldType?] = []

  /// The recorded type of `path`: nil when none is recorded, `.some(nil)` when it is not mergeable.
  func type(of path: [String]) -> FieldType?? {
    slots.slot(of: path).map { types[$0] }
  }

  /// Records `type` for `path`, which has none yet.
  func record(_ type: FieldType?, for path: [String]) {
    slots.add(path, types.count)
    types.append(type)
  }
}
