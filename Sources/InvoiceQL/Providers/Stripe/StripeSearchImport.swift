import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// Imports a Stripe search query (`status:"open" AND total>1000`, or `query=…` from a URL, where
/// a bare `+` is a space).
///
/// Grammar (docs /search): clauses `field op value` joined by spaces or `AND`, or by `OR`, never
/// both; at most 10; `-` negates a clause. Imported exactly: `created` (Unix seconds: `createdAt`
/// as an instant), `total` in minor units when an `AND`-joined `currency:` clause fixes the scale
/// (`total>1000 AND currency:"usd"` is `total > 10 and currency = usd`), `status` and `currency` with `:`
/// (one-word values, matched case-insensitively, as the query's enum binding does).
/// `metadata["k"]:"v"` (a token: the whole value, ignoring case) has no query form; it is imported
/// as the narrowest superset one states, `metadata.k startswith "v" and metadata.k endswith "v"`,
/// with a warning. String fields (`number`, `customer`, `subscription`) match words, which no query
/// states, and a negated clause may keep invoices without the field: such a clause is left out with
/// a warning — under `OR` the whole query is, since leaving out one alternative would narrow it.
enum StripeSearchImport {
  struct Clause {
    var negated: Bool
    var field: String
    var op: String
    var value: String
    /// Whether the value was quoted (`null` unquoted tests emptiness).
    var quoted: Bool
    var range: SourceRange
  }

  static func run(_ ctx: inout ImportContext, _ components: [QueryStringComponent]) -> Expression? {
    var text = ctx.native
    var base = 0
    if let q = components.first(where: { $0.name == "query" }) {
      guard q.value != nil, let value = formDecoded(ctx.native, q.valueRange) else {
        ctx.error(.importBadValue, "'query' has no value", q.range)
        return nil
      }
      text = value
      base = q.valueRange.lowerBound
    }
    guard let (clauses, joinedByOr) = parse(text, base: base, &ctx) else { return nil }
    // Money is in the minor unit of a currency only an `AND`-joined clause can fix.
    let exponent =
      joinedByOr
      ? nil
      : clauses.first { $0.field == "currency" && $0.op == ":" && !$0.negated }.flatMap {
        StripeCatalog.exponents.exponent(of: $0.value)
      }
    var out: [Expression] = []
    for c in clauses {
      guard let e = condition(c, exponent: exponent, &ctx) else {
        if joinedByOr {
          ctx.warning(
            .importUnknownOperator,
            "one alternative cannot be imported, so the whole OR is left out: the query matches every invoice",
            c.range)
          return nil
        }
        continue
      }
      out.append(e)
    }
    return joinedByOr ? Build.any(out) : Build.all(out)
  }

  /// The `query` parameter's value as Stripe reads its form-encoded parameters: a bare `+` is a
  /// space (what `curl --data-urlencode`, as in Stripe's search examples, sends), `%2B` a plus.
  /// Read literally, `status:"open"+OR+status:"paid"` would lose its `OR` (nil: not UTF-8).
  static func formDecoded(_ native: String, _ range: SourceRange) -> String? {
    let raw = Array(native.utf8)[range.lowerBound..<range.upperBound].map {
      $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0
    }
    return QueryStringSplitter.decode(raw[...])
  }

  static func condition(_ c: Clause, exponent: Int?, _ ctx: inout ImportContext) -> Expression? {
    if c.negated {
      ctx.warning(
        .importUnknownOperator,
        "whether '-\(c.field)\(c.op)…' keeps invoices without '\(c.field)' is undocumented; left out, so the "
          + "query matches more invoices", c.range)
      return nil
    }
    if let key = metadataKey(c.field), c.op == ":" { return metadata(key, c, &ctx) }
    let ops: [String: ComparisonOperator] = [
      ":": .equal, ">": .greater, ">=": .greaterOrEqual, "<": .less, "<=": .lessOrEqual,
    ]
    switch (c.field, ops[c.op]) {
    case ("created", let op?):
      guard let seconds = Int(c.value), UnixTime.range.contains(seconds),
        let e = StripeImport.bound("createdAt", op, seconds)
      else {
        ctx.error(.importBadValue, "'\(c.value)' is not Unix seconds within the years 1970…9999", c.range)
        return nil
      }
      return e
    case ("total", let op?):
      guard let exponent else {
        ctx.warning(
          .importUnknownOperator,
          "'total' is in the minor unit of the invoice's currency, which no AND-joined currency: clause "
            + "fixes; left out, so the query matches more invoices", c.range)
        return nil
      }
      guard let minor = ExactDecimal(json: c.value), minor.isWhole else {
        ctx.error(.importBadValue, "'\(c.value)' is not a whole number of minor units", c.range)
        return nil
      }
      return Build.compare(
        FieldPath(["total"], range: ImportContext.nowhere), op,
        Literal(.number(minor.scaled(by: -exponent).description), range: ImportContext.nowhere))
    case ("status", .equal?), ("currency", .equal?):
      guard let literal = ctx.literal(c.value.lowercased(), for: [c.field], at: c.range) else { return nil }
      return Build.compare(ctx.field([c.field]), .equal, literal)
    default:
      ctx.warning(
        .importUnknownOperator,
        "'\(c.field)\(c.op)' matches words or tokens in a way no query states; left out, so the query "
          + "matches more invoices", c.range)
      return nil
    }
  }

