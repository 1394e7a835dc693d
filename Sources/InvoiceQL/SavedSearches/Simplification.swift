import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLProviders
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// Simplifies a saved search without changing what it matches — on any day, in any time zone.
///
/// - Constraints on one field among the operands of one `and`/`or` are merged with the planner's
///   domain algebra (`Normaliser`): `total > 5 and total > 3` is `total > 5`,
///   `status = open or status = paid` is `status in (open, paid)`. Only groups whose meaning does not
///   depend on the clock or the time zone are merged (no relative dates, no dates against datetime
///   fields, no datetimes without an offset), and the merged text reuses the literals as written.
/// - Operands repeated word for word are dropped.
/// - A search whose normal form is `false` is flagged as never matching (for a search with relative
///   dates, only when that holds at clocks years apart).
///
/// A search that does not bind to its provider fails with the binder's diagnostics.
enum Simplification {
  struct Simplified {
    /// The new text, or nil when nothing was simplified.
    var text: String?
    var neverMatches: Bool
    var warnings: [String]
  }

  /// Fixed clocks: binding here checks and simplifies, it never freezes a relative date.
  static let clocks: [Instant] = [
    Instant(seconds: 1_750_000_000, fraction: ""),
    Instant(seconds: 1_750_000_000 - 5 * 366 * 86_400, fraction: ""),
    Instant(seconds: 1_750_000_000 + 5 * 366 * 86_400, fraction: ""),
  ]

  static func simplify(_ query: Query, source: String, provider: String?) -> Result<
    Simplified, DiagnosticError
  > {
    var result = Simplified(text: nil, neverMatches: false, warnings: [])
    let catalog = provider.flatMap(SavedSearchProviders.catalog)
    if let provider, catalog == nil {
      let d = Diagnostic(
        kind: .retargetUnknownProvider,
        message: "the search's provider '\(provider)' is unknown; its query cannot be checked",
        range: .at(0), help: ["known providers: " + Provider.names.joined(separator: ", ")])
      return .failure(DiagnosticError(source: source, diagnostics: [d]))
    }
    guard provider != nil, let catalog else {
      // Without a provider there is no catalog to bind to: only word-for-word duplicates go.
      guard Merger.mayChange(query.filter) else { return .success(result) }
      let pruned = Merger(catalog: nil).simplify(query.filter, top: true)
      if pruned != query.filter { result.text = Formatter.format(replacingFilter(query, pruned)) }
      return .success(result)
    }
    let relative = containsRelative(query.filter)
    var contradictions = 0
    // The filter bound at the first clock, which merging binds its groups at.
    var binding: BoundExpression?
    for (i, now) in clocks.enumerated() where i == 0 || relative {
      do {
        let bound = try Binder.bind(query, catalog: catalog, context: .utc(now: now), source: source)
        if i == 0 { binding = bound.filter }
        if !Self.cannotNormaliseToFalse(bound.filter), Normaliser.normalise(bound.filter) == .constant(false)
        {
          contradictions += 1
        }
      } catch {
        return .failure(error)
      }
    }
    result.neverMatches = contradictions == (relative ? clocks.count : 1)
    guard Merger.mayChange(query.filter) else { return .success(result) }
    let merger = Merger(
      catalog: catalog, filter: query.filter, binding: binding,
      oneWordTypes: provider.flatMap(MergeableTypes.oneWordTypes(provider:)))
    let merged = merger.simplify(query.filter, top: true)
    if merged != query.filter { result.text = Formatter.format(replacingFilter(query, merged)) }
    return .success(result)
  }

  private static func replacingFilter(_ q: Query, _ filter: Expression) -> Query {
    var out = q
    out.filter = filter
    return out
  }

