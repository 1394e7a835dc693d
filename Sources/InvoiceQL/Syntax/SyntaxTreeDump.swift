/// An indented outline of a syntax tree with every node's source range, for the REPL's `:ast` and
/// for reading test failures.
///
///     query 0..<30
///       and 0..<30
///         comparison = 0..<13
///           field status 0..<6
///           word open 9..<13
extension Query {
  package var treeDump: String {
    var lines = ["query \(range)"]
    filter.dump(indent: 1, into: &lines)
    for key in sort {
      lines.append("  sort \(key.descending ? "desc" : "asc") \(key.range)")
      lines.append("    field \(Formatter.format(key.field)) \(key.field.range)")
    }
    if let limit { lines.append("  limit \(limit.count) \(limit.range)") }
    return lines.joined(separator: "\n")
  }
}

extension Expression {
  package var treeDump: String {
    var lines: [String] = []
    dump(indent: 0, into: &lines)
    return lines.joined(separator: "\n")
  }

  fileprivate func dump(indent: Int, into lines: inout [String]) {
    let pad = String(repeating: "  ", count: indent)
    func field(_ f: FieldPath) { lines.append("\(pad)  field \(Formatter.format(f)) \(f.range)") }
    func literal(_ l: Literal) { lines.append("\(pad)  \(l.kindName) \(Formatter.format(l)) \(l.range)") }
    switch kind {
    case .and(let operands), .or(let operands):
      lines.append("\(pad)\(isAnd ? "and" : "or") \(range)")
      for operand in operands { operand.dump(indent: indent + 1, into: &lines) }
    case .not(let operand):
      lines.append("\(pad)not \(range)")
      operand.dump(indent: indent + 1, into: &lines)
    case .comparison(let f, let op, let v):
      lines.append("\(pad)comparison \(op.rawValue) \(range)")
      field(f)
      literal(v)
    case .membership(let f, let values, let negated):
      lines.append("\(pad)\(negated ? "not in" : "in") \(range)")
      field(f)
      values.forEach(literal)
    case .between(let f, let low, let high):
      lines.append("\(pad)between \(range)")
      field(f)
      literal(low)
      literal(high)
    case .isNull(let f, let negated):
      lines.append("\(pad)\(negated ? "is not null" : "is null") \(range)")
      field(f)
    case .text(let f, let op, let v):
      lines.append("\(pad)\(op.rawValue) \(range)")
      field(f)
      literal(v)
    case .quantified(let q, let f, let body):
      lines.append("\(pad)\(q.rawValue) \(range)")
      field(f)
      body.dump(indent: indent + 1, into: &lines)
    }
  }

  private var isAnd: Bool {
    if case .and = kind { return true }
    return false
  }
}

extension Literal {
  /// `string`, `word`, `number`, `date`, `datetime`, `relative` or `boolean`.
  package var kindName: String {
    switch kind {
    case .string: "string"
    case .word: "word"
    case .number: "number"
    case .date: "date"
    case .dateTime: "datetime"
    case .relative: "relative"
    case .boolean: "boolean"
    }
  }
}

extension Token {
  /// One line for the REPL's `:tokens`: the kind, the value and the range.
  package var dumpLine: String {
    switch kind {
    case .word(let w): "word \(w) \(range)" + (keyword.map { " (keyword \($0.rawValue))" } ?? "")
    case .quotedName(let n): "name \(Formatter.quoteName(n)) \(range)"
    case .literal(let k):
      "\(Literal(k, range: range).kindName) \(Formatter.format(Literal(k, range: range))) \(range)"
    case .leftParen: "( \(range)"
    case .rightParen: ") \(range)"
    case .comma: ", \(range)"
    case .dot: ". \(range)"
    case .comparison(let op): "operator \(op.rawValue) \(range)"
    case .invalid(let d): "invalid \(range): \(d.message)"
    case .end: "end \(range)"
    }
  }
}
