/// The boolean structure: `or`, `and`, `not`, parentheses and quantifiers.
extension Parser {
  /// `query = [ expression ] [ sort-clause ] [ limit-clause ] ;` — without an expression (empty
  /// text, or clauses only) the filter is the empty filter, which every invoice satisfies.
  mutating func parseQuery() -> Query? {
    let filter: Expression?
    // A clause starts the query only as `sort by` or `limit N`; `limit = 5` is a field misnamed.
    let clauseFirst =
      (isKeyword(.sort) && peek.keyword == .by)
      || (isKeyword(.limit) && peek.isNumber)
    if atEnd || clauseFirst {
      filter = Expression.everything(at: current.range.lowerBound)
    } else {
      filter = parseOr()
    }
    var sort: [SortKey] = []
    var limit: Limit?
    var sawSort = false
    var progress = LoopProgressCondition()
    while !aborted, progress.evaluate(index) {
      if isKeyword(.sort) {
        if limit != nil || sawSort {
          report(
            .misplacedClause,
            sawSort ? "a query has at most one 'sort by' clause" : "'sort by' must come before 'limit'",
            at: current.range, help: sawSort ? ["list every sort key in one clause: sort by a, b desc"] : [])
        }
        sawSort = true
        // Assigned when it is the first clause: appending to an empty array would copy the keys.
        if let keys = parseSortClause() {
          if sort.isEmpty { sort = keys } else { sort += keys }
        }
      } else if isKeyword(.limit) {
        if limit != nil {
          report(.misplacedClause, "a query has at most one 'limit' clause", at: current.range)
        }
        limit = parseLimitClause() ?? limit
      } else {
        break
      }
    }
    reportTrailingInput()
    guard let filter else { return nil }
    let end = index == 0 ? tokens[0].range.lowerBound : tokens[index - 1].range.upperBound
    return Query(
      filter: filter, sort: sort, limit: limit,
      range: SourceRange(tokens[0].range.lowerBound, Swift.max(tokens[0].range.lowerBound, end)))
  }

  /// `expression` followed by the end of the input.
  mutating func parseTopLevelExpression() -> Expression? {
    guard !reportEmpty() else { return nil }
    let expression = parseOr()
    reportTrailingInput()
    return expression
  }

  private mutating func reportEmpty() -> Bool {
    guard atEnd else { return false }
    report(.emptyQuery, "empty query", at: current.range, help: ["write a condition, like: status = open"])
    return true
  }

  private mutating func reportTrailingInput() {
    guard !aborted, !atEnd else { return }
    if current.tag == .rightParen {
      report(
        .unbalancedParentheses, "unbalanced parentheses: this ')' closes nothing", at: current.range,
        help: ["remove it, or add the '(' it should close"])
    } else if reportIfInvalid() {
      return
    } else if isKeyword(.sort) || isKeyword(.limit) {
      report(
        .trailingInput, "unexpected \(describe(current)): no clauses are allowed here", at: current.range)
    } else {
      report(
        .trailingInput, "unexpected \(describe(current)) after a complete condition", at: current.range,
        help: [thousandsSeparatorHelp ?? "join conditions with 'and' or 'or'"])
    }
  }

  /// The help for `1,000`: a comma between a number and three digits reads as a thousands
  /// separator, which numbers do not have. Nil when `current` is not such a comma.
  var thousandsSeparatorHelp: String? {
    guard current.tag == .comma, index > 0,
      let before = number(tokens[index - 1]),
      let after = number(peek),
      tokens[index - 1].range.upperBound == current.range.lowerBound,
      current.range.upperBound == peek.range.lowerBound,
      after.utf8.count >= 3, after.utf8.prefix(3).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
    else { return nil }
    var digits = before
    var rest = Substring(after)
    var next = index + 1
    // 1,000,000: take every further ",ddd" group that follows without spaces.
    while true {
      digits += rest
      guard tokens.indices.contains(next + 2), tokens[next + 1].tag == .comma,
        let group = number(tokens[next + 2]),
        tokens[next].range.upperBound == tokens[next + 1].range.lowerBound,
        tokens[next + 1].range.upperBound == tokens[next + 2].range.lowerBound,
        group.utf8.count >= 3
      else { break }
      rest = Substring(group)
      next += 2
    }
    return "a number has no thousands separator: write \(digits)"
  }

  /// `or-expression = and-expression { "or" and-expression } ;`
  mutating func parseOr() -> Expression? { parseChain(.or) }

  /// `and-expression = not-expression { "and" not-expression } ;`
  mutating func parseAnd() -> Expression? { parseChain(.and) }

  /// One operand of a chain of `keyword` (`and` or `or`).
  private mutating func parseChainOperand(_ keyword: Keyword) -> Expression? {
    keyword == .or ? parseAnd() : parseNot()
  }

  /// One n-ary level of `keyword` (`and` or `or`): operands joined by it, flattened so the same
  /// operator never nests. A plain `switch` on the keyword rather than closures for the operand
  /// and the node, which cost an indirect call and a context at every level of every query.
  private mutating func parseChain(_ keyword: Keyword) -> Expression? {
    let single = parseChainOperand(keyword)
    // Most operands stand alone (an `and` level under every `or` operand): no arrays for them.
    guard !aborted, isKeyword(keyword) else { return single }
    // The operands go straight into the flattened list (one array, rarely regrown); a failed one
    // fails the chain, after the rest are parsed for their diagnostics.
    var flat: [Expression]
    var failed = false
    var first: SourceRange?
    var last: SourceRange?
    if let single {
      first = single.range
      last = single.range
      flat = Self.operands(taking: single, of: keyword)
    } else {
      failed = true
      flat = []
      flat.reserveCapacity(4)
    }
    var progress = LoopProgressCondition()
    while !aborted, isKeyword(keyword), progress.evaluate(index) {
      advance()
      guard let e = parseChainOperand(keyword) else {
        failed = true
        continue
      }
      if first == nil { first = e.range }
      last = e.range
      switch (keyword, e.kind) {
      case (.and, .and(let inner)), (.or, .or(let inner)): flat += inner
      default: flat.append(e)
      }
    }
    guard !failed, let first, let last else { return nil }
    return Expression(keyword == .and ? .and(flat) : .or(flat), range: first.union(last))
  }

