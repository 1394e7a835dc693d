/// Imports softwareone's RQL: `and(eq(status,Issued),lt(erpData.dueDate,"2025-05-01T00:00:00.000Z"))`,
/// optionally with the rest of its query string (`select=`, `order=`, `limit=`, `offset=`).
///
/// `eq ne gt ge lt le in out and or not any all` and `null()` import exactly; `ilike` with a
/// leading and/or trailing `*` is exactly `contains`/`startswith`/`endswith` (both are
/// case-insensitive); a case-sensitive `like` with a star has no exact query form and is imported
/// as the broader case-insensitive test with a warning; `ilike` without a star has none at all.
enum RQLImport {
  /// An RQL term: a call `name(args…)`, a parenthesised list, or a value.
  indirect enum Term: Equatable {
    case call(String, [Term], SourceRange)
    case list([Term], SourceRange)
    case value(String, quoted: Bool, SourceRange)

    var range: SourceRange {
      switch self {
      case .call(_, _, let r), .list(_, let r), .value(_, _, let r): r
      }
    }
  }

  static let maximumDepth = 256

  /// The top-level fields the API filters on without a `select=` naming them (the simulated
  /// server's reading; the documentation names `audit` and `erpData` as needing one).
  static let selectedByDefault: Set<String> = ["id", "status", "name"]

  static func run(_ ctx: inout ImportContext) -> (Expression?, [SortKey]) {
    var conjuncts: [Expression] = []
    var sort: [SortKey] = []
    var selected = selectedByDefault
    var filtered: [(root: String, range: SourceRange)] = []
    for (raw, range) in components(ctx.native) {
      guard let text = QueryStringSplitter.decode(raw[...]) else {
        ctx.error(.importSyntax, "invalid percent-encoding", range)
        continue
      }
      // Offsets map straight into the native text only when decoding changed nothing.
      let base = text.utf8.count == raw.count ? range.lowerBound : nil
      if let eq = text.firstIndex(of: "="), !text[..<eq].contains("(") {
        let name = String(text[..<eq])
        let value = String(text[text.index(after: eq)...])
        switch name {
        case "select":
          for item in value.split(separator: ",") where !item.hasPrefix("-") {
            selected.insert(String(item.drop { $0 == "+" }))
          }
        case "limit", "offset": continue
        case "order": sort += order(value, range, &ctx)
        default:
          ctx.error(.importUnknownParameter, "softwareone has no query parameter '\(name)'", range)
        }
        continue
      }
      var parser = TermParser(bytes: Array(text.utf8), base: base, whole: range)
      guard let term = parser.parseAll(&ctx) else { continue }
      filtered += filteredRoots(term)
      if let e = expression(term, scope: [], &ctx) { conjuncts.append(e) }
    }
    var reported: Set<String> = []
    for (root, range) in filtered where !selected.contains(root) && reported.insert(root).inserted {
      ctx.error(
        .importUnselectedField,
        "softwareone filters on '\(root)' only when it is selected: without select=+\(root) the API ignores "
          + "this condition, so no query means what the native filter does", range,
        help: ["add select=+\(root) to the native filter"])
    }
    return (Build.all(conjuncts), sort)
  }

  /// The top-level field each condition of `t` filters on, with the range of its name.
  static func filteredRoots(_ t: Term) -> [(root: String, range: SourceRange)] {
    guard case .call(let name, let args, _) = t else { return [] }
    if ["and", "or", "not"].contains(name) { return args.flatMap(filteredRoots) }
    guard case .value(let field, false, let range)? = args.first else { return [] }
    return [(String(field.prefix { $0 != "." }), range)]
  }

