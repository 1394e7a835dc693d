/// Prints a syntax tree as the one canonical text of the query.
///
/// Canonical means: keywords lowercase, one space around operators and after commas, the fewest
/// parentheses that keep the tree (`not` > `and` > `or`), explicit `asc`/`desc` in `sort by`,
/// strings in double quotes with the shortest escapes. For every tree the parser produces,
/// `Parser.parse(Formatter.format(q)) == q` and formatting is idempotent.
///
/// Trees built by hand are printed so that they keep their meaning: a bare word that could not be
/// read back as one (a keyword, `today`, text with spaces) and a number that is not spelled as one
/// (`+5`, `1,000`) are printed as quoted strings (the binder converts a string to the field's type
/// where that is exact), a field
/// component that is not a plain name is printed in backquotes, and nested `and`/`or` of the same
/// operator get parentheses. Where Foundation is imported too, write `InvoiceQL.Formatter`
/// (or `QueryFormatter`) to avoid its `Formatter` class.
package enum Formatter {
  /// The canonical text of a query, clauses included.
  package static func format(_ query: Query) -> String {
    // The empty filter prints as nothing, so a query of clauses only starts with its first clause.
    var parts = query.filter.isEverything ? [] : [format(query.filter)]
    if !query.sort.isEmpty {
      parts.append(
        "sort by "
          + query.sort.map { format($0.field) + ($0.descending ? " desc" : " asc") }.joined(separator: ", "))
    }
    if let limit = query.limit { parts.append("limit \(limit.count)") }
    return parts.joined(separator: " ")
  }

  /// The canonical text of a filter expression.
  package static func format(_ expression: Expression) -> String {
    var out = ""
    write(expression, into: &out)
    return out
  }

  /// The canonical text of a field path: `billing_address.country`, `` `limit`.total ``.
  package static func format(_ field: FieldPath) -> String {
    // One plain name (the usual field) is its own text.
    if field.components.count == 1, let name = field.components.first, Lexer.isPlainIdentifier(name),
      Keyword(word: name) == nil
    {
      return name
    }
    var out = ""
    for (i, component) in field.components.enumerated() {
      if i > 0 { out += "." }
      let plain =
        Lexer.isPlainIdentifier(component) && (i > 0 || Keyword(word: component) == nil)
      out += plain ? component : quoteName(component)
    }
    return out
  }

  /// The canonical text of a literal.
  package static func format(_ literal: Literal) -> String {
    switch literal.kind {
    case .string(let s): return quote(s)
    case .word(let w): return isBareWord(w) ? w : quote(w)
    case .number(let n): return Scanner.validNumber(n) ?? quote(n)
    case .date(let d): return d.description
    case .dateTime(let dt): return dt.description
    case .relative(let r): return r.description
    case .boolean(let b): return b ? "true" : "false"
    }
  }

  /// Whether `word` reads back as a bare-word value (not a keyword, `today`, `now`, `null`, …).
  package static func isBareWord(_ word: String) -> Bool {
    guard Lexer.isPlainIdentifier(word), Keyword(word: word) == nil else { return false }
    return !word.equalsFolded("today") && !word.equalsFolded("now")
  }

  /// `"…"` with `\"`, `\\`, `\n`, `\t` and `\uXXXX` for other control characters.
  package static func quote(_ text: String) -> String {
    // Most text has nothing to escape: then it is copied whole.
    if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }) {
      return "\"" + text + "\""
    }
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        let hex = String(scalar.value, radix: 16, uppercase: true)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  static func quoteName(_ name: String) -> String {
    var out = "`"
    for ch in name.unicodeScalars {
      if ch == "`" || ch == "\\" { out += "\\" }
      out.unicodeScalars.append(ch)
    }
    return out + "`"
  }

  /// Binding strength: what may appear unparenthesised where.
  private enum Level: Int, Comparable {
    case or = 1, and, not, primary
    static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
  }

  private static func level(_ e: Expression) -> Level {
    switch e.kind {
    case .or: .or
    case .and: .and
    case .not: .not
    default: .primary
    }
  }

  /// Writes `e`, parenthesised when it binds less tightly than `minimum`.
  private static func write(_ e: Expression, atLeast minimum: Level, into out: inout String) {
    if level(e) < minimum {
      out += "("
      write(e, into: &out)
      out += ")"
    } else {
      write(e, into: &out)
    }
  }

  private static func write(_ e: Expression, into out: inout String) {
    switch e.kind {
    case .or(let operands):
      // An `or` directly inside an `or` is parenthesised: that keeps a hand-built tree's shape.
      for (i, operand) in operands.enumerated() {
        if i > 0 { out += " or " }
        write(operand, atLeast: .and, into: &out)
      }
    case .and(let operands):
      for (i, operand) in operands.enumerated() {
        if i > 0 { out += " and " }
        write(operand, atLeast: .not, into: &out)
      }
    case .not(let operand):
      out += "not "
      write(operand, atLeast: .not, into: &out)
    // Appended piece by piece: no temporary strings for the pieces' concatenation.
    case .comparison(let field, let op, let value):
      out += format(field)
      out += " "
      out += op.rawValue
      out += " "
      out += format(value)
    case .membership(let field, let values, let negated):
      out += format(field)
      out += negated ? " not in (" : " in ("
      for (i, value) in values.enumerated() {
        if i > 0 { out += ", " }
        out += format(value)
      }
      out += ")"
    case .between(let field, let low, let high):
      out += format(field)
      out += " between "
      out += format(low)
      out += " and "
      out += format(high)
    case .isNull(let field, let negated):
      out += format(field)
      out += negated ? " is not null" : " is null"
    case .text(let field, let op, let value):
      out += format(field)
      out += " "
      out += op.rawValue
      out += " "
      out += format(value)
    case .quantified(let q, let field, let body):
      out += q.rawValue
      out += "("
      out += format(field)
      out += ", "
      write(body, into: &out)
      out += ")"
    }
  }
}

/// `Formatter` under a name that does not clash with Foundation's `Formatter` class.
package typealias QueryFormatter = Formatter