  static func containsRelative(_ e: Expression) -> Bool {
    func rel(_ l: Literal) -> Bool { if case .relative = l.kind { true } else { false } }
    switch e.kind {
    case .and(let xs), .or(let xs): return xs.contains(where: containsRelative)
    case .not(let x): return containsRelative(x)
    case .quantified(_, _, let body): return containsRelative(body)
    case .comparison(_, _, let v), .text(_, _, let v): return rel(v)
    case .membership(_, let vs, _): return vs.contains(where: rel)
    case .between(_, let a, let b): return rel(a) || rel(b)
    case .isNull: return false
    }
  }
}

/// Merges the constraints on each field inside each `and`/`or` of a syntax tree.
struct Merger {
  let catalog: FieldCatalog?
  /// Each field path's type as merging reads it, worked out once per search: every merging step
  /// asks about the same few paths.
  private let types = FieldTypeMemo()

  /// The filter being simplified and what it binds to at the first clock (`Simplification.clocks`),
  /// when known: merging reads its predicates' bindings there instead of binding them again.
  let bound: (filter: Expression, binding: BoundExpression)?

  /// The types of one-word names in `catalog` (`MergeableTypes.oneWordTypes(of:)`), when known.
  private let oneWordTypes: [String: FieldType?]?

  /// A merger for a filter that bound (without errors) to `binding` at the first clock, if known;
  /// `oneWordTypes` are the catalog's (`MergeableTypes`), when known.
  init(
    catalog: FieldCatalog?, filter: Expression? = nil, binding: BoundExpression? = nil,
    oneWordTypes: [String: FieldType?]? = nil
  ) {
    self.catalog = catalog
    self.oneWordTypes = oneWordTypes
    if let filter, let binding { bound = (filter, binding) } else { bound = nil }
  }

  func simplify(_ e: Expression, top: Bool) -> Expression {
    switch e.kind {
    case .and(let xs), .or(let xs):
      let conjunction = if case .and = e.kind { true } else { false }
      var operands: [Expression] = []
      operands.reserveCapacity(xs.count)
      for x in xs {
        let x = simplify(x, top: top)
        guard !operands.contains(x) else { continue }
        // A merged operand can become the same operator as its parent: keep the tree flat (its
        // operands that are not among the earlier ones join).
        switch (x.kind, conjunction) {
        case (.and(let ys), true), (.or(let ys), false):
          let earlier = operands.count
          for y in ys where !operands[..<earlier].contains(y) { operands.append(y) }
        default:
          operands.append(x)
        }
      }
      operands = mergeMemberships(operands, conjunction: conjunction, top: top)
      if top { operands = merge(operands, conjunction: conjunction) }
      if operands.count == 1 { return operands[0] }
      var out = e
      out.kind = conjunction ? .and(operands) : .or(operands)
      return out
    case .not(let x):
      // The domain algebra keeps an expression's true-set, not its false-set; under `not` only the
      // rewrites that are exact in three-valued logic (duplicates, memberships) are made.
      var out = e
      out.kind = .not(simplify(x, top: false))
      return out
    case .quantified(let q, let f, let body):
      // Inside a quantifier fields are relative to an element: only duplicates are dropped there.
      var out = e
      out.kind = .quantified(q, f, simplify(body, top: false))
      return out
    default:
      return e
    }
  }