  /// `&`-separated components outside quotes and parentheses, with their ranges.
  static func components(_ text: String) -> [([UInt8], SourceRange)] {
    let b = Array(text.utf8)
    var start = 0
    if let q = b.firstIndex(of: UInt8(ascii: "?")), !b[..<q].contains(UInt8(ascii: "(")) { start = q + 1 }
    var out: [([UInt8], SourceRange)] = []
    var depth = 0
    var quote: UInt8?
    var i = start
    while i <= b.count {
      if i == b.count || (b[i] == UInt8(ascii: "&") && depth == 0 && quote == nil) {
        if i > start { out.append((Array(b[start..<i]), SourceRange(start, i))) }
        start = i + 1
      } else if let q = quote {
        if b[i] == q { quote = nil }
      } else if b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") {
        quote = b[i]
      } else if b[i] == UInt8(ascii: "(") {
        depth += 1
      } else if b[i] == UInt8(ascii: ")") {
        depth = max(0, depth - 1)
      }
      i += 1
    }
    return out
  }

  private static func order(_ value: String, _ range: SourceRange, _ ctx: inout ImportContext) -> [SortKey] {
    var keys: [SortKey] = []
    for part in value.split(separator: ",") {
      var name = Substring(part)
      var descending = false
      if name.hasPrefix("-") {
        descending = true
        name = name.dropFirst()
      } else if name.hasPrefix("+") {
        name = name.dropFirst()
      }
      let path = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
      guard ctx.catalog.field(at: path) != nil else {
        ctx.error(.importUnknownParameter, "softwareone has no field '\(name)' to order by", range)
        continue
      }
      keys.append(SortKey(field: ctx.field(path), descending: descending, range: ImportContext.nowhere))
    }
    return keys
  }

  private static func fieldPath(_ t: Term, scope: [String], _ ctx: inout ImportContext) -> (
    [String], FieldPath
  )? {
    guard case .value(let name, false, let range) = t, !name.isEmpty else {
      ctx.error(.importSyntax, "expected a field name", t.range)
      return nil
    }
    let relative = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    let full = scope + relative
    guard ctx.catalog.field(at: full) != nil else {
      ctx.error(.importUnknownParameter, "softwareone has no field '\(QueryText.path(full))'", range)
      return nil
    }
    let written = scope.isEmpty ? ctx.queryName(for: full) : relative
    return (full, FieldPath(written, range: ImportContext.nowhere))
  }

  private static func value(_ t: Term, for path: [String], _ ctx: inout ImportContext) -> Literal? {
    switch t {
    case .value(let v, _, let r): return ctx.literal(v, for: path, at: r)
    case .call("empty", [], let r): return ctx.literal("", for: path, at: r)
    default:
      ctx.error(.importBadValue, "expected a value", t.range)
      return nil
    }
  }

  static func expression(_ t: Term, scope: [String], _ ctx: inout ImportContext) -> Expression? {
    guard case .call(let name, let args, let range) = t else {
      ctx.error(.importSyntax, "expected an RQL operator such as eq(field,value)", t.range)
      return nil
    }
    func arity(_ n: Int) -> Bool {
      if args.count == n { return true }
      ctx.error(.importSyntax, "'\(name)' takes \(n) argument\(n == 1 ? "" : "s"), got \(args.count)", range)
      return false
    }
    switch name {
    case "and", "or":
      guard !args.isEmpty else {
        ctx.error(.importSyntax, "'\(name)' needs at least one condition", range)
        return nil
      }
      let parts = args.compactMap { expression($0, scope: scope, &ctx) }
      guard parts.count == args.count else { return nil }
      return name == "and" ? Build.all(parts) : Build.any(parts)
    case "not":
      guard arity(1), let inner = expression(args[0], scope: scope, &ctx) else { return nil }
      return Build.node(.not(inner))
    case "eq", "ne", "gt", "ge", "lt", "le":
      guard arity(2), let (full, field) = fieldPath(args[0], scope: scope, &ctx) else { return nil }
      if case .call("null", [], _) = args[1] {
        guard name == "eq" || name == "ne" else {
          ctx.error(.importBadValue, "'\(name)' cannot compare with null()", args[1].range)
          return nil
        }
        return Build.node(.isNull(field, negated: name == "ne"))
      }
      guard comparable(full, args[0].range, &ctx), let v = value(args[1], for: full, &ctx) else { return nil }
      let op: ComparisonOperator =
        switch name {
        case "eq": .equal
        case "ne": .notEqual
        case "gt": .greater
        case "ge": .greaterOrEqual
        case "lt": .less
        default: .lessOrEqual
        }
      return Build.compare(field, op, v)
    case "in", "out":
      guard arity(2), let (full, field) = fieldPath(args[0], scope: scope, &ctx),
        comparable(full, args[0].range, &ctx)
      else { return nil }
      let items: [Term]
      if case .list(let xs, _) = args[1] { items = xs } else { items = [args[1]] }
      guard !items.isEmpty else {
        ctx.error(.importSyntax, "'\(name)' needs at least one value", args[1].range)
        return nil
      }
      let values = items.compactMap { value($0, for: full, &ctx) }
      guard values.count == items.count else { return nil }
      return Build.node(.membership(field, values, negated: name == "out"))
    case "like", "ilike":
      guard arity(2), let (full, field) = fieldPath(args[0], scope: scope, &ctx) else { return nil }
      guard ctx.catalog.field(at: full)?.type == .string else {
        ctx.error(
          .importBadValue,
          "'\(name)' on '\(QueryText.path(full))' has no query form: contains, startswith and endswith apply to "
            + "string fields", args[0].range)
        return nil
      }
      guard case .value(let pattern, _, let pr) = args[1] else {
        ctx.error(.importBadValue, "expected a pattern", args[1].range)
        return nil
      }
      return like(name == "ilike", field, full, pattern, pr, &ctx)
    case "any", "all":
      guard arity(2), let (full, field) = fieldPath(args[0], scope: scope, &ctx) else { return nil }
      guard case .array = ctx.catalog.field(at: full)?.type else {
        ctx.error(.importBadValue, "'\(QueryText.path(full))' is not an array", args[0].range)
        return nil
      }
      guard let body = expression(args[1], scope: full, &ctx) else { return nil }
      return Build.node(.quantified(name == "any" ? .any : .all, field, body))
    default:
      ctx.error(.importUnknownOperator, "unknown RQL operator '\(name)'", range)
      return nil
    }
  }

  /// Whether `full` names a field a query can compare: an object or an array is an error (as
  /// the binder would report on the imported query).
  private static func comparable(_ full: [String], _ range: SourceRange, _ ctx: inout ImportContext) -> Bool {
    switch ctx.catalog.field(at: full)?.type {
    case .object?:
      ctx.error(.importBadValue, "'\(QueryText.path(full))' is an object; compare one of its fields", range)
      return false
    case .array?:
      ctx.error(
        .importBadValue, "'\(QueryText.path(full))' is an array; test its elements with any() or all()", range
      )
      return false
    default: return true
    }
  }

  private static func like(
    _ insensitive: Bool, _ field: FieldPath, _ full: [String], _ pattern: String, _ range: SourceRange,
    _ ctx: inout ImportContext
  ) -> Expression? {
    var chars = Array(pattern)
    let leading = chars.first == "*"
    if leading { chars.removeFirst() }
    var trailing = false
    if chars.last == "*" && !(chars.count >= 2 && chars[chars.count - 2] == "\\") {
      trailing = true
      chars.removeLast()
    }
    var text = ""
    var i = 0
    while i < chars.count {
      if chars[i] == "\\" && i + 1 < chars.count && chars[i + 1] == "*" {
        text.append("*")
        i += 2
      } else if chars[i] == "*" {
        ctx.error(
          .importBadValue, "a '*' wildcard may only stand at the start or end of a like pattern", range)
        return nil
      } else {
        text.append(chars[i])
        i += 1
      }
    }
    guard leading || trailing else {
      if insensitive {
        ctx.warning(
          .importUnknownOperator,
          "'ilike' without a wildcard is a case-insensitive equality, which a query cannot state; not imported",
          range)
        return nil
      }
      return ctx.literal(text, for: full, at: range).map { Build.compare(field, .equal, $0) }
    }
    let op: TextOperator = leading && trailing ? .contains : leading ? .endswith : .startswith
    if !insensitive {
      ctx.warning(
        .importApproximate,
        "'like' is case-sensitive; imported as the case-insensitive '\(op.rawValue)', which matches more",
        range)
    }
    return Build.node(.text(field, op, Literal(.string(text), range: ImportContext.nowhere)))
  }
}

extension Diagnostic.Kind {
  /// A softwareone condition on a field its `select=` leaves out: the API ignores it.
  public static let importUnselectedField = Diagnostic.Kind("import-unselected-field")
}
