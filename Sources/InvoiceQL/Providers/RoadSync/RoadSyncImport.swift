import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// Imports a roadsync `POST /invoice/search` body: `{"filters": [{"field", "type", "value"}], …}`.
///
/// `value` is always a string and lists are comma-joined. Filters whose semantics the API settles
/// (id lists, status and type lists, location/department/shift ids, sent/created/authorised/deleted
/// ranges read as inclusive) are imported; `from*`/`to*` inclusivity is undocumented, so each range is
/// imported inclusive with a warning. Free-text `search`, `paidState` and the boolean switches have
/// no query equivalent and become warnings.
enum RoadSyncImport {
  enum Kind {
    case list([String])
    case equal([String])
    case from([String])
    case to([String])
  }

  /// The filters the planner pushes come from the dialect's capability table (lists; `from*`/`to*`
  /// bounds); the other documented ones, which the planner never sends, are listed here.
  static let filters: [String: Kind] = {
    var out: [String: Kind] = [
      "invoicetypes": .list(["type"]),
      "initialinvoicetypes": .list(["initialType"]),
      "locationids": .list(["location", "id"]),
      "locationId": .equal(["location", "id"]),
      "companyId": .equal(["company", "id"]),
      "departmentid": .equal(["department", "id"]),
      "shiftid": .equal(["shift", "id"]),
    ]
    for c in RoadSyncDialect().capabilities {
      if let list = c.list ?? c.equal { out[list.name] = .list(c.path) }
      if let lower = c.lower { out[lower.name] = .from(c.path) }
      if let upper = c.upper { out[upper.name] = .to(c.path) }
    }
    return out
  }()
  static let ignored: Set<String> = ["limit", "offset"]
  static let unsupported: Set<String> = [
    "search", "paidState", "archived", "includeregular", "excludeauthorized",
  ]

  static func run(_ ctx: inout ImportContext) -> Expression? {
    let bytes = Array(ctx.native.utf8)
    var reader = JSONTextReader(bytes: bytes)
    var filters: [(field: String, value: String?, range: SourceRange)] = []
    do throws(JSONStreamError) {
      reader.skipWhitespace()
      guard reader.peek() == UInt8(ascii: "{") else { throw reader.error("expected a JSON object body") }
      try reader.objectMembers(depth: 0) {
        (key: String, range: Range<Int>, value: JSONValue) throws(JSONStreamError) in
        guard key == "filters" else { return }
        guard case .array = value else {
          throw JSONStreamError(message: "'filters' must be an array", offset: range.lowerBound)
        }
        // Read the array again for each element's range, so diagnostics point at one filter.
        var elements = JSONTextReader(bytes: bytes, from: range.lowerBound, to: range.upperBound)
        try elements.expect(UInt8(ascii: "["), "'['")
        elements.skipWhitespace()
        while elements.peek() != UInt8(ascii: "]") {
          elements.skipWhitespace()
          let start = elements.offset
          let item = try elements.value(depth: 1)
          let itemRange = SourceRange(start, elements.offset)
          guard case .string(let field)? = item["field"] else {
            throw JSONStreamError(message: "each filter needs a string 'field'", offset: start)
          }
          var v: String?
          if case .string(let s)? = item["value"] { v = s }
          filters.append((field, v, itemRange))
          elements.skipWhitespace()
          if elements.peek() == UInt8(ascii: ",") { elements.offset += 1 }
        }
      }
      reader.skipWhitespace()
      guard reader.atEnd else { throw reader.error("unexpected text after the JSON body") }
    } catch {
      ctx.error(.importSyntax, error.message, .at(error.byteOffset))
      return nil
    }
    if !filters.contains(where: { $0.field == "includevoided" && $0.value == "true" }) {
      ctx.warning(
        .importApproximate,
        "without includevoided=true roadsync leaves out voided invoices, which the query cannot name; "
          + "the query keeps them", .at(0))
    }
    var conjuncts: [Expression] = []
    for f in filters {
      if ignored.contains(f.field) || f.field == "includevoided" { continue }
      if unsupported.contains(f.field) {
        ctx.warning(
          .importUnknownOperator,
          "the roadsync filter '\(f.field)' has no query equivalent and is not imported; "
            + "the query matches more invoices", f.range)
        continue
      }
      guard let kind = Self.filters[f.field] else {
        ctx.error(
          .importUnknownParameter, "roadsync has no search filter '\(f.field)'", f.range,
          help: QueryStringImport.suggestions(f.field, Array(Self.filters.keys)))
        continue
      }
      guard let value = f.value else {
        ctx.error(.importBadValue, "the filter '\(f.field)' needs a string 'value'", f.range)
        continue
      }
      let condition: ImportedCondition
      switch kind {
      case .list(let path):
        let parts = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        condition = ctx.membership(path, parts, negated: false, at: f.range)
      case .equal(let path):
        condition = ctx.comparison(path, .equal, value, at: f.range)
      case .from(let path), .to(let path):
        let isFrom = if case .from = kind { true } else { false }
        condition = ctx.comparison(path, isFrom ? .greaterOrEqual : .lessOrEqual, value, at: f.range)
        if case .failed = condition { continue }
        ctx.warning(
          .importApproximate,
          "whether roadsync's '\(f.field)' includes its bound is undocumented; imported as inclusive", f.range
        )
      }
      if let e = ctx.resolve(condition, positive: true, at: f.range) { conjuncts.append(e) }
    }
    return Build.all(conjuncts)
  }

}