  /// `f = a or f in (b, c)` is `f in (a, b, c)`, and `f != a and f not in (b)` is `f not in (a, b)`:
  /// membership is defined as that disjunction of equalities, so this holds for every type, inside
  /// quantifiers too, and whatever the clock. The `and` form only on a field that crosses no array:
  /// `items.p != a and items.p != b` may hold through two different items, `items.p not in (a, b)` not.
  private func mergeMemberships(_ operands: [Expression], conjunction: Bool, top: Bool) -> [Expression] {
    func members(_ e: Expression) -> (FieldPath, [Literal])? {
      // The shape first (cheap); the field's type only for the `and` form's candidates.
      let found: (FieldPath, [Literal])
      switch e.kind {
      case .comparison(let f, .equal, let v) where !conjunction: found = (f, [v])
      case .comparison(let f, .notEqual, let v) where conjunction: found = (f, [v])
      case .membership(let f, let vs, let negated) where negated == conjunction: found = (f, vs)
      default: return nil
      }
      if conjunction {
        guard top, mergeableType(found.0) != nil else { return nil }
      }
      return found
    }
    // With fewer than two memberships there is nothing to merge (told by their shapes first:
    // most groups have at most one); else each operand's membership, found once.
    guard operands.count(where: { Self.mayBeMembership($0, conjunction: conjunction) }) >= 2 else {
      return operands
    }
    let found = operands.map(members)
    guard found.count(where: { $0 != nil }) >= 2 else { return operands }
    var firstIndex = PathSlots()
    var lists: [(FieldPath, [Literal])?] = Array(repeating: nil, count: operands.count)
    var out: [Expression?] = []
    var mergedAny = false
    for (x, membership) in zip(operands, found) {
      guard let (f, vs) = membership else {
        out.append(x)
        continue
      }
      if let i = firstIndex.slot(of: f.components), let existing = lists[i] {
        lists[i] = (existing.0, existing.1 + vs.filter { !existing.1.contains($0) })
        out.append(nil)
        mergedAny = true
      } else {
        firstIndex.add(f.components, out.count)
        lists[out.count] = (f, vs)
        out.append(x)
      }
    }
    // Nothing merged: every operand stays as it is.
    guard mergedAny else { return operands }
    return out.enumerated().compactMap { i, x in
      guard let x else { return nil }
      guard let (f, vs) = lists[i], found[i].map({ $0.1 != vs }) == true else { return x }
      var e = x
      e.kind =
        vs.count == 1
        ? .comparison(f, conjunction ? .notEqual : .equal, vs[0]) : .membership(f, vs, negated: conjunction)
      return e
    }
  }

  /// Whether `e` has the shape of a membership `mergeMemberships` merges: `=` or `in` in an `or`,
  /// `!=` or `not in` in an `and` (whatever its field).
  private static func mayBeMembership(_ e: Expression, conjunction: Bool) -> Bool {
    switch e.kind {
    case .comparison(_, .equal, _): !conjunction
    case .comparison(_, .notEqual, _): conjunction
    case .membership(_, _, let negated): negated == conjunction
    default: false
    }
  }

  /// How many predicates an expression has: merging must make it smaller.
  static func leaves(_ e: Expression) -> Int {
    switch e.kind {
    case .and(let xs), .or(let xs): xs.map(leaves).reduce(0, +)
    case .not(let x): leaves(x)
    case .quantified(_, _, let b): leaves(b)
    default: 1
    }
  }

  /// The field a simple predicate constrains, when it can take part in a merge: clock- and
  /// zone-independent, and bindable on its own.
  private func field(of e: Expression) -> FieldPath? {
    switch e.kind {
    case .comparison(let f, _, let v):
      guard let type = mergeableType(f) else { return nil }
      return Self.readsAlikeEverywhen(v, type) ? f : nil
    case .membership(let f, let vs, _):
      guard let type = mergeableType(f) else { return nil }
      return vs.allSatisfy { Self.readsAlikeEverywhen($0, type) } ? f : nil
    case .between(let f, let a, let b):
      guard let type = mergeableType(f) else { return nil }
      return Self.readsAlikeEverywhen(a, type) && Self.readsAlikeEverywhen(b, type) ? f : nil
    case .isNull(let f, _):
      return mergeableType(f) != nil ? f : nil
    default:
      return nil
    }
  }

  /// The field path a comparison, membership, `between` or null test tests.
  private static func path(of e: Expression) -> FieldPath? {
    switch e.kind {
    case .comparison(let f, _, _), .membership(let f, _, _), .between(let f, _, _), .isNull(let f, _): f
    default: nil
    }
  }

