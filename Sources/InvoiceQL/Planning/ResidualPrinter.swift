import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

/// Prints bound expressions as canonical query text: unbinds them to a syntax tree (field names as the
/// query spelled them, values as literals of their kind) and lets `Formatter` print it, so the residual
/// reads back through the parser and binder to the same meaning on the same provider.
public enum ResidualPrinter {
  public static func text(_ e: BoundExpression) -> String {
    Formatter.format(unbind(e))
  }

  /// The syntax tree of a bound expression.
  public static func unbind(_ e: BoundExpression) -> Expression {
    let r = SourceRange.at(0)
    switch e {
    case .constant(let b):
      // The language has no boolean constant; `not (x and not x)`-style tricks would be obscure, so a
      // constant is written as a comparison that is always true / false for every invoice.
      return Expression(
        b ? .or([nullTest(false), nullTest(true)]) : .and([nullTest(false), nullTest(true)]), range: r)
    case .and(let xs): return Expression(.and(xs.map(unbind)), range: r)
    case .or(let xs): return Expression(.or(xs.map(unbind)), range: r)
    case .not(let x): return Expression(.not(unbind(x)), range: r)
    case .quantified(let q, let f, let body):
      return Expression(.quantified(q, path(f), unbind(body)), range: r)
    case .predicate(let p):
      switch p {
      case .compare(let f, let op, let v):
        return Expression(.comparison(path(f), op, literal(v, f.type)), range: r)
      case .member(let f, let vs, let negated):
        return Expression(.membership(path(f), vs.map { literal($0, f.type) }, negated: negated), range: r)
      case .isNull(let f, let negated):
        return Expression(.isNull(path(f), negated: negated), range: r)
      case .text(let f, let op, let s):
        return Expression(.text(path(f), op, Literal(.string(s), range: r)), range: r)
      }
    }
  }

  private static func nullTest(_ negated: Bool) -> Expression {
    Expression(.isNull(FieldPath(["id"], range: .at(0)), negated: negated), range: .at(0))
  }

  static func path(_ f: BoundField) -> FieldPath {
    FieldPath(f.name.split(separator: ".", omittingEmptySubsequences: false).map(String.init), range: .at(0))
  }

  static func literal(_ v: Value, _ type: FieldType) -> Literal {
    let r = SourceRange.at(0)
    switch v {
    case .string(let s):
      if case .enumeration = type { return Literal(.word(s), range: r) }
      return Literal(.string(s), range: r)
    case .decimal(let d): return Literal(.number(d.description), range: r)
    case .boolean(let b): return Literal(.boolean(b), range: r)
    case .date(let d): return Literal(.date(d), range: r)
    case .instant(let i):
      let (date, h, m, s) = i.utc
      let fraction = String(decoding: i.fraction, as: UTF8.self)
      guard
        let dt = CivilDateTime(
          date: date, hour: h, minute: m, second: s, fraction: fraction, offsetSeconds: 0)
      else { return Literal(.string(i.description), range: r) }
      return Literal(.dateTime(dt), range: r)
    }
  }
}
