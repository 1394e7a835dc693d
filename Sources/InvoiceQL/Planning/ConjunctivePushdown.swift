import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

/// Pushdown for APIs whose filter is a conjunction of per-field parameters (elevate, wethod, roadsync).
///
/// Each conjunct of the normalised query is over-approximated by one domain per field (`cover`): a
/// field constraint covers itself, an `and` intersects, an `or` keeps the fields every branch
/// constrains and unites their domains — so `(a and x < 3) or (b and x < 5)` still pushes `x < 5`.
/// The per-field domains are then written with whatever the capability table offers, always as a
/// superset of the domain; only an `equal`/`list` form the table marks exact, carrying the whole
/// domain, takes a conjunct out of the residual.
package enum ConjunctivePushdown {
  package typealias Cover = [FieldKey: (field: BoundField, domain: ValueDomain)]

  /// The conjuncts' covers intersected field by field, and the fields in the order they first
  /// appear (each cover's fields by path): what a dialect pushes, one parameter per field.
  package static func merge(_ covers: [Cover]) -> (merged: Cover, order: [FieldKey]) {
    var merged: Cover = [:]
    var order: [FieldKey] = []
    for c in covers {
      for (k, v) in c.sorted(by: { $0.key.path.lexicographicallyPrecedes($1.key.path) }) {
        if let old = merged[k] {
          merged[k] = (old.field, old.domain.intersection(v.domain))
        } else {
          merged[k] = v
          order.append(k)
        }
      }
    }
    return (merged, order)
  }

  package static func cover(_ e: NormalExpression) -> Cover {
    switch e {
    case .field(let f, let d): return [FieldKey(f): (f, d)]
    case .and(let xs):
      var out: Cover = [:]
      for x in xs {
        for (k, v) in cover(x) {
          if let old = out[k] { out[k] = (old.field, old.domain.intersection(v.domain)) } else { out[k] = v }
        }
      }
      return out
    case .or(let xs):
      guard var out = xs.first.map(cover) else { return [:] }
      for x in xs.dropFirst() {
        let c = cover(x)
        var next: Cover = [:]
        for (k, v) in out { if let w = c[k] { next[k] = (v.field, v.domain.union(w.domain)) } }
        out = next
      }
      return out
    case .constant, .text, .quantified: return [:]
    }
  }

  package static func run(
    _ conjuncts: [NormalExpression], table: [FieldCapability], rules: ValueRules,
    render: (BoundExpression) -> String
  ) -> Pushdown {
    var result = Pushdown()
    let covers = conjuncts.map(cover)
    let (merged, order) = merge(covers)
    for key in order {
      guard let (field, domain) = merged[key], let cap = table.first(where: { $0.path == key.path }),
        let (items, exact) = write(domain, cap, rules: rules)
      else { continue }
      result.items += items
      result.fieldsFiltered.append(field)
      let reason =
        exact ? cap.reason : (cap.exact ? "bounds are widened: inclusivity is undocumented" : cap.reason)
      result.fragments.append(
        PushedFragment(
          predicate: render(DomainRenderer.expression(field, domain)),
          exactness: exact ? .exact : .superset, reason: reason))
      for (i, c) in covers.enumerated() where c[key] != nil {
        if exact, case .field(let g, _) = conjuncts[i], FieldKey(g) == key {
          result.exactConjuncts.insert(i)
          result.notes[i] = (.pushedExactly, reason)
        } else if result.notes[i] == nil {
          result.notes[i] = (.pushedAsSuperset, reason)
        }
      }
    }
    for (i, c) in conjuncts.enumerated() where result.notes[i] == nil {
      result.notes[i] = (.residual, whyResidual(c, table: table))
    }
    return result
  }

  /// The native items for one field's domain and whether they carry it exactly; nil when nothing fits.
  static func write(_ d: ValueDomain, _ cap: FieldCapability, rules: ValueRules) -> ([NativeItem], Bool)? {
    // A server filter never returns absent or null fields.
    guard !d.includesNull, !d.includesUnreadable else { return nil }
    if let points = d.points, !points.isEmpty {
      // A single value sent through the list form obeys the list's rules.
      if points.count == 1, let form = cap.equal,
        let v = encode(points[0], cap, rules: rules, inList: form == cap.list)
      {
        return ([NativeItem(name: form.name, value: form.prefix + v, type: form.type)], cap.exact)
      }
      if let form = cap.list, points.count <= cap.maxValues {
        let values = points.compactMap { encode($0, cap, rules: rules, inList: true) }
        let joined = values.joined(separator: ",")
        if values.count == points.count, joined.utf8.count <= rules.maxLength {
          return ([NativeItem(name: form.name, value: form.prefix + joined, type: form.type)], cap.exact)
        }
      }
    }
    guard let hull = d.hull else { return nil }
    var items: [NativeItem] = []
    if let form = cap.lower, let b = hull.lower, let v = widenedLower(b, cap.format) {
      items.append(NativeItem(name: form.name, value: form.prefix + v, type: form.type))
    }
    if items.isEmpty || !cap.oneBound, let form = cap.upper, let b = hull.upper,
      let v = widenedUpper(b, cap.format)
    {
      items.append(NativeItem(name: form.name, value: form.prefix + v, type: form.type))
    }
    return items.isEmpty ? nil : (items, false)
  }

  package static func whyResidual(_ c: NormalExpression, table: [FieldCapability]) -> String {
    switch c {
    case .field(let f, let d):
      guard let cap = table.first(where: { $0.path == f.path }) else {
        return "the API cannot filter on '\(f.name)'"
      }
      if d.includesNull || d.includesUnreadable { return "the API cannot select absent or null values" }
      if let points = d.points, points.contains(where: { !cap.documents($0) }) {
        return "the API documents such a value of '\(f.name)' as impossible, so it is never sent"
      }
      return "the API cannot express this condition or its values safely"
    case .text: return "the API has no text search with these semantics"
    case .quantified: return "the API cannot filter inside arrays"
    case .or: return "a disjunction across fields cannot be expressed"
    case .and, .constant: return "not expressible"
    }
  }

  /// A value as the native text of the field's format; nil when it cannot be written safely or the
  /// API documents it as impossible.
  static func encode(_ v: Value, _ cap: FieldCapability, rules: ValueRules, inList: Bool) -> String? {
    guard cap.documents(v) else { return nil }
    switch (cap.format, v) {
    case (.text, .string(let s)): return rules.allows(s, inList: inList) ? s : nil
    case (.integer, .decimal(let d)):
      let text = d.description
      return d.isWhole && !text.contains("E") && NativeNumbers.readExactly(d) ? text : nil
    case (.date, .date(let d)): return NativeCalendar.date(d)
    case (.dateTime(let sep), .instant(let i)):
      return i.fraction.isEmpty ? NativeCalendar.seconds(i.seconds, separator: sep) : nil
    default: return nil
    }
  }

  /// A lower bound that holds whether the server reads it as `>` or `>=` (and at whole-second precision);
  /// nil when it cannot be written (widened past 0001-01-01, where it bounds nothing).
  static func widenedLower(_ b: RangeBound, _ format: NativeValueFormat) -> String? {
    switch (format, b.value) {
    case (.date, .date(let d)): return NativeCalendar.date(b.inclusive ? d.adding(days: -1) : d)
    case (.dateTime(let sep), .instant(let i)): return NativeCalendar.seconds(i.seconds - 1, separator: sep)
    case (.dateTimeOrDate(let sep), .instant(let i)):
      return NativeCalendar.seconds(i.seconds - 3 * 86_400, separator: sep)
    default: return nil
    }
  }

  /// An upper bound that holds whether the server reads it as `<` or `<=`; nil when it cannot be
  /// written (widened past 9999-12-31, where it bounds nothing).
  static func widenedUpper(_ b: RangeBound, _ format: NativeValueFormat) -> String? {
    switch (format, b.value) {
    case (.date, .date(let d)): return NativeCalendar.date(b.inclusive ? d.adding(days: 1) : d)
    case (.dateTime(let sep), .instant(let i)):
      return NativeCalendar.seconds(i.seconds + (i.fraction.isEmpty ? 0 : 1) + 1, separator: sep)
    case (.dateTimeOrDate(let sep), .instant(let i)):
      return NativeCalendar.seconds(i.seconds + 1 + 3 * 86_400, separator: sep)
    default: return nil
    }
  }
}