  /// Whether `l` against a field of `type` means the same on any day in any zone: not a relative
  /// date, not a date against a datetime field (a day in the query's zone), not a datetime without
  /// an offset.
  private static func readsAlikeEverywhen(_ l: Literal, _ type: FieldType) -> Bool {
    switch l.kind {
    case .relative: false
    case .date: type != .dateTime
    case .dateTime(let dt): dt.offsetSeconds != nil
    default: true
    }
  }

  /// The field's type, nil without a catalog, when the catalog has no such field or when its path
  /// crosses an array (a one-word name never does). The tables are asked first: unwrapping the
  /// catalog copies it (a retain of each of its tables), which cost more than the answer.
  private func mergeableType(_ f: FieldPath) -> FieldType? {
    if f.components.count == 1, let known = oneWordTypes?[f.components[0]] { return known }
    if let known = types.type(of: f.components) { return known }
    guard let catalog else { return nil }
    let type = isArrayPath(f, catalog) ? nil : MergeableTypes.resolvedType(f.components, in: catalog)
    types.record(type, for: f.components)
    return type
  }

  private func isArrayPath(_ f: FieldPath, _ catalog: FieldCatalog) -> Bool {
    for n in 1..<max(1, f.components.count) {
      if case .array = catalog.type(at: Array(f.components.prefix(n))) { return true }
    }
    return false
  }

  private func merge(_ operands: [Expression], conjunction: Bool) -> [Expression] {
    if case .none = catalog { return operands }
    // Each operand's group of operands on one field path (-1: none), and each group's size (each
    // group merges on its own, so their order does not matter).
    var slots = PathSlots()
    var groupOf: [Int] = []
    groupOf.reserveCapacity(operands.count)
    var sizes: [Int] = []
    for x in operands {
      guard let f = field(of: x) else {
        groupOf.append(-1)
        continue
      }
      if let g = slots.slot(of: f.components) {
        groupOf.append(g)
        sizes[g] += 1
      } else {
        slots.add(f.components, sizes.count)
        groupOf.append(sizes.count)
        sizes.append(1)
      }
    }
    guard sizes.contains(where: { $0 >= 2 }) else { return operands }
    // Each group's merged operands, put where its first operand was.
    var merged: [[Expression]?] = Array(repeating: nil, count: sizes.count)
    for (g, size) in sizes.enumerated() where size >= 2 {
      var group: [Expression] = []
      group.reserveCapacity(size)
      for (i, x) in operands.enumerated() where groupOf[i] == g { group.append(x) }
      guard let path = Self.path(of: group[0]), let m = mergeGroup(group, on: path, conjunction: conjunction),
        m.reduce(0, { $0 + Self.leaves($1) }) < group.reduce(0, { $0 + Self.leaves($1) })
      else { continue }
      merged[g] = m
    }
    var out: [Expression] = []
    var placed = Array(repeating: false, count: sizes.count)
    for (i, x) in operands.enumerated() {
      guard groupOf[i] >= 0, let m = merged[groupOf[i]] else {
        out.append(x)
        continue
      }
      if !placed[groupOf[i]] { out += m }
      placed[groupOf[i]] = true
    }
    return out
  }

