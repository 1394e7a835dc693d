import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

/// How an API sorts a listing: a row of the dialect's capability table for `sort by` (the language reference).
///
/// A sort is pushed only where the server's order of values is the query's whatever it does with
/// nulls (first or last), ties (any order) and string collation: the fields listed here are numbers,
/// dates and instants the API stores typed (a string only where the API documents an exact
/// collation). Nulls and ties are then the client's business: it keeps the best `limit` matches in
/// the query's order and stops reading once `limit` of them have a value for every key (an invoice
/// the server lists later sorts after those, or has a blank, which sorts last).
package struct SortCapability: Sendable {
  /// A field the server orders exactly as the query does, and why.
  package struct Field: Sendable {
    package var path: [String]
    package var reason: String
    package init(_ path: [String], reason: String) {
      self.path = path
      self.reason = reason
    }
  }

  /// One key of an order the API lists in without being asked.
  package struct NaturalKey: Sendable {
    package var path: [String]
    package var descending: Bool
    package init(_ path: [String], descending: Bool) {
      self.path = path
      self.descending = descending
    }
  }

  /// Fields the server sorts by with the query's order of values.
  package var fields: [Field]
  /// The most keys one request may sort by (the tie-breaker included).
  package var maxKeys: Int
  /// A unique field appended as the last key, so that tied invoices keep one order from page to
  /// page (an offset-paged listing whose ties moved between requests could skip an invoice).
  package var tieBreaker: [String]?
  /// The order the API always lists in (Stripe: newest `created` first). When set, nothing is
  /// written: a query sorted by exactly these keys has its sort "pushed" by asking nothing.
  package var naturalOrder: [NaturalKey]?

  package init(
    fields: [Field], maxKeys: Int = 8, tieBreaker: [String]? = nil, naturalOrder: [NaturalKey]? = nil
  ) {
    self.fields = fields
    self.maxKeys = maxKeys
    self.tieBreaker = tieBreaker
    self.naturalOrder = naturalOrder
  }

  /// The fields of `catalog` at `paths` whose type the server orders as the query does (numbers,
  /// numeric ids, dates, instants), each with `reason`.
  package static func typed(_ paths: [[String]], catalog: FieldCatalog, reason: String) -> [Field] {
    paths.compactMap { path in
      switch catalog.field(at: path)?.type {
      case .decimal?, .integer?, .date?, .dateTime?, .id(numeric: true)?: Field(path, reason: reason)
      default: nil
      }
    }
  }
}

/// Whether a query's `sort by … limit N` goes to the server, and why (for the plan and `:explain`).
package struct SortDecision: Sendable {
  /// Whether the server lists in the query's order.
  package var pushed: Bool
  /// The keys to write in the request (nil: none, also for a natural order).
  var keys: [BoundSortKey]?
  var reason: String

  package static func decide(
    _ sort: [BoundSortKey], limit: Int?, sorting: SortCapability?, catalog: FieldCatalog
  )
    -> SortDecision
  {
    guard !sort.isEmpty else { return SortDecision(pushed: false, keys: nil, reason: "") }
    let names = sort.map(\.field.name).joined(separator: ", ")
    guard limit != nil else {
      return SortDecision(
        pushed: false, keys: nil,
        reason: "no limit: every match is read anyway, so the client sorts (stable, blanks last)")
    }
    guard let sorting else {
      return SortDecision(pushed: false, keys: nil, reason: "the API does not sort its listing")
    }
    if let natural = sorting.naturalOrder {
      let same =
        natural.count == sort.count
        && zip(natural, sort).allSatisfy { $0.path == $1.field.path && $0.descending == $1.descending }
      let order = natural.map { $0.path.joined(separator: ".") + ($0.descending ? " desc" : " asc") }
        .joined(separator: ", ")
      return same
        ? SortDecision(
          pushed: true, keys: nil,
          reason: "the API lists by \(order) already; reading stops once the limit's matches are certain")
        : SortDecision(
          pushed: false, keys: nil, reason: "the API lists only by \(order), not by \(names)")
    }
    for key in sort {
      guard sorting.fields.contains(where: { $0.path == key.field.path }) else {
        let why: String
        switch catalog.field(at: key.field.path)?.type {
        case .string?, .enumeration?, .id(numeric: false)?:
          why = "how the server collates text (case, accents) is undocumented"
        default: why = "the server's order of its values may differ from the query's"
        }
        return SortDecision(
          pushed: false, keys: nil, reason: "the API cannot sort by '\(key.field.name)' safely: \(why)")
      }
    }
    var keys = sort
    if let tie = sorting.tieBreaker, !sort.contains(where: { $0.field.path == tie }),
      let d = catalog.field(at: tie)
    {
      keys.append(
        BoundSortKey(
          field: BoundField(path: tie, type: d.type, name: tie.joined(separator: ".")), descending: false))
    }
    guard keys.count <= sorting.maxKeys else {
      return SortDecision(
        pushed: false, keys: nil, reason: "the API sorts by at most \(sorting.maxKeys) keys")
    }
    let why = sort.compactMap { key in sorting.fields.first { $0.path == key.field.path }?.reason }
    return SortDecision(
      pushed: true, keys: keys,
      reason: "the server sorts by \(names) (\(Set(why).sorted().joined(separator: "; "))); "
        + "blanks and ties are settled on the client, which stops reading once the limit's matches "
        + "with values are in hand")
  }
}
