import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// Stripe's search endpoint, `GET /v1/invoices/search?query=…`, chosen only by `--set endpoint=search`.
///
/// Its index is eventually consistent ("less than a minute… up to an hour behind during outages"),
/// so its answer is never certain to hold every match: every plan carries a warning, and every
/// clause is a superset re-checked on the client. Clauses (docs /search): `status:"v"` (a string
/// field: `:` matches words, case-insensitively), `customer:"v"`, `currency:"v"` and
/// `metadata["k"]:"v"` (tokens, exact but case-insensitive), `number:"v"` (words),
/// `created>t`/`created<t` (Unix seconds), joined by
/// `AND` only (no mixing with OR), at most 10. A value holding `"` or `\` is not sent (the escaping of
/// a backslash is undocumented), nor a negation (`-f:v` may or may not keep invoices without `f`).
/// Money stays on the client. The result order is undocumented: no sort is pushed.
package struct StripeSearchDialect: Dialect {
  package init() {}
  package let maxPageSize = 100
  package static let maxClauses = 10
  package var capabilities: [FieldCapability] { [] }

  package static let warning =
    "stripe's search endpoint is eventually consistent (up to a minute, an hour during outages): "
    + "recently created or changed invoices may be missing; the list endpoint (endpoint=list) is exact"

  static let wordFields: [[String]: String] = [
    ["status"]: "status", ["customer"]: "customer", ["currency"]: "currency", ["number"]: "number",
  ]

  /// The search field for a path: one of `wordFields`, or `metadata["key"]` for a key of the
  /// invoice's metadata (a token: `:` matches the whole value, ignoring case, so a superset of the
  /// query's case-sensitive `=`). A key holding a quote, a bracket or a backslash is not written:
  /// how the grammar escapes them is undocumented.
  static func searchName(_ path: [String]) -> String? {
    if let name = wordFields[path] { return name }
    guard path.count == 2, path[0] == "metadata", !path[1].isEmpty,
      !path[1].contains(where: { "\"[]\\".contains($0) })
    else { return nil }
    return "metadata[\"\(path[1])\"]"
  }

  /// Whether `value` can be sent quoted: no quote or backslash (their escaping is undocumented),
  /// not empty (what `:""` matches is undocumented too).
  static func quotable(_ value: String) -> Bool {
    !value.isEmpty && !value.contains("\"") && !value.contains("\\")
  }

  /// Search fields of Stripe's `string` type, whose `:` matches the words of the value.
  static let wordMatched: Set<String> = ["status", "number"]

  /// Whether `value` has a word (a letter or a digit). What `:` on a string field matches for a
  /// value without one (`number:"-"`) is undocumented, like `:""`: every invoice or none, which
  /// would miss the invoice numbered `-`.
  static func hasWord(_ value: String) -> Bool { value.contains { $0.isLetter || $0.isNumber } }

  package func pushdown(_ conjuncts: [NormalExpression], render: (BoundExpression) -> String) -> Pushdown {
    var result = Pushdown()
    result.warnings = [Self.warning]
    let covers = conjuncts.map(ConjunctivePushdown.cover)
    let (merged, order) = ConjunctivePushdown.merge(covers)
    var clauses: [String] = []
    var pushedKeys: [FieldKey] = []
    var low = 0
    var high = StripePushdown.end
    var created: [(key: FieldKey, field: BoundField, domain: ValueDomain)] = []
    func record(_ key: FieldKey, _ field: BoundField, _ domain: ValueDomain) {
      pushedKeys.append(key)
      result.fragments.append(
        PushedFragment(
          predicate: render(DomainRenderer.expression(field, domain)), exactness: .superset,
          reason: "search: \(Self.warning)"))
      result.fieldsFiltered.append(field)
    }
    for key in order {
      guard let (field, domain) = merged[key] else { continue }
      if let name = Self.searchName(key.path), case .plain = key.encoding,
        let values = StripePushdown.texts(domain), values.count == 1, Self.quotable(values[0]),
        !Self.wordMatched.contains(name) || Self.hasWord(values[0])
      {
        guard clauses.count < Self.maxClauses else { continue }
        clauses.append("\(name):\"\(values[0])\"")
        record(key, field, domain)
      } else if key.path == ["created"], let (lo, hi, _) = StripePushdown.seconds(domain, field) {
        low = max(low, lo)
        high = min(high, hi)
        created.append((key, field, domain))
      }
    }
    // The `created` bounds take what room the clauses leave; pushed only when one is sent.
    let before = clauses.count
    if low > 0, clauses.count < Self.maxClauses { clauses.append("created>\(low - 1)") }
    if high < StripePushdown.end, clauses.count < Self.maxClauses { clauses.append("created<\(high)") }
    if clauses.count > before { for c in created { record(c.key, c.field, c.domain) } }
    // With nothing to search for, the list endpoint lists every invoice, and exactly.
    if clauses.isEmpty {
      result = Pushdown()
      pushedKeys = []
    } else {
      result.expression = clauses.joined(separator: " AND ")
    }
    for (i, c) in covers.enumerated() {
      if pushedKeys.contains(where: { c[$0] != nil }) {
        result.notes[i] = (.pushedAsSuperset, "search is eventually consistent and matches words")
      } else {
        result.notes[i] = (.residual, ConjunctivePushdown.whyResidual(conjuncts[i], table: []))
      }
    }
    return result
  }

  package func request(_ pushdown: Pushdown, _ shape: RequestShape, settings: [String: String])
    -> NativeRequest
  {
    guard let expression = pushdown.expression else {
      return StripeDialect().request(pushdown, shape, settings: settings)
    }
    return NativeRequest(
      method: "GET", path: "/v1/invoices/search",
      query: [("query", expression), ("limit", String(shape.pageSize))],
      headers: ["Stripe-Version": settings["version"] ?? StripeCatalog.defaultVersion])
  }
}
