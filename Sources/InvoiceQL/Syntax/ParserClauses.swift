/// The clauses after the filter.
extension Parser {
  /// `sort-clause = "sort" "by" sort-key { "," sort-key } ;`
  /// `sort-key = field [ "asc" | "desc" ] ;`
  mutating func parseSortClause() -> [SortKey]? {
    advance()
    guard accept(.by) else {
      reportExpected("'by' after 'sort'", help: ["write: sort by dueDate desc"])
      synchronize()
      return nil
    }
    var keys: [SortKey] = []
    var failed = false
    var progress = LoopProgressCondition()
    while !aborted, progress.evaluate(index) {
      if let field = parseField() {
        var range = field.range
        var descending = false
        if isKeyword(.asc) || isKeyword(.desc) {
          descending = isKeyword(.desc)
          range = range.union(current.range)
          advance()
        }
        keys.append(SortKey(field: field, descending: descending, range: range))
      } else {
        failed = true
        synchronize(stopAtComma: true)
      }
      guard current.tag == .comma else { break }
      advance()
    }
    return failed ? nil : keys
  }

  /// `limit-clause = "limit" COUNT ;` (`limit 0` is allowed: it asks for no invoices).
  mutating func parseLimitClause() -> Limit? {
    let keyword = current
    advance()
    let token = current
    let help = ["write a whole number from 0 to \(ParserLimits.maximumLimit), like: limit 50"]
    guard let spelled = number(token) else {
      reportExpected("a number after 'limit'", help: help)
      return nil
    }
    advance()
    guard spelled.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), spelled.utf8.count <= 10,
      spelled == "0" || !spelled.hasPrefix("0"),
      let count = Int(spelled), (0...ParserLimits.maximumLimit).contains(count)
    else {
      report(.invalidLimit, "invalid limit '\(spelled)'", at: token.range, help: help)
      return nil
    }
    return Limit(count: count, range: keyword.range.union(token.range))
  }
}
