/// Imports the query-string filters of elevate, wethod and rhythm.
///
/// Each parameter becomes one conjunct. Operators whose meaning the provider's documentation
/// settles are imported exactly; `like:` (wildcards undocumented), elevate's `gtn:` (never
/// explained) and anything else unknown become warnings and are left out of the query, which is
/// then broader than the native filter — never narrower, and never silently.
enum QueryStringImport {
  /// How one parameter filters.
  enum ParameterKind {
    /// `v`, `in:a,b`, `like:v` (elevate's string filters).
    case list
    /// A date: `d`, `lt:d`, `gt:d` (elevate also `gtn:`; wethod's newer version the full set).
    case date
    /// An identifier: `v` (and `in:a,b`).
    case id
  }

  struct Dialect {
    var parameters: [String: (path: [String], kind: ParameterKind)]
    /// Paging, projection and flags that do not filter.
    var ignored: Set<String>
    /// Whether `sort=a,b:desc` is understood.
    var sorts: Bool
    /// wethod's newer operators (`eq: neq: gte: lte: in: nin: bt:`), documented in a later version.
    var extendedOperators: Bool
  }

  static let elevate: Dialect = {
    var p: [String: (path: [String], kind: ParameterKind)] = [:]
    for name in [
      "billRunStatus", "paymentMethod", "mandateStatus", "paymentStatus", "thirdPartyPaymentStatus",
      "invoiceNumber", "createdDate", "thirdPartyPaymentStatusUpdatedTime", "paymentStatusUpdatedDate",
      "refundStatusUpdatedDate", "thirdPartyRefundStatus", "paymentStatusUpdatedTime", "billRunType",
    ] { p[name] = ([name], .list) }
    for name in ["id", "contractOwnerId", "billingCycleId", "billRunId", "customerId", "siteId"] {
      p[name] = ([name], .id)
    }
    for name in ["dueDate", "invoiceDate"] { p[name] = ([name], .date) }
    return Dialect(
      parameters: p, ignored: ["page", "pageSize", "fields"], sorts: true, extendedOperators: false)
  }()

  static let wethod = Dialect(
    parameters: [
      "issue_date": (["issue_date"], .date), "payment_date": (["payment_date"], .date),
      "updated_at": (["updated_at"], .date), "project_id": (["project_id"], .id),
    ], ignored: ["limit", "offset"], sorts: false, extendedOperators: true)

  static let rhythm = Dialect(
    parameters: [:], ignored: ["fields", "exclusiveStartKey", "includeAllInvoices"], sorts: false,
    extendedOperators: false)

  static func run(_ dialect: Dialect, _ ctx: inout ImportContext) -> (Expression?, [SortKey]) {
    var conjuncts: [Expression] = []
    var sort: [SortKey] = []
    var seen: Set<String> = []
    let components = QueryStringSplitter.split(ctx.native, &ctx)
    if ctx.catalog.provider == "rhythm" {
      let all = components.first { $0.name == "includeAllInvoices" }
      if all?.value != "true" {
        ctx.warning(
          .importApproximate,
          "without includeAllInvoices=true rhythm leaves out invoices by an undocumented balance rule; "
            + "the query keeps every invoice",
          all?.range ?? .at(0))
      }
    }
    for c in components {
      if dialect.ignored.contains(c.name) { continue }
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
    let field = ctx.field(path)
    var op = ""
    var operand = value
    if let colon = value.firstIndex(of: ":"), value[..<colon].allSatisfy({ $0.isASCII && $0.isLowercase }),
      !value[..<colon].isEmpty, NativeDates.dateTime(value) == nil
    {
      op = String(value[..<colon])
      operand = String(value[value.index(after: colon)...])
    }
    func lit(_ s: String) -> Literal? {
      // Whether the API reads an empty value as "" or ignores it (matching every invoice) is
      // undocumented; `in:a,,b` may drop the empty element. Either reading of a query is wrong
      // for one of them, so an empty value is not imported.
      guard !s.isEmpty else {
        ctx.error(
          .importBadValue,
          "an empty value for '\(QueryText.path(path))': whether \(ctx.catalog.provider) compares it with \"\" or "
            + "ignores it is undocumented", range)
        return nil
      }
      return ctx.literal(s, for: path, at: range)
    }
    func list(_ s: String) -> [Literal]? {
      let parts = s.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      var out: [Literal] = []
      for p in parts {
        guard let l = lit(p) else { return nil }
        out.append(l)
      }
      return out
    }
    let ordered = kind == .date || dialect.extendedOperators
    switch op {
    case "":
      return lit(operand).map { Build.compare(field, .equal, $0) }
    case "eq" where dialect.extendedOperators:
      return lit(operand).map { Build.compare(field, .equal, $0) }
    case "in" where kind != .date || dialect.extendedOperators:
      return list(operand).map { Build.node(.membership(field, $0, negated: false)) }
    case "nin" where dialect.extendedOperators:
      return list(operand).map { Build.node(.membership(field, $0, negated: true)) }
    case "neq" where dialect.extendedOperators:
      return lit(operand).map { Build.compare(field, .notEqual, $0) }
    case "lt" where ordered: return lit(operand).map { Build.compare(field, .less, $0) }
    case "gt" where ordered: return lit(operand).map { Build.compare(field, .greater, $0) }
    case "lte" where dialect.extendedOperators:
      return lit(operand).map { Build.compare(field, .lessOrEqual, $0) }
    case "gte" where dialect.extendedOperators:
      return lit(operand).map { Build.compare(field, .greaterOrEqual, $0) }
    case "bt" where dialect.extendedOperators:
      guard let bounds = list(operand), bounds.count == 2 else {
        ctx.error(.importBadValue, "'bt:' takes two values, 'bt:min,max'", range)
        return nil
      }
      return Build.node(.between(field, bounds[0], bounds[1]))
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
      let path = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
      guard ctx.catalog.field(at: path) != nil else {
        ctx.error(
          .importUnknownParameter, "\(ctx.catalog.provider) has no field '\(name)' to sort by", c.valueRange)
        continue
      }
      keys.append(SortKey(field: ctx.field(path), descending: descending, range: ImportContext.nowhere))
    }
    return keys
  }

  static func suggestions(_ name: String, _ candidates: [String]) -> [String] {
    let lower = name.lowercased()
    let close = candidates.filter { $0.lowercased() == lower || $0.lowercased().hasPrefix(lower) }.sorted()
    return close.prefix(1).map { "did you mean '\($0)'?" }
  }
}
