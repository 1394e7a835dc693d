import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// Imports a Stripe list query string (`status=open&created[gte]=1746057600&customer=cus_1`) or a
/// search query (`status:"open" AND total>1000`, also as `query=…`), see ``StripeSearchImport``.
///
/// List filters are single values compared as sent; `created`/`due_date` bounds are documented
/// (`gt`/`lt` exclusive, `gte`/`lte` inclusive), so they import exactly as instants (`createdAt`,
/// `due_date`). A bare integer (`created=t`) is documented only for another endpoint and is left
/// out with a warning; a repeated parameter's meaning is undocumented (an error). `limit`,
/// `starting_after`, `ending_before` and `expand[]` are options, skipped.
package enum StripeImport {
  static let equals: [String: [String]] = [
    "status": ["status"], "customer": ["customer"], "collection_method": ["collection_method"],
    "subscription": ["parent", "subscription_details", "subscription"],
  ]
  /// Range parameters: the field a query names for them (an instant either way).
  static let ranges: [String: String] = ["created": "createdAt", "due_date": "due_date"]
  static let operators: [String: ComparisonOperator] = [
    "gt": .greater, "gte": .greaterOrEqual, "lt": .less, "lte": .lessOrEqual,
  ]

  /// Whether the text is a search query: a `query=` parameter, no `name=value` at all, or a name
  /// no list parameter has (`total>=1000` splits at its `=` into the name `total>`; a clause's `:`,
  /// a quote or a space mark one too).
  static func isSearch(_ components: [QueryStringComponent]) -> Bool {
    isSearch(pairs: components.map { ($0.name, $0.value) })
  }

  /// `isSearch` over decoded name-value pairs (the simulated server decides the endpoint of a
  /// saved filter the same way).
  package static func isSearch(pairs: [(name: String, value: String?)]) -> Bool {
    if pairs.contains(where: { $0.name == "query" }) || !pairs.contains(where: { $0.value != nil }) {
      return true
    }
    return pairs.contains { c in
      c.name.unicodeScalars.contains { u in
        !(u.properties.isAlphabetic || ("0"..."9").contains(u) || "_[].-".unicodeScalars.contains(u))
      }
    }
  }

  static func run(_ ctx: inout ImportContext) -> (Expression?, [SortKey]) {
    let components = QueryStringSplitter.split(ctx.native, &ctx)
    if isSearch(components) { return (StripeSearchImport.run(&ctx, components), []) }
    var seen: Set<String> = []
    var conjuncts: [Expression] = []
    for c in components {
      guard seen.insert(c.name).inserted else {
        ctx.error(
          .importBadValue,
          "'\(c.name)' is repeated: what Stripe does with a repeated parameter is undocumented",
          c.range)
        continue
      }
      if skipOption(c, &ctx) { continue }
      guard let value = c.value, !value.isEmpty else {
        ctx.error(.importBadValue, "'\(c.name)' has no value", c.range)
        continue
      }
      if let path = equals[c.name] {
        guard let literal = ctx.literal(value, for: path, at: c.valueRange) else { continue }
        conjuncts.append(Build.compare(ctx.field(path), .equal, literal))
        continue
      }
      let (base, op) = split(c.name)
      guard let name = ranges[base] else {
        ctx.error(
          .importUnknownParameter, "Stripe's invoice list has no filter '\(c.name)'", c.range,
          help: QueryStringImport.suggestions(c.name, Array(equals.keys) + ranges.keys.map { $0 + "[gte]" }))
        continue
      }
      guard let op else {
        ctx.warning(
          .importUnknownOperator,
          "a bare '\(base)=\(value)' is documented only for another endpoint (an exact second); it is "
            + "not imported, so the query matches more invoices", c.range)
        continue
      }
      guard let seconds = Int(value) else {
        ctx.error(.importBadValue, "'\(value)' is not a whole number of Unix seconds", c.valueRange)
        continue
      }
      if let e = bound(name, op, seconds) { conjuncts.append(e) }
    }
    return (Build.all(conjuncts), [])
  }

  /// `name op t` for Unix seconds `t`. Only seconds in `UnixTime.range` read as a time, so a
  /// bound beyond it is met by every such time (nil: nothing to state) or by none (a bound at the
  /// range's edge that no time passes).
  static func bound(_ name: String, _ op: ComparisonOperator, _ seconds: Int) -> Expression? {
    let lower = op == .greater || op == .greaterOrEqual
    var t = seconds
    var o = op
    if seconds < UnixTime.range.lowerBound {
      guard !lower else { return nil }
      (t, o) = (UnixTime.range.lowerBound, .less)
    } else if seconds > UnixTime.range.upperBound {
      guard lower else { return nil }
      (t, o) = (UnixTime.range.upperBound, .greater)
    }
    let (d, h, m, s) = Instant(seconds: t, fraction: "").utc
    guard let time = CivilDateTime(date: d, hour: h, minute: m, second: s, offsetSeconds: 0) else {
      return nil
    }
    return Build.compare(
      FieldPath([name], range: ImportContext.nowhere), o,
      Literal(.dateTime(time), range: ImportContext.nowhere))
  }

  /// `created[gte]` → (`created`, `>=`); `created` → (`created`, nil); an unknown operator → (name, nil)
  /// with the name unchanged, so it is reported as an unknown parameter.
  static func split(_ name: String) -> (String, ComparisonOperator?) {
    guard name.hasSuffix("]"), let open = name.firstIndex(of: "[") else { return (name, nil) }
    let op = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
    guard let o = operators[op] else { return (name, nil) }
    return (String(name[..<open]), o)
  }

  /// Paging and expansion options, skipped (with a note for a position in the listing).
  static func skipOption(_ c: QueryStringComponent, _ ctx: inout ImportContext) -> Bool {
    switch c.name {
    case "limit": return true
    case "starting_after", "ending_before":
      ctx.note(
        "'\(c.name)=\(c.value ?? "")' is a position in the listing and is skipped: the query lists from the first match",
        c.range)
      return true
    default:
      return c.name == "expand" || c.name.hasPrefix("expand[")
    }
  }
}
