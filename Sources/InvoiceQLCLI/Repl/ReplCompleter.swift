import InvoiceQL

/// Tab completion for the REPL, from the grammar and the provider's catalog: `:commands`,
/// provider names after `:provider`, field names (canonical and native, dotted) where a field may
/// start, operators after a field, values after `=` or inside `in (` (enum values, `true`/`false`,
/// `today`/`now`), and keywords where the grammar allows them.
///
/// It reads the text before the word being completed with the query lexer and follows the grammar
/// far enough to know what may come next; it never needs the rest of the line to be valid.
package struct ReplCompleter: Sendable {
  /// The characters that end a word for completion: a dotted name (`billing_address.country`) and
  /// a quoted value stay one word.
  package static let wordBreaks = " \t\n(),=<>!"

  package init() {}

  /// What the word being completed (`word`, after `prefix` on the line) may become, sorted.
  package func candidates(before prefix: String, word: String, session: ReplSession) -> [String] {
    let all: [String]
    let leading = prefix.drop { $0 == " " || $0 == "\t" }
    if leading.isEmpty && word.hasPrefix(":") {
      all = session.commands.map { ":" + $0.name }
    } else if leading.hasPrefix(":") {
      let name = String(leading.dropFirst().prefix { !$0.isWhitespace })
      let rest = String(leading.dropFirst(1 + name.count))
      guard let command = session.command(named: name) else { return [] }
      switch command.name {
      case "provider": all = Provider.names
      case "columns", "fields": all = fieldNames(session.catalog)
      case "json": all = ["on", "off"]
      case "explain", "plan", "bind", "fmt", "ast", "tokens": all = queryCandidates(rest, session.catalog)
      default: all = []
      }
    } else {
      all = queryCandidates(String(prefix), session.catalog)
    }
    // A quoted value ("written off") is offered for its text too: `wr` completes to it.
    func unquoted(_ text: String) -> String { text.drop { $0 == "\"" || $0 == "'" }.lowercased() }
    let typed = unquoted(word)
    var seen: Set<String> = []
    return all.filter { unquoted($0).hasPrefix(typed) && seen.insert($0).inserted }.sorted()
  }

  /// Every field name a query may use on `catalog`: canonical names the provider maps, and its own
  /// dotted names. Without a provider, the canonical vocabulary.
  func fieldNames(_ catalog: FieldCatalog?) -> [String] {
    guard let catalog else { return CanonicalVocabulary.fieldNames }
    return CanonicalVocabulary.fieldNames.filter { catalog.canonicalFields[$0] != nil }
      + catalog.fields.map { Formatter.format(FieldPath($0.path, range: .at(0))) }
  }

  /// What the grammar lets follow `text` (a query's beginning).
  func queryCandidates(_ text: String, _ catalog: FieldCatalog?) -> [String] {
    switch QueryPosition(text) {
    case .queryStart: return fieldNames(catalog) + ["not", "any(", "all(", "sort by", "limit"]
    case .condition: return fieldNames(catalog) + ["not", "any(", "all("]
    case .operator(let field): return operators(for: type(of: field, catalog))
    case .value(let field): return values(for: field, catalog)
    case .afterCondition: return ["and", "or", "sort by", "limit"]
    case .afterIs: return ["null", "not null"]
    case .afterSort: return ["by"]
    case .sortKey: return fieldNames(catalog)
    case .afterSortKey: return ["asc", "desc", "limit"]
    case .nothing: return []
    }
  }

  private func type(of field: [String], _ catalog: FieldCatalog?) -> FieldType? {
    guard let catalog, let first = field.first else { return nil }
    let path = (catalog.canonicalFields[first] ?? [first]) + field.dropFirst()
    return catalog.field(at: path)?.type
  }

  private func operators(for type: FieldType?) -> [String] {
    let equality = ["=", "!=", "in", "not in", "is null", "is not null"]
    switch type {
    case .enumeration?, .id?: return equality
    case .boolean?: return ["=", "!=", "is null", "is not null"]
    case .string?:
      return equality + ["<", "<=", ">", ">=", "between", "contains", "startswith", "endswith"]
    default: return equality + ["<", "<=", ">", ">=", "between"]
    }
  }

  private func values(for field: [String], _ catalog: FieldCatalog?) -> [String] {
    switch type(of: field, catalog) {
    case .enumeration(let values)?:
      var out = values.map { Formatter.format(Literal(.word($0), range: .at(0))) }
      if field == [CanonicalVocabulary.statusField], let catalog {
        out += catalog.canonicalStatuses.filter { !$0.value.isEmpty }.map(\.key)
      }
      return out
    case .boolean?: return ["true", "false"]
    case .date?, .dateTime?: return ["today", "now"]
    default: return []
    }
  }
}

