import InvoiceQLSemantics

/// The types `Merger` worked out for field paths during one search (nil: not mergeable), looked up
/// by a scan: a query names few fields.
final class FieldTypeMemo {
  private var paths: [[String]] = []
  private var types: [FieldType?] = []

  /// The recorded type of `path`: nil when none is recorded, `.some(nil)` when it is not mergeable.
  func type(of path: [String]) -> FieldType?? {
    paths.firstIndex(of: path).map { types[$0] }
  }

  func record(_ type: FieldType?, for path: [String]) {
    paths.append(path)
    types.append(type)
  }
}