  /// The key of a `metadata["key"]` search field.
  static func metadataKey(_ field: String) -> String? {
    guard field.hasPrefix("metadata[\""), field.hasSuffix("\"]"), field.utf8.count > 12 else { return nil }
    return String(field.dropFirst(10).dropLast(2))
  }

  /// `metadata["k"]:"v"`: invoices whose value of key `k` is `v` ignoring case, which no query
  /// states; imported as the narrowest superset one does, with a warning.
  static func metadata(_ key: String, _ c: Clause, _ ctx: inout ImportContext) -> Expression? {
    guard c.quoted, !c.value.isEmpty else {
      ctx.warning(
        .importUnknownOperator,
        "what '\(c.field):\(c.quoted ? "\"\"" : c.value)' matches (an empty or unset key) is undocumented; "
          + "left out, so the query matches more invoices", c.range)
      return nil
    }
    let path = ["metadata", key]
    guard ctx.catalog.field(at: path) != nil else {
      ctx.warning(
        .importUnknownOperator,
        "a query cannot name the metadata key '\(key)' (a key holding '.' or a line break); left out, so the query "
          + "matches more invoices", c.range)
      return nil
    }
    ctx.warning(
      .importApproximate,
      "Stripe compares a metadata value whole but ignoring case, which a query cannot state; imported "
        + "as 'startswith' and 'endswith', so the query matches more invoices", c.range)
    let field = ctx.field(path)
    return Build.all(
      [TextOperator.startswith, .endswith].map {
        Build.node(.text(field, $0, Literal(.string(c.value), range: ImportContext.nowhere)))
      })
  }

  /// The clauses and whether they are joined by `OR`; nil (with an error) for a malformed query.
  static func parse(_ text: String, base: Int, _ ctx: inout ImportContext) -> ([Clause], Bool)? {
    let b = Array(text.utf8)
    var i = 0
    var clauses: [Clause] = []
    var joiners: Set<String> = []
    // Any ASCII white space separates (a tab or a line break read as a letter glued `OR` into a
    // clause left out as AND-joined, narrowing the query; where Stripe rejects it, nothing is lost).
    func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
    func skipSpace() { while i < b.count && isSpace(b[i]) { i += 1 } }
    func word() -> String {
      let start = i
      while i < b.count, !isSpace(b[i]) { i += 1 }
      return String(decoding: b[start..<i], as: UTF8.self)
    }
    while true {
      skipSpace()
      if i >= b.count { break }
      if !clauses.isEmpty {
        let save = i
        let w = word().uppercased()
        if w == "AND" || w == "OR" { joiners.insert(w) } else { i = save; joiners.insert("AND") }
        skipSpace()
      }
      let start = i
      var negated = false
      if i < b.count, b[i] == UInt8(ascii: "-") {
        negated = true
        i += 1
      }
      let fieldStart = i
      while i < b.count, !":~<>".utf8.contains(b[i]), !isSpace(b[i]) {
        if b[i] == UInt8(ascii: "[") {
          while i < b.count - 1, b[i] != UInt8(ascii: "]") { i += 1 }
        }
        i += 1
      }
      i = min(i, b.count)
      let field = String(decoding: b[fieldStart..<i], as: UTF8.self)
      let opStart = i
      while i < b.count, ":~<>=".utf8.contains(b[i]) { i += 1 }
      let op = String(decoding: b[opStart..<i], as: UTF8.self)
      guard !field.isEmpty, [":", "~", ">", "<", ">=", "<="].contains(op) else {
        ctx.error(.importSyntax, "expected a clause 'field:value'", SourceRange(base + start, base + i))
        return nil
      }
      var value = ""
      let quoted = i < b.count && (b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'"))
      if quoted {
        let quote = b[i]
        i += 1
        var bytes: [UInt8] = []
        while i < b.count, b[i] != quote {
          if b[i] == UInt8(ascii: "\\"), i + 1 < b.count { i += 1 }
          bytes.append(b[i])
          i += 1
        }
        guard i < b.count else {
          ctx.error(.importSyntax, "unterminated quoted value", SourceRange(base + start, base + i))
          return nil
        }
        i += 1
        value = String(decoding: bytes, as: UTF8.self)
      } else {
        value = word()
      }
      clauses.append(
        Clause(
          negated: negated, field: field, op: op, value: value, quoted: quoted,
          range: SourceRange(base + start, base + i)))
    }
    if joiners.count > 1 {
      ctx.error(.importSyntax, "Stripe search cannot mix AND and OR", SourceRange(base, base + b.count))
      return nil
    }
    if clauses.count > 10 {
      ctx.error(.importSyntax, "Stripe search takes at most 10 clauses", SourceRange(base, base + b.count))
      return nil
    }
    return (clauses, joiners.contains("OR"))
  }
}