/// Where the end of a partial query stands in the grammar.
enum QueryPosition: Equatable {
  case queryStart, condition, afterCondition, afterIs, afterSort, sortKey, afterSortKey, nothing
  case `operator`([String])
  case value([String])

  init(_ text: String) {
    var position = QueryPosition.queryStart
    var field: [String] = []
    var inList = false
    var betweenFirst = false
    var quantifierPath = false
    var previousWasDot = false
    let tokens = Lexer.tokens(text).dropLast()
    for (i, token) in tokens.enumerated() {
      let wasDot = previousWasDot
      previousWasDot = false
      switch token.kind {
      case .dot:
        previousWasDot = true
        if case .operator(let f) = position { field = f }
      case .leftParen:
        if i > 0, let k = tokens[tokens.startIndex + i - 1].keyword, k == .any || k == .all {
          quantifierPath = true
          position = .condition
        } else if i > 0, tokens[tokens.startIndex + i - 1].keyword == .in {
          inList = true
          position = .value(field)
        } else {
          position = .condition
        }
      case .rightParen:
        inList = false
        position = .afterCondition
      case .comma:
        if inList {
          position = .value(field)
        } else if quantifierPath {
          quantifierPath = false
          position = .condition
        } else if position == .afterSortKey || position == .sortKey {
          position = .sortKey
        } else {
          position = .nothing
        }
      case .comparison:
        position = .value(field)
      case .literal:
        position = Self.afterValue(inList: inList, betweenFirst: &betweenFirst, field: field)
      case .word(let spelled), .quotedName(let spelled):
        if wasDot, case .operator = position {
          // A dotted path: the operators are those of the field it ends at.
          field.append(spelled)
          position = .operator(field)
          continue
        }
        let keyword: Keyword? = if case .word = token.kind { token.keyword } else { nil }
        switch (position, keyword) {
        case (.queryStart, .sort), (.afterCondition, .sort), (.afterSortKey, .sort): position = .afterSort
        case (.afterSort, .by): position = .sortKey
        case (.sortKey, _): position = .afterSortKey
        case (.afterSortKey, .asc), (.afterSortKey, .desc): position = .afterSortKey
        case (_, .limit): position = .nothing
        case (.queryStart, .not), (.condition, .not): position = .condition
        case (.queryStart, .any), (.queryStart, .all), (.condition, .any), (.condition, .all):
          position = .nothing
        case (.afterCondition, .and) where !betweenFirst, (.afterCondition, .or): position = .condition
        case (.afterCondition, .and):
          betweenFirst = false
          position = .value(field)
        case (.operator, .not): position = .operator(field)
        case (.operator, .in): position = .nothing
        case (.operator, .between):
          betweenFirst = true
          position = .value(field)
        case (.operator, .is): position = .afterIs
        case (.afterIs, .not): position = .afterIs
        case (.afterIs, .null): position = .afterCondition
        case (.operator, .contains), (.operator, .startswith), (.operator, .endswith):
          position = .value(field)
        case (.queryStart, nil), (.condition, nil):
          field = [spelled]
          position = .operator(field)
        case (.value, _):
          position = Self.afterValue(inList: inList, betweenFirst: &betweenFirst, field: field)
        default: position = .nothing
        }
      case .invalid, .end: position = .nothing
      }
    }
    self = position
  }

  private static func afterValue(inList: Bool, betweenFirst: inout Bool, field: [String]) -> QueryPosition {
    // After `between a`, the next `and` leads to the second value (see the `.and` case).
    inList ? .nothing : .afterCondition
  }
}
