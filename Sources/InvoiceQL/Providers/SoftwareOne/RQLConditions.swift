import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

extension RQLImport {
  /// A value in an RQL comparison.
  enum Operand {
    /// Text, quoted or bare.
    case text(String)
    /// `empty()`.
    case empty
  }

  /// `positive` is false under an odd number of `not`s: there a broader condition would narrow the
  /// query, so it is left out with everything around it up to where leaving out widens again
  /// (a conjunct of an `and` outside negations, a disjunct of an `or` under one).
  static func expression(_ t: Term, scope: [String], positive: Bool, _ ctx: inout ImportContext)
    -> Expression?
  {
    guard case .call(let name, let args, let range) = t else {
      ctx.error(.importSyntax, "expected an RQL operator such as eq(field,value)", t.range)
      return nil
    }
    func arity(_ n: Int) -> Bool {
      if args.count == n { return true }
      ctx.error(.importSyntax, "'\(name)' takes \(n) argument\(n == 1 ? "" : "s"), got \(args.count)", range)
      return false
    }
    if scope.isEmpty, !["and", "or", "not"].contains(name), case .value(let path, false, _)? = args.first {
      let root = String(path.prefix { $0 != "." })
      if ctx.catalog.field(at: [root]) != nil, !ctx.appliesConditions(root) {
        return ctx.resolve(
          .none(
            .importUnselectedField,
            "softwareone applies a condition on '\(root)' only when select= names it, and this filter's does not"
          ), positive: positive, at: range)
      }
    }
    switch name {
    case "and", "or":
      guard !args.isEmpty else {
        ctx.error(.importSyntax, "'\(name)' needs at least one condition", range)
        return nil
      }
      let parts = args.map { expression($0, scope: scope, positive: positive, &ctx) }
      let kept = parts.compactMap { $0 }
      // Leaving a part out widens an `and` and, under a negation, an `or`.
      let canLeaveOut = (name == "and") == positive
      guard kept.count == parts.count || (canLeaveOut && !kept.isEmpty) else { return nil }
      return name == "and" ? Build.all(kept) : Build.any(kept)
    case "not":
      guard arity(1), let inner = expression(args[0], scope: scope, positive: !positive, &ctx) else {
        return nil
      }
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
      guard comparable(full, args[0].range, &ctx), let operand = operand(args[1], for: full, &ctx) else {
        return nil
      }
      let op: ComparisonOperator =
        switch name {
        case "eq": .equal
        case "ne": .notEqual
        case "gt": .greater
        case "ge": .greaterOrEqual
        case "lt": .less
        default: .lessOrEqual
        }
      let condition: ImportedCondition
      switch operand {
      case .text(let v): condition = ctx.comparison(full, op, v, at: args[1].range, as: field)
      case .empty:
        guard op == .equal || op == .notEqual else {
          ctx.error(.importBadValue, "'\(name)' cannot compare with empty()", args[1].range)
          return nil
        }
        condition = empty(
          ctx.comparison(full, op, "", at: args[1].range, as: field), field, negated: op == .notEqual)
      }
      return ctx.resolve(condition, positive: positive, at: range)
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
      var texts: [String] = []
      var hasEmpty = false
      for item in items {
        switch operand(item, for: full, &ctx) {
        case .text(let v)?: texts.append(v)
        case .empty?:
          texts.append("")
          hasEmpty = true
        case nil: return nil
        }
      }
      var condition = ctx.membership(full, texts, negated: name == "out", at: args[1].range, as: field)
      if hasEmpty { condition = empty(condition, field, negated: name == "out") }
      return ctx.resolve(condition, positive: positive, at: range)
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
      let condition = like(name == "ilike", field, full, pattern, pr, &ctx)
      return ctx.resolve(condition, positive: positive, at: pr)
    case "any", "all":
      guard arity(2), let (full, field) = fieldPath(args[0], scope: scope, &ctx) else { return nil }
      guard case .array = ctx.catalog.field(at: full)?.type else {
        ctx.error(.importBadValue, "'\(QueryText.path(full))' is not an array", args[0].range)
        return nil
      }
      guard let body = expression(args[1], scope: full, positive: positive, &ctx) else { return nil }
      return Build.node(.quantified(name == "any" ? .any : .all, field, body))
    default:
      ctx.error(.importUnknownOperator, "unknown RQL operator '\(name)'", range)
      return nil
    }
  }

  static func fieldPath(_ t: Term, scope: [String], _ ctx: inout ImportContext) -> ([String], FieldPath)? {
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

  /// A value: quoted or bare text, or `empty()`. A bare dotted name of a field is the official
  /// client's property reference (`eq(a.id,b.id)` compares two fields), which a query cannot state.
  private static func operand(_ t: Term, for path: [String], _ ctx: inout ImportContext) -> Operand? {
    switch t {
    case .value(let v, let quoted, let r):
      if !quoted, v.contains("."), ctx.catalog.field(at: v.split(separator: ".").map(String.init)) != nil,
        ExactDecimal(json: v) == nil
      {
        ctx.error(
          .importBadValue, "'\(v)' unquoted names a field: comparing two fields has no query equivalent", r,
          help: ["if '\(v)' is a value, quote it: '\(v)'"])
        return nil
      }
      return .text(v)
    case .call("empty", [], _): return .empty
    default:
      ctx.error(.importBadValue, "expected a value", t.range)
      return nil
    }
  }

  /// `empty()` is documented only as an empty value: read as the empty string, and, where the
  /// server may take it for a missing value too, as null as well.
  private static func empty(_ c: ImportedCondition, _ field: FieldPath, negated: Bool) -> ImportedCondition {
    let why = "empty() is documented only as an empty value; read as the empty string or, for eq and in, null"
    switch c {
    case .exact(let e), .broader(let e, _):
      if negated { return .broader(e, why: why) }
      let orNull = Build.any([e, Build.node(.isNull(field, negated: false))])
      return orNull.map { .broader($0, why: why) } ?? .failed
    case .none, .failed: return c
    }
  }

  /// `like`/`ilike` with `*` only at the start and/or end (`\\*` a literal star).
  private static func like(
    _ insensitive: Bool, _ field: FieldPath, _ full: [String], _ pattern: String, _ range: SourceRange,
    _ ctx: inout ImportContext
  ) -> ImportedCondition {
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
        return .failed
      } else {
        text.append(chars[i])
        i += 1
      }
    }
    guard leading || trailing else {
      if insensitive {
        return .none(
          .importUnknownOperator,
          "'ilike' without a wildcard is a case-insensitive equality, which a query cannot state")
      }
      return ctx.comparison(full, .equal, text, at: range, as: field)
    }
    guard ctx.type(of: full) == .string else {
      ctx.error(
        .importBadValue,
        "'\(QueryText.path(full))' is not a text field; a query tests text patterns on text only",
        range)
      return .failed
    }
    let op: TextOperator = leading && trailing ? .contains : leading ? .endswith : .startswith
    let e = Build.node(.text(field, op, Literal(.string(text), range: ImportContext.nowhere)))
    guard insensitive else {
      return .broader(e, why: "'like' is case-sensitive; imported as the case-insensitive '\(op.rawValue)'")
    }
    return .exact(e)
  }

  /// Whether `full` names a field a query can compare: an object or an array is an error (as the
  /// binder would report on the imported query).
  static func comparable(_ full: [String], _ range: SourceRange, _ ctx: inout ImportContext) -> Bool {
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
}
