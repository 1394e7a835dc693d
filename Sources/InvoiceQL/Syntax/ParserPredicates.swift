/// Predicates, field paths and literal values.
extension Parser {
  /// `predicate = field ( comparison-operator value | [ "not" ] "in" list | "between" value "and" value
  ///             | "is" [ "not" ] "null" | text-operator value ) ;`
  mutating func parsePredicate() -> Expression? {
    guard let field = parseField() else { return nil }
    let opToken = current
    func make(_ kind: Expression.Kind, _ end: SourceRange) -> Expression {
      Expression(kind, range: field.range.union(end))
    }
    if opToken.tag == .comparison {
      let op = opToken.comparison
      advance()
      switch parseValue() {
      case .value(let literal): return make(.comparison(field, op, literal), literal.range)
      case .null(let range):
        reportNullComparison(field: field, op: op, range: opToken.range.union(range))
        return nil
      case .failed: return nil
      }
    }
    switch opToken.keyword {
    case .in?:
      advance()
      guard let values = parseList(field: field) else { return nil }
      return make(.membership(field, values.literals, negated: false), values.end)
    case .not?:
      advance()
      guard accept(.in) else {
        let help =
          startsOperator(current)
          ? [
            "put 'not' before the whole condition: not \(field) \(describe(current).dropFirst().dropLast()) …"
          ]
          : []
        reportExpected("'in' after 'not'", help: help)
        skipMisplacedOperator()
        return nil
      }
      guard let values = parseList(field: field) else { return nil }
      return make(.membership(field, values.literals, negated: true), values.end)
    case .between?:
      advance()
      guard let low = parseOperand(field: field, role: nil) else { return nil }
      guard accept(.and) else {
        reportExpected("'and' in 'between … and …'")
        return nil
      }
      guard let high = parseOperand(field: field, role: nil) else { return nil }
      return make(.between(field, low, high), high.range)
    case .is?:
      advance()
      let negated = accept(.not)
      guard isKeyword(.null) else {
        reportExpected(negated ? "'null' after 'is not'" : "'null' or 'not null' after 'is'")
        return nil
      }
      let end = current.range
      advance()
      return make(.isNull(field, negated: negated), end)
    case .contains?, .startswith?, .endswith?:
      let op: TextOperator =
        opToken.keyword == .contains ? .contains : opToken.keyword == .startswith ? .startswith : .endswith
      advance()
      guard let value = parseOperand(field: field, role: op) else { return nil }
      return make(.text(field, op, value), value.range)
    default:
      reportExpected(
        "an operator after '\(field)'",
        help: [
          "the operators are = != < <= > >= in, not in, between, is null, is not null, contains, startswith, endswith"
        ])
      return nil
    }
  }

  /// After `f not between …` and the like (reported): skips the operator and its operands, so the
  /// `and` of `between … and …` does not start a new condition.
  private mutating func skipMisplacedOperator() {
    guard let op = current.keyword, [.between, .contains, .startswith, .endswith, .is].contains(op) else {
      return
    }
    advance()
    guard op == .between else { return }
    if !atEnd { advance() }
    if isKeyword(.and) {
      advance()
      if !atEnd { advance() }
    }
  }

  private mutating func reportNullComparison(field: FieldPath, op: ComparisonOperator, range: SourceRange) {
    switch op {
    case .equal, .notEqual:
      let fix = op == .equal ? "is null" : "is not null"
      report(
        .nullComparison, "'null' is not a value; '\(op.rawValue) null' compares with nothing", at: range,
        help: ["to test for a missing value, write '\(field) \(fix)'"],
        fixIts: [.init(range: range, replacement: fix)])
    default:
      report(
        .nullComparison, "'null' is not a value; '\(op.rawValue) null' compares with nothing", at: range,
        help: ["to test for a missing value, write '\(field) is null'"])
    }
  }

  /// A value that must not be `null`: an operand of the text operator `role`, or of `between`
  /// when `role` is nil (the operator's name is spelled only for the diagnostic).
  private mutating func parseOperand(field: FieldPath, role: TextOperator?) -> Literal? {
    switch parseValue() {
    case .value(let literal): return literal
    case .null(let range):
      report(
        .nullComparison, "'null' is not a value for '\(role?.rawValue ?? "between")'", at: range,
        help: ["to test for a missing value, write '\(field) is null'"])
      return nil
    case .failed: return nil
    }
  }

