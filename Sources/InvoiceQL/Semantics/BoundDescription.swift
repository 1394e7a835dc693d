import InvoiceQLJSON
import InvoiceQLSyntax

extension BoundExpression {
  /// The bound meaning in the provider's own terms, for people (`:bind` in the REPL): provider paths
  /// instead of canonical names, canonical statuses expanded, the whole-day rule and `between` lowered
  /// and paths through arrays shown as explicit quantifiers. Instants print in UTC.
  package var providerDescription: String { describe(topLevel: true) }

  private func describe(topLevel: Bool) -> String {
    switch self {
    case .constant(let b):
      return b ? "true" : "false"
    case .and(let parts):
      let text = parts.map { $0.describe(topLevel: false) }.joined(separator: " and ")
      return topLevel || parts.count < 2 ? text : "(" + text + ")"
    case .or(let parts):
      let text = parts.map { $0.describe(topLevel: false) }.joined(separator: " or ")
      return topLevel || parts.count < 2 ? text : "(" + text + ")"
    case .not(let inner):
      return "not (" + inner.describe(topLevel: true) + ")"
    case .quantified(let q, let array, let body):
      return "\(q.rawValue)(\(array.path.joined(separator: ".")), \(body.describe(topLevel: true)))"
    case .predicate(let p):
      return p.providerDescription
    }
  }
}

extension BoundPredicate {
  /// One predicate in the provider's terms: `paymentStatus in ("UNPAID", "PARTIALLY_PAID")`.
  package var providerDescription: String {
    let name = field.path.joined(separator: ".")
    switch self {
    case .compare(_, let op, let v): return "\(name) \(op.rawValue) \(v.queryText)"
    case .member(_, let vs, let negated):
      return "\(name) \(negated ? "not in" : "in") (" + vs.map(\.queryText).joined(separator: ", ") + ")"
    case .isNull(_, let negated): return "\(name) is \(negated ? "not " : "")null"
    case .text(_, let op, let s): return "\(name) \(op.rawValue) \(Value.string(s).queryText)"
    }
  }
}

extension Value {
  /// The value as a query literal: strings quoted and escaped, the rest as written.
  package var queryText: String {
    guard case .string(let s) = self else { return description }
    var out = "\""
    for c in s.unicodeScalars {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default: out.unicodeScalars.append(c)
      }
    }
    return out + "\""
  }
}
