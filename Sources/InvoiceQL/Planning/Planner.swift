import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

/// Turns a bound query into a plan for one provider (the plans article).
///
/// Normalise → push each conjunct as far as the dialect's capability table allows → the residual is
/// every conjunct the server does not apply exactly. A sort goes to the server where it orders the
/// keys as the query does (``SortCapability``) and there is one listing (several, one per value of a
/// list the API takes one at a time, are merged by the client, which sorts itself), a limit (as the
/// page size) only when nothing is left on the client.
package enum Planner {
  /// Plans `query` with `dialect`, the native language of the provider `catalog` describes.
  /// `settings` must hold every setting the provider requires (``Provider/plan(_:settings:)`` checks
  /// them and fills in defaults); a setting with a control character is refused, so no value can
  /// split a header.
  /// `fields`, when given, is what each match holds (the plans article "Projection"): the server-side projection
  /// is then those fields plus what the residual and sort read; without it none is sent.
  package static func plan(
    _ query: BoundQuery, dialect: any Dialect, catalog: FieldCatalog, settings: [String: String],
    fields: FieldSelection? = nil
  ) throws(PlanningError) -> Plan {
    let provider = catalog.provider
    for (name, value) in settings.sorted(by: { $0.key < $1.key })
    where value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
      throw PlanningError("the setting '\(name)' contains a control character")
    }
    let dialect = try dialect.configured(settings)
    let render = { (e: BoundExpression) in ResidualPrinter.text(e, catalog: catalog) }
    let normal = Normaliser.normalise(query.filter)
    if normal == .constant(false) {
      return Plan(
        provider: provider, requests: [], pushed: [], residual: nil, residualText: nil,
        sort: query.sort, limit: query.limit, sortPushed: false, limitPushed: false, canMatch: false,
        decisions: [
          PlanDecision(
            predicate: render(query.filter), outcome: .residual,
            reason: "contradiction: no invoice can match, so nothing is requested")
        ], fields: fields, sortReason: "", limitReason: "")
    }
    let conjuncts = normal.conjuncts
    let pushdown = dialect.pushdown(conjuncts, render: render)
    let left = conjuncts.indices.filter { !pushdown.exactConjuncts.contains($0) }.map { conjuncts[$0] }
    let residualNormal: NormalExpression? =
      left.isEmpty ? nil : (left.count == 1 ? left[0] : .and(left))
    let residual = residualNormal?.bound

    var sorting = SortDecision.decide(
      query.sort, limit: query.limit, sorting: dialect.sorting, catalog: catalog)
    if sorting.pushed && pushdown.variants.count > 1 {
      sorting = SortDecision(
        pushed: false, keys: nil,
        reason: "\(pushdown.variants.count) listings are merged on the client, which sorts the matches")
    }
    let sortPushed = sorting.pushed
    let limitPushed =
      residual == nil && query.limit != nil && (query.sort.isEmpty || sortPushed) && dialect.asksPageSize
    var pageSize = dialect.maxPageSize
    if limitPushed, let limit = query.limit { pageSize = max(1, min(limit, dialect.maxPageSize)) }

    var keys = Set<String>()
    let sortFields = query.sort.map(\.field) + (sorting.keys ?? []).map(\.field)
    let residualFields: [BoundField] = residualNormal?.fieldsRead ?? []
    for f in residualFields + sortFields {
      for path in f.pathsRead { if let first = path.first { keys.insert(first) } }
    }
    keys.remove("id")
    let projection = fields.map { selection in
      ["id"] + keys.union(selection.topLevelKeys).subtracting(["id"]).sorted()
    }
    let shape = RequestShape(
      projection: projection, needed: keys.sorted(), sort: sorting.keys, pageSize: pageSize)
    let requests =
      pushdown.variants.isEmpty
      ? [dialect.request(pushdown, shape, settings: settings)]
      : pushdown.variants.map { items in
        var one = pushdown
        one.items += items
        one.variants = []
        return dialect.request(one, shape, settings: settings)
      }

    let decisions = conjuncts.enumerated().map { i, c in
      let (outcome, reason) = pushdown.notes[i] ?? (.residual, "not expressible natively")
      return PlanDecision(predicate: render(c.bound), outcome: outcome, reason: reason)
    }
    return Plan(
      provider: provider, requests: requests, pushed: pushdown.fragments, residual: residual,
      residualText: residual.map(render), sort: query.sort, limit: query.limit,
      sortPushed: sortPushed, limitPushed: limitPushed, canMatch: true, decisions: decisions,
      fields: fields, sortReason: sorting.reason,
      limitReason: Self.limitReason(
        query, residual: residual, sortPushed: sortPushed, asksPageSize: dialect.asksPageSize),
      warnings: pushdown.warnings)
  }

  /// Why the limit is or is not the server's page size, for `:explain`.
  static func limitReason(
    _ query: BoundQuery, residual: BoundExpression?, sortPushed: Bool, asksPageSize: Bool
  ) -> String {
    guard query.limit != nil else { return "" }
    if !asksPageSize {
      return "the API chooses its page size, so reading stops at the limit on the client"
    }
    if residual != nil {
      return "the residual is checked on the client, so pages are full-size and reading stops at the limit"
    }
    if !query.sort.isEmpty && !sortPushed {
      return "the client sorts every match, so every page is read"
    }
    return "nothing is left to check on the client: the limit is the page size"
  }
}