  /// `list = "(" value { "," value } ")" ;` (never empty).
  private mutating func parseList(field: FieldPath) -> (literals: [Literal], end: SourceRange)? {
    let open = current
    guard open.tag == .leftParen else {
      reportExpected("'(' to start the list of values", help: ["write: \(field) in (a, b)"])
      return nil
    }
    advance()
    if current.tag == .rightParen {
      report(
        .emptyList, "empty list: 'in' needs at least one value", at: open.range.union(current.range),
        help: ["an empty list matches nothing; remove the condition or add values"])
      advance()
      return nil
    }
    var literals: [Literal] = []
    // Lists are short (`in (open, paid)`): room for a few values at once rather than growing by one.
    literals.reserveCapacity(4)
    var failed = false
    var reportedTooLong = false
    var progress = LoopProgressCondition()
    while !aborted, progress.evaluate(index) {
      switch parseValue() {
      case .value(let literal):
        if literals.count < ParserLimits.maximumListCount {
          literals.append(literal)
        } else if !reportedTooLong {
          reportedTooLong = true
          failed = true
          report(
            .listTooLong, "list is too long (more than \(ParserLimits.maximumListCount) values)",
            at: literal.range)
        }
      case .null(let range):
        failed = true
        report(
          .nullComparison, "'null' cannot be in a list", at: range,
          help: ["to test for a missing value, write '\(field) is null or \(field) in (…)'"])
      case .failed:
        failed = true
        synchronize(stopAtComma: true)
      }
      guard current.tag == .comma else { break }
      advance()
    }
    guard current.tag == .rightParen else {
      if aborted { return nil }
      if atEnd {
        report(
          .unbalancedParentheses, "unbalanced parentheses: the list's '(' is never closed", at: open.range,
          help: ["add ')' after the last value"], fixIts: [.init(range: current.range, replacement: ")")])
      } else if !failed {
        reportExpected("',' or ')' in the list")
      }
      return nil
    }
    let end = current.range
    advance()
    return failed ? nil : (literals, end)
  }

  /// `field = name { "." name } ;` where the first name is not a keyword.
  mutating func parseField() -> FieldPath? {
    // One component, as nearly every field has: an array of exactly one.
    var components: [String]
    let start = current.range
    switch current.tag {
    case .word where current.keyword == nil, .quotedName:
      components = [name(current)]
    case .word:
      let w = name(current)
      if startsOperator(peek) || peek.tag == .dot {
        report(
          .keywordAsField, "'\(w)' is a keyword, not a field name", at: current.range,
          help: ["write a field with this name in backquotes: `\(w)`"],
          fixIts: [.init(range: current.range, replacement: "`\(w)`")])
        advance()
      } else {
        reportExpected("a field name")
      }
      return nil
    default:
      reportExpected("a field name")
      return nil
    }
    var end = current.range
    advance()
    var progress = LoopProgressCondition()
    while current.tag == .dot, !aborted, progress.evaluate(index) {
      advance()
      switch current.tag {
      case .word, .quotedName: components.append(name(current))
      default:
        reportExpected("a field name after '.'")
        return nil
      }
      end = current.range
      advance()
    }
    return FieldPath(components, range: start.union(end))
  }

  enum ValueResult {
    case value(Literal)
    /// The keyword `null`, which is not a value; the caller says what to write instead.
    case null(SourceRange)
    case failed
  }

  /// `value = string | number | date | date-time | relative-date | "true" | "false" | bare-word ;`
  mutating func parseValue() -> ValueResult {
    let token = current
    switch token.tag {
    case .literal:
      // The lexer stored or validated every literal it made, so reading one back never fails; if
      // it did, the value is reported as unreadable rather than trapping.
      guard let kind = literal(token) else {
        reportExpected("a value")
        return .failed
      }
      advance()
      return .value(Literal(kind, range: token.range))
    case .word:
      // `true`, `false` and `null` are keywords, `today` and `now` relative bases: the lexer told
      // them from the bytes in any case (no non-ASCII letter lowercases into them).
      let kind: Literal.Kind
      switch (token.keyword, token.relativeBase) {
      case (.true?, _): kind = .boolean(true)
      case (.false?, _): kind = .boolean(false)
      case (_, let base?): kind = .relative(RelativeDate(base: base))
      case (.null?, _):
        advance()
        return .null(token.range)
      case (_?, _):
        let w = name(token)
        reportExpected("a value", help: ["to use '\(w)' as text, quote it: \"\(w)\""])
        return .failed
      case (nil, nil):
        kind = .word(name(token))
      }
      advance()
      return .value(Literal(kind, range: token.range))
    case .quotedName:
      reportExpected("a value", help: ["backquotes are for field names; quote text with \"…\""])
      return .failed
    default:
      reportExpected("a value")
      return .failed
    }
  }
}