  /// The start of a chain of `keyword` whose first operand is `e`: `e`'s own operands when it is
  /// such a chain (`(a and b) and c`, as nearly every saved search begins), else an array of `e`
  /// with room for a few more. `e` is taken, not copied: once it is gone the operands' array has
  /// no other owner, so the chain appends to it in place instead of copying it into a new one.
  private static func operands(taking e: consuming Expression, of keyword: Keyword) -> [Expression] {
    switch (keyword, e.kind) {
    case (.and, .and(let operands)), (.or, .or(let operands)): return operands
    default:
      var operands: [Expression] = []
      operands.reserveCapacity(4)
      operands.append(e)
      return operands
    }
  }

  /// `not-expression = "not" not-expression | primary ;`
  mutating func parseNot() -> Expression? {
    guard isKeyword(.not) else { return parsePrimary() }
    let notToken = current
    guard enterNesting(at: notToken) else { return nil }
    defer { leaveNesting() }
    advance()
    guard let operand = parseNot() else { return nil }
    return Expression(.not(operand), range: notToken.range.union(operand.range))
  }

  /// `primary = "(" expression ")" | quantified | predicate ;`
  mutating func parsePrimary() -> Expression? {
    let token = current
    switch token.tag {
    case .leftParen:
      return parseParenthesized()
    case .quotedName:
      return recovering { $0.parsePredicate() }
    case .word:
      guard let keyword = token.keyword else { return recovering { $0.parsePredicate() } }
      if keyword == .any || keyword == .all, peek.tag == .leftParen {
        return parseQuantified()
      }
      if startsOperator(peek) || peek.tag == .dot {
        _ = parseField()
      } else {
        reportExpected("a condition")
      }
    case .rightParen:
      if index > 0, tokens[index - 1].tag == .leftParen {
        report(
          .unexpectedToken, "empty parentheses: expected a condition", at: token.range,
          help: ["put a condition between the parentheses"])
      } else {
        reportExpected("a condition")
      }
    case .literal, .comparison, .comma, .dot:
      reportExpected("a condition", help: ["a condition starts with a field name, like: total > 100"])
    default:
      reportExpected("a condition")
    }
    synchronize()
    return nil
  }

  /// Runs a predicate parser and resynchronises when it fails.
  mutating func recovering(_ body: (inout Parser) -> Expression?) -> Expression? {
    let result = body(&self)
    if result == nil { synchronize() }
    return result
  }

  /// Whether `token` begins a predicate's operator (so the token before it was meant as a field).
  func startsOperator(_ token: LexedToken) -> Bool {
    if token.tag == .comparison { return true }
    guard let k = token.keyword else { return false }
    return [.in, .not, .between, .is, .contains, .startswith, .endswith].contains(k)
  }

  /// `"(" expression ")"`: the enclosed expression, its range widened to the parentheses.
  mutating func parseParenthesized() -> Expression? {
    let open = current
    guard enterNesting(at: open) else { return nil }
    defer { leaveNesting() }
    advance()
    let inner = parseOr()
    guard let close = expectClosing(open, context: "a parenthesised condition") else { return nil }
    guard let inner else { return nil }
    return Expression(inner.kind, range: open.range.union(close.range))
  }

  /// Consumes the `)` matching `open`, or reports and skips to it. Nil when it is missing.
  mutating func expectClosing(_ open: LexedToken, context: String) -> LexedToken? {
    if current.tag == .rightParen {
      defer { advance() }
      return current
    }
    guard !aborted else { return nil }
    if atEnd {
      report(
        .unbalancedParentheses, "unbalanced parentheses: this '(' is never closed", at: open.range,
        help: ["add ')' to close \(context)"],
        fixIts: [.init(range: current.range, replacement: ")")])
      return nil
    }
    let col = column(of: open.range.lowerBound)
    reportExpected(
      "')' or a boolean operator", help: ["to close the '(' at column \(col), or join with 'and' or 'or'"])
    synchronize()
    if current.tag == .rightParen { advance() }
    return nil
  }

  /// `quantified = ( "any" | "all" ) "(" field "," expression ")" ;`
  mutating func parseQuantified() -> Expression? {
    let start = current
    let quantifier: Quantifier = isKeyword(.any) ? .any : .all
    guard enterNesting(at: start) else { return nil }
    defer { leaveNesting() }
    advance()
    let open = current
    advance()
    let path = parseField()
    if path == nil { synchronize(stopAtComma: true) }
    guard current.tag == .comma else {
      if path != nil {
        reportExpected(
          "',' after the array field",
          help: ["write \(quantifier.rawValue)(array_field, condition on one element)"])
      }
      synchronize()
      if current.tag == .rightParen { advance() }
      return nil
    }
    advance()
    let body = parseOr()
    guard let close = expectClosing(open, context: "'\(quantifier.rawValue)('") else { return nil }
    guard let path, let body else { return nil }
    return Expression(.quantified(quantifier, path, body), range: start.range.union(close.range))
  }
}
