import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// Imports the query-string filters of elevate, wethod and rhythm.
///
/// Each parameter becomes one conjunct. Operators whose meaning the provider's documentation
/// settles are imported exactly; `lt:`/`gt:` (inclusivity undocumented) as inclusive bounds with a
/// warning; `like:` (wildcards undocumented), elevate's `gtn:` (never explained) and anything else
/// unknown become warnings and are left out of the query, which is then broader than the native
/// filter — never narrower, and never silently. Paging and projection parameters are skipped.
package enum QueryStringImport {
  /// How one parameter filters.
  package enum ParameterKind {
    /// `v`, `in:a,b`, `like:v` (elevate's string filters).
    case list
    /// A date: `d`, `lt:d`, `gt:d` (elevate also `gtn:`; wethod's newer version the full set).
    case date
    /// An identifier: `v` (and `in:a,b`).
    case id
  }

  package struct Dialect: Sendable {
    var parameters: [String: (path: [String], kind: ParameterKind)]
    /// Paging, projection and flags that do not filter.
    var ignored: Set<String>
    /// Whether `sort=a,b:desc` is understood.
    var sorts: Bool
    /// wethod's newer operators (`eq: neq: gte: lte: in: nin: bt:`), documented in a later version.
    var extendedOperators: Bool
    /// A flag without which the API leaves out invoices by an undocumented rule (rhythm's
    /// `includeAllInvoices`): a filter without `flag=true` imports with a warning.
    var allInvoicesFlag: (name: String, rule: String)?
  }

  /// What a query-string API (elevate, wethod, rhythm) documents, for import: its filter parameters
  /// come from the capability table the planner pushes with, plus the documented parameters the
  /// planner never sends (`alsoDocumented`).
  package static func dialect(
    capabilities: [FieldCapability], alsoDocumented: [String: ParameterKind] = [:], ignored: Set<String>,
    sorts: Bool, extendedOperators: Bool = false,
    allInvoicesFlag: (name: String, rule: String)? = nil
  ) -> Dialect {
    var parameters: [String: (path: [String], kind: ParameterKind)] = [:]
    for c in capabilities {
      let name = (c.equal ?? c.list ?? c.lower ?? c.upper)?.name ?? c.path.joined(separator: ".")
      let kind: ParameterKind =
        switch c.format {
        case .date, .dateTime, .dateTimeOrDate: .date
        case .integer, .identifier: .id
        default: .list
        }
      parameters[name] = (c.path, kind)
    }
    for (name, kind) in alsoDocumented { parameters[name] = ([name], kind) }
    return Dialect(
      parameters: parameters, ignored: ignored, sorts: sorts, extendedOperators: extendedOperators,
      allInvoicesFlag: allInvoicesFlag)
  }

  package static func run(_ dialect: Dialect, _ ctx: inout ImportContext) -> (Expression?, [SortKey]) {
    var conjuncts: [Expression] = []
    var sort: [SortKey] = []
    var seen: Set<String> = []
    let components = QueryStringSplitter.split(ctx.native, &ctx)
    if let (flag, rule) = dialect.allInvoicesFlag {
      let all = components.first { $0.name == flag }
      if all?.value != "true" {
        ctx.warning(
          .importApproximate,
          "without \(flag)=true \(ctx.catalog.provider) leaves out invoices by an undocumented \(rule); "
            + "the query keeps every invoice",
          all?.range ?? .at(0))
      }
    }
    for c in components {
      if dialect.ignored.contains(c.name) {
        if c.name != "includeAllInvoices" { ctx.skipOption(c.name, c.value, at: c.range) }
        continue
      }
      if dialect.sorts && c.name == "sort" {
        sort += sortKeys(c, &ctx)
        continue
      }
      guard let (path, kind) = dialect.parameters[c.name] else {
        ctx.error(
          .importUnknownParameter, "\(ctx.catalog.provider) has no filter parameter '\(c.name)'", c.range,
          help: suggestions(c.name, Array(dialect.parameters.keys)))
        continue
      }
      guard let value = c.value else {
        ctx.error(.importSyntax, "'\(c.name)' has no value", c.range)
        continue
      }
      if !seen.insert(c.name).inserted {
        ctx.warning(
          .importApproximate,
          "'\(c.name)' is repeated; what \(ctx.catalog.provider) does with a repeated parameter is undocumented, "
            + "so both conditions are kept", c.range)
      }
      if let e = condition(path, kind, value, c.valueRange, dialect, &ctx) { conjuncts.append(e) }
    }
    return (Build.all(conjuncts), sort)
  }

  /// One parameter's value: an optional `op:` prefix and its operand.
  private static func condition(
    _ path: [String], _ kind: ParameterKind, _ value: String, _ range: SourceRange, _ dialect: Dialect,
    _ ctx: inout ImportContext
  ) -> Expression? {
    var op = ""
    var operand = value
    if let colon = value.firstIndex(of: ":"), value[..<colon].allSatisfy({ $0.isASCII && $0.isLowercase }),
      !value[..<colon].isEmpty, NativeDates.dateTime(value) == nil
    {
      op = String(value[..<colon])
      operand = String(value[value.index(after: colon)...])
    }
    // Whether the API reads an empty value as "" or ignores it (matching every invoice) is
    // undocumented; `in:a,,b` may drop the empty element. Either reading of a query is wrong for one
    // of them, so an empty value is not imported.
    let isList = ["in", "nin", "bt"].contains(op)
    if operand.isEmpty
      || (isList && operand.split(separator: ",", omittingEmptySubsequences: false).contains(""))
    {
      ctx.error(
        .importBadValue,
        "an empty value for '\(QueryText.path(path))': whether \(ctx.catalog.provider) compares it with \"\" or "
          + "ignores it is undocumented", range)
      return nil
    }
    func list(_ s: String) -> [String] {
      s.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    func compare(_ o: ComparisonOperator) -> ImportedCondition { ctx.comparison(path, o, operand, at: range) }
    let ordered = kind == .date || dialect.extendedOperators
    let condition: ImportedCondition
    switch op {
    case "": condition = compare(.equal)
    case "eq" where dialect.extendedOperators: condition = compare(.equal)
    case "in" where kind != .date || dialect.extendedOperators:
      condition = ctx.membership(path, list(operand), negated: false, at: range)
    case "nin" where dialect.extendedOperators:
      condition = ctx.membership(path, list(operand), negated: true, at: range)
    case "neq" where dialect.extendedOperators: condition = compare(.notEqual)
    case "lt" where ordered, "gt" where ordered:
      // "Less/greater than" read inclusively too: whether the bound itself is included is undocumented.
      let why = "whether '\(op):' includes its bound is undocumented; imported as inclusive"
      switch compare(op == "lt" ? .lessOrEqual : .greaterOrEqual) {
      case .exact(let e): condition = .broader(e, why: why)
      case .broader(let e, let first): condition = .broader(e, why: first + "; " + why)
      case let other: condition = other
      }
    case "lte" where dialect.extendedOperators: condition = compare(.lessOrEqual)
    case "gte" where dialect.extendedOperators: condition = compare(.greaterOrEqual)
    case "bt" where dialect.extendedOperators:
      let bounds = list(operand)
      guard bounds.count == 2 else {
        ctx.error(.importBadValue, "'bt:' takes two values, 'bt:min,max'", range)
        return nil
      }
      condition = ctx.between(path, bounds[0], bounds[1], at: range)
    default:
      let meaning =
        op == "like"
        ? "its wildcard rules are undocumented"
        : op == "gtn" ? "it is never explained" : "it is not documented"
      ctx.warning(
        .importUnknownOperator,
        "'\(op):' on '\(QueryText.path(path))' is not imported: \(meaning) for \(ctx.catalog.provider); "
          + "the query matches more invoices than the native filter", range,
        help: op == "like" ? ["write the condition you mean with contains, startswith or endswith"] : [])
      return nil
    }
    return ctx.resolve(condition, positive: true, at: range)
  }

  private static func sortKeys(_ c: QueryStringComponent, _ ctx: inout ImportContext) -> [SortKey] {
    guard let value = c.value, !value.isEmpty else { return [] }
    var keys: [SortKey] = []
    for part in value.split(separator: ",", omittingEmptySubsequences: false) {
      var name = String(part)
      var descending = false
      if name.hasSuffix(":desc") {
        name.removeLast(5)
        descending = true
      } else if name.hasSuffix(":asc") {
        name.removeLast(4)
      }
      if let key = ctx.sortKey(name, descending: descending, at: c.valueRange) { keys.append(key) }
    }
    return keys
  }

  package static func suggestions(_ name: String, _ candidates: [String]) -> [String] {
    let lower = name.lowercased()
    let close = candidates.filter { $0.lowercased() == lower || $0.lowercased().hasPrefix(lower) }.sorted()
    return close.prefix(1).map { "did you mean '\($0)'?" }
  }
}
