import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// Imports softwareone's RQL: `and(eq(status,Issued),lt(erpData.dueDate,"2025-05-01T00:00:00.000Z"))`,
/// optionally with the rest of its query string (`select=`, `order=`, `limit=`, `offset=`) and the
/// official client's `render()`, which are output options: `order=` becomes `sort by`, the others
/// are skipped (with a note where that changes what the request listed).
///
/// Values are quoted with `'` (the official Python client) or `"` (the docs), or bare.
/// `eq ne gt ge lt le in out and or not any all` and `null()` import exactly; `ilike` with a
/// leading and/or trailing `*` is exactly `contains`/`startswith`/`endswith` (both are
/// case-insensitive); a case-sensitive `like` with a star has no exact query form and is imported
/// as the broader case-insensitive test with a warning; `ilike` without a star has none at all.
/// Dates and times are read as the API reads them (instants, UTC without an offset); see
/// `ImportedCondition` for what happens where the query cannot state a condition exactly.
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
    // The API filters only on the top-level fields `select=` names (and a few it always returns):
    // a condition on another is ignored, so it is left out of the query (which is then broader).
    var selected = selectedByDefault
    for (raw, _) in components(ctx.native) {
      guard let text = QueryStringSplitter.decode(raw[...]), text.hasPrefix("select=") else { continue }
      for item in text.dropFirst(7).split(separator: ",") where !item.hasPrefix("-") {
        selected.insert(String(item.drop { $0 == "+" }))
      }
    }
    let applied = selected
    ctx.appliesConditions = { applied.contains($0) }
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
        if name == "order" {
          sort += order(value, range, &ctx)
        } else if !ctx.skipOption(name, value, at: range) {
          ctx.error(.importUnknownParameter, "softwareone has no query parameter '\(name)'", range)
        }
        continue
      }
      var parser = TermParser(bytes: Array(text.utf8), base: base, whole: range)
      guard let term = parser.parseAll(&ctx) else { continue }
      if case .call("render", [], _) = term {
        // The official client's `render()` asks for rendered templates; it does not filter.
        ctx.note("'render()' is an output option and is skipped", range)
        continue
      }
      if let e = expression(term, scope: [], positive: true, &ctx) { conjuncts.append(e) }
    }
    return (Build.all(conjuncts), sort)
  }

  /// `&`-separated components outside quotes and parentheses, with their ranges. Quotes are found
  /// as the expression's reader finds them, after percent-decoding (`"` travels as `%22`), and a
  /// raw `&` inside a quoted value stays in it.
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
        i += 1
        continue
      }
      var c = b[i]
      if c == UInt8(ascii: "%"), i + 2 < b.count,
        let decoded = QueryStringSplitter.decode(b[i...(i + 2)]), decoded.utf8.count == 1
      {
        c = decoded.utf8.first ?? c
        i += 2
      }
      if let q = quote {
        if c == q { quote = nil }
      } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
        quote = c
      } else if c == UInt8(ascii: "(") {
        depth += 1
      } else if c == UInt8(ascii: ")") {
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
      if let key = ctx.sortKey(String(name), descending: descending, at: range) { keys.append(key) }
    }
    return keys
  }
}

extension Diagnostic.Kind {
  /// A softwareone condition on a top-level field its `select=` leaves out: the API ignores it, so
  /// the import leaves it out too (a warning).
  public static let importUnselectedField = Diagnostic.Kind("import-unselected-field")
}
