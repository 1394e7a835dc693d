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
    var out = FormatWriter()
    // The empty filter prints as nothing, so a query of clauses only starts with its first clause.
    var parts = 0
    if !query.filter.isEverything {
      out.write(query.filter)
      parts += 1
    }
    if !query.sort.isEmpty {
      if parts > 0 { out.put(" ") }
      out.put("sort by ")
      for (i, key) in query.sort.enumerated() {
        if i > 0 { out.put(", ") }
        out.write(key.field)
        out.put(key.descending ? " desc" : " asc")
      }
      parts += 1
    }
    if let limit = query.limit {
      if parts > 0 { out.put(" ") }
      out.put("limit ")
      out.write(String(limit.count))
    }
    return out.text
  }

  /// The canonical text of a filter expression.
  package static func format(_ expression: Expression) -> String {
    var out = FormatWriter()
    out.write(expression)
    return out.text
  }

  /// The canonical text of a field path: `billing_address.country`, `` `limit`.total ``.
  package static func format(_ field: FieldPath) -> String {
    // One plain name (the usual field) is its own text.
    if field.components.count == 1, let name = field.components.first, FormatWriter.isPlainName(name) {
      return name
    }
    var out = FormatWriter()
    out.write(field)
    return out.text
  }

  /// The canonical text of a literal.
  package static func format(_ literal: Literal) -> String {
    var out = FormatWriter()
    out.write(literal)
    return out.text
  }

  /// Whether `word` reads back as a bare-word value (not a keyword, `today`, `now`, `null`, …).
  package static func isBareWord(_ word: String) -> Bool {
    guard Lexer.isPlainIdentifier(word), Keyword(word: word) == nil else { return false }
    return !word.equalsFolded("today") && !word.equalsFolded("now")
  }

  /// `"…"` with `\"`, `\\`, `\n`, `\t` and `\uXXXX` for other control characters.
  package static func quote(_ text: String) -> String {
    // Most text has nothing to escape: then it is copied whole.
    if !needsEscapes(text) { return "\"" + text + "\"" }
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

  /// Whether `quote` escapes anything in `text`.
  static func needsEscapes(_ text: String) -> Bool {
    text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F })
  }

  static func quoteName(_ name: String) -> String {
    var out = "`"
    for ch in name.unicodeScalars {
      if ch == "`" || ch == "\\" { out += "\\" }
      out.unicodeScalars.append(ch)
    }
    return out + "`"
  }
}

/// `Formatter` under a name that does not clash with Foundation's `Formatter` class.
package typealias QueryFormatter = Formatter
