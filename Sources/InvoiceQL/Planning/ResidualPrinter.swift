import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

/// Prints bound expressions as canonical query text: unbinds them to a syntax tree (field names as the
/// query spelled them, values as literals of their kind) and lets `Formatter` print it, so the residual
/// reads back through the parser and binder to the same meaning on the same provider.
package enum ResidualPrinter {
  /// `e` as query text that binds on `catalog`'s provider.
  package static func text(_ e: BoundExpression, catalog: FieldCatalog) -> String {
    Formatter.format(unbind(e, catalog: catalog))
  }

  /// The syntax tree of a bound expression over `catalog`.
  package static func unbind(_ e: BoundExpression, catalog: FieldCatalog) -> Expression {
    unbind(e, catalog: catalog, scope: [])
  }

  /// `scope` is the catalog path of the array element the enclosing quantifiers range over.
  private static func unbind(_ e: BoundExpression, catalog: FieldCatalog, scope: [String]) -> Expression {
    let r = SourceRange.at(0)
    func inner(_ x: BoundExpression) -> Expression { unbind(x, catalog: catalog, scope: scope) }
    switch e {
    case .constant(let b):
      // The language has no boolean constant: a null test and its negation on a field of the scope,
      // `f is null or f is not null` (true for every invoice or element, even one that is not an
      // object) or `f is null and f is not null` (false for each). Inside a quantifier the field
      // must be one of the element's, so `all(p, false)` reads "p has no elements" and
      // `any(p, true)` "p has an element" and both bind.
      let f = constantField(catalog, scope: scope)
      let tests = [false, true].map {
        Expression(.isNull(FieldPath(f, range: r), negated: $0), range: r)
      }
      return Expression(b ? .or(tests) : .and(tests), range: r)
    case .and(let xs): return Expression(.and(xs.map(inner)), range: r)
    case .or(let xs): return Expression(.or(xs.map(inner)), range: r)
    case .not(let x): return Expression(.not(inner(x)), range: r)
    case .quantified(let q, let f, let body):
      let body = unbind(body, catalog: catalog, scope: scope + f.path)
      return Expression(.quantified(q, path(f), body), range: r)
    case .predicate(let p):
      switch p {
      case .compare(let f, let op, let v):
        return Expression(.comparison(path(f), op, literal(v, f.type)), range: r)
      case .member(let f, let vs, let negated):
        return Expression(.membership(path(f), vs.map { literal($0, f.type) }, negated: negated), range: r)
      case .isNull(let f, let negated):
        return Expression(.isNull(path(f), negated: negated), range: r)
      case .text(let f, let op, let s):
        return Expression(.text(path(f), op, Literal(.string(s), range: r)), range: r)
      }
    }
  }

  /// A field name that resolves in `scope`: the invoice's `id` at the top level (every provider maps
  /// it), else the element's first field in catalog order. A bound quantifier's body always names
  /// one of its element's fields, so one exists; `id` is the last resort.
  static func constantField(_ catalog: FieldCatalog, scope: [String]) -> [String] {
    if scope.isEmpty, let id = catalog.canonicalFields["id"], catalog.field(at: id) != nil { return ["id"] }
    let child = catalog.fields.first { $0.path.count == scope.count + 1 && $0.path.starts(with: scope) }
    return child.map { [$0.path[scope.count]] } ?? ["id"]
  }

  static func path(_ f: BoundField) -> FieldPath {
    FieldPath(f.name.split(separator: ".", omittingEmptySubsequences: false).map(String.init), range: .at(0))
  }

  static func literal(_ v: Value, _ type: FieldType) -> Literal {
    let r = SourceRange.at(0)
    switch v {
    case .string(let s):
      if case .enumeration = type { return Literal(.word(s), range: r) }
      return Literal(.string(s), range: r)
    case .decimal(let d): return Literal(.number(d.description), range: r)
    case .boolean(let b): return Literal(.boolean(b), range: r)
    case .date(let d): return Literal(.date(d), range: r)
    case .instant(let i):
      guard let dt = dateTime(i) else { return Literal(.string(i.description), range: r) }
      return Literal(.dateTime(dt), range: r)
    }
  }

  /// The instant as a datetime literal: in UTC, or — when its UTC date lies outside the years
  /// 1…9999, as the whole-day rule makes of `>= 0001-01-01` east of UTC or `<= 9999-12-31` west of
  /// it — at the smallest offset in whole hours (or minutes) whose wall time lies inside them.
  /// Nil past a day beyond the calendar, where no offset reaches (no datetime in data lies there).
  static func dateTime(_ i: Instant) -> CivilDateTime? {
    let first = CivilDate(year: 1, month: 1, day: 1).map { $0.daysSinceEpoch * 86_400 } ?? 0
    let end = CivilDate(year: 9999, month: 12, day: 31).map { ($0.daysSinceEpoch + 1) * 86_400 } ?? 0
    var offset = 0
    if i.seconds < first {
      let short = first - i.seconds
      offset = (short + 3599) / 3600 * 3600
      if offset >= 86_400 { offset = (short + 59) / 60 * 60 }
    } else if i.seconds >= end {
      let over = i.seconds - end
      offset = -(over / 3600 + 1) * 3600
      if offset <= -86_400 { offset = -(over / 60 + 1) * 60 }
    }
    let (date, h, m, s) = Instant(seconds: i.seconds + offset, fraction: "").utc
    guard (1...9999).contains(date.year) else { return nil }
    return CivilDateTime(
      date: date, hour: h, minute: m, second: s, fraction: String(decoding: i.fraction, as: UTF8.self),
      offsetSeconds: offset)
  }
}
