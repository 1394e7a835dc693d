import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// Output options in a saved native request (paging, projection, ordering, rendering): none of them
/// chooses which invoices match, so they are skipped, with a note where skipping one changes what
/// the saved request listed.
extension ImportContext {
  package mutating func note(_ message: String, _ range: SourceRange, help: [String] = []) {
    diagnostics.append(
      Diagnostic(.note, kind: .importOptionSkipped, message: message, range: range, help: help))
  }

  /// Skips the paging or projection option `name=value`; false when `name` is not one.
  @discardableResult
  package mutating func skipOption(_ name: String, _ value: String?, at range: SourceRange) -> Bool {
    let value = value ?? ""
    switch name {
    case "limit", "pageSize":
      return true
    case "page" where value == "1" || value.isEmpty, "offset" where value == "0" || value.isEmpty:
      return true
    case "page", "offset", "exclusiveStartKey":
      if !value.isEmpty {
        note(
          "'\(name)=\(value)' is a position in the listing and is skipped: the query lists from the first match",
          range)
      }
      return true
    case "fields", "select":
      // `select=+a` adds fields to the default ones; anything else chooses or removes some.
      let items = value.split(separator: ",")
      if items.contains(where: { !$0.hasPrefix("+") }) {
        note(
          "'\(name)=\(value)' chooses the fields each invoice is returned with and is skipped: the query"
            + " matches whole invoices", range,
          help: ["to print some fields only, pass them to --fields"])
      }
      return true
    default:
      return false
    }
  }

  /// A sort key on the provider field `name`, or nil (with a note: ordering never changes which
  /// invoices match) when the query cannot sort by it.
  package mutating func sortKey(_ name: String, descending: Bool, at range: SourceRange) -> SortKey? {
    let path = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    let crossesArray = (1..<max(1, path.count)).contains { n in
      if case .array = catalog.field(at: Array(path.prefix(n)))?.type { return true }
      return false
    }
    guard let descriptor = catalog.field(at: path), !crossesArray else {
      note("\(catalog.provider) has no field '\(name)' a query can sort by; that ordering is skipped", range)
      return nil
    }
    switch descriptor.type {
    case .object, .array:
      note("'\(name)' is not a value a query can sort by; that ordering is skipped", range)
      return nil
    default:
      return SortKey(field: field(path), descending: descending, range: Self.nowhere)
    }
  }
}

extension Diagnostic.Kind {
  /// An output option of the native request (paging, projection, ordering) that the query does not keep.
  public static let importOptionSkipped = Diagnostic.Kind("import-option-skipped")
}