  /// The group as the fewest predicates the domain algebra finds, with the literals as written.
  /// `path` is its first operand's field path (each operand's has its components).
  private func mergeGroup(_ group: [Expression], on path: FieldPath, conjunction: Bool) -> [Expression]? {
    // Each value with the literal first written for it (a scan: a group has few literals).
    var literalFor: [(value: Value, literal: Literal)] = []
    literalFor.reserveCapacity(group.count)
    var bound: [BoundExpression] = []
    bound.reserveCapacity(group.count)
    for e in group {
      guard let b = binding(of: e) else { return nil }
      bound.append(b)
      var literals: [Literal] = []
      switch e.kind {
      case .comparison(_, _, let v): literals = [v]
      case .membership(_, let vs, _): literals = vs
      case .between(_, let a, let b): literals = [a, b]
      default: break
      }
      for (k, l) in literals.enumerated() {
        let v: Value?
        if let known = Self.boundValue(k, of: e, in: b) {
          v = known
        } else {
          let single = Expression(.comparison(path, .equal, l), range: .at(0))
          if case .predicate(.compare(_, _, let w))? = bind(single) {
            v = w
          } else {
            v = nil
          }
        }
        if let v, !literalFor.contains(where: { Self.same($0.value, v) }) { literalFor.append((v, l)) }
      }
    }
    if conjunction, let (op, v) = Self.tightestBound(bound) {
      // What the domain algebra makes of it, found without building domains.
      guard let l = literalFor.first(where: { Self.same($0.value, v) })?.literal else { return nil }
      return [Expression(.comparison(path, op, l), range: .at(0))]
    }
    let normal = Normaliser.normalise(conjunction ? .and(bound) : .or(bound))
    let rendered: [BoundExpression]
    switch normal {
    case .field:
      switch normal.bound {
      case .and(let xs) where conjunction: rendered = xs
      case .or(let xs) where !conjunction: rendered = xs
      case let single: rendered = [single]
      }
    default: return nil
    }
    var out: [Expression] = []
    for r in rendered {
      guard let e = syntax(r, path, literalFor) else { return nil }
      out.append(e)
    }
    return out
  }

  /// Whether `a` and `b` are one value, strings by their Unicode scalars as the language compares
  /// them (`Value`'s `==` takes canonically equivalent strings for one): a merged group is written
  /// with the literal spelled for its value, never one merely equivalent to it.
  static func same(_ a: Value, _ b: Value) -> Bool {
    if case .string(let x) = a, case .string(let y) = b { return x.utf8.elementsEqual(y.utf8) }
    return a == b
  }

  /// The value the `k`th literal of `e` binds to as `f = l`, read off `e`'s binding `b` where it
  /// is the same: in a comparison or `between` on a field that is not a datetime, a literal
  /// converts to one value whatever the operator (only a date against a datetime field becomes a
  /// day's bounds, which depend on it). Nil where the literal must be bound on its own.
  private static func boundValue(_ k: Int, of e: Expression, in b: BoundExpression) -> Value? {
    switch (e.kind, b) {
    case (.comparison, .predicate(.compare(let f, _, let v))) where f.type != .dateTime:
      return v
    case (.between, .and(let parts)) where parts.count == 2:
      guard case .predicate(.compare(let f, .greaterOrEqual, let low)) = parts[0],
        case .predicate(.compare(_, .lessOrEqual, let high)) = parts[1], f.type != .dateTime
      else { return nil }
      return k == 0 ? low : high
    default:
      return nil
    }
  }

  private func syntax(
    _ b: BoundExpression, _ f: FieldPath, _ literals: [(value: Value, literal: Literal)]
  ) -> Expression? {
    let r = SourceRange.at(0)
    func literal(_ v: Value) -> Literal? { literals.first { Self.same($0.value, v) }?.literal }
    switch b {
    case .predicate(.compare(_, let op, let v)):
      return literal(v).map { Expression(.comparison(f, op, $0), range: r) }
    case .predicate(.member(_, let vs, let negated)):
      let ls = vs.compactMap(literal)
      return ls.count == vs.count ? Expression(.membership(f, ls, negated: negated), range: r) : nil
    case .predicate(.isNull(_, let negated)):
      return Expression(.isNull(f, negated: negated), range: r)
    case .and(let xs), .or(let xs):
      var parts: [Expression] = []
      for x in xs {
        guard let p = syntax(x, f, literals) else { return nil }
        parts.append(p)
      }
      if case .and = b { return Expression(.and(parts), range: r) }
      return Expression(.or(parts), range: r)
    default:
      return nil
    }
  }
}
