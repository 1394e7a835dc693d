import InvoiceQL

/// Query text in the property tests: bound expressions printed (the residual printer's way) with
/// their number literals spelled every other way the grammar accepts, and text bound back.
enum SpelledQueries {
  /// `e` as query text on `catalog`'s provider, each number literal respelled at random.
  static func spelled(_ e: BoundExpression, _ catalog: FieldCatalog, _ r: inout PlanningRandom) -> String {
    Formatter.format(respell(ResidualPrinter.unbind(e, catalog: catalog), &r))
  }

  /// Binds query text to `catalog` in UTC (the printed texts hold no relative dates).
  static func bind(_ text: String, _ catalog: FieldCatalog) throws -> BoundExpression {
    let query = try Parser.parse(text)
    let context = BindingContext.utc(now: Instant(seconds: EdgeValues.base, fraction: ""))
    return try Binder.bind(query, catalog: catalog, context: context, source: text).filter
  }

  static func respell(_ e: Expression, _ r: inout PlanningRandom) -> Expression {
    func lit(_ l: Literal) -> Literal {
      guard case .number(let s) = l.kind else { return l }
      return Literal(.number(respell(s, &r)), range: l.range)
    }
    let kind: Expression.Kind
    switch e.kind {
    case .and(let xs): kind = .and(xs.map { respell($0, &r) })
    case .or(let xs): kind = .or(xs.map { respell($0, &r) })
    case .not(let x): kind = .not(respell(x, &r))
    case .comparison(let f, let op, let v): kind = .comparison(f, op, lit(v))
    case .membership(let f, let vs, let negated): kind = .membership(f, vs.map(lit), negated: negated)
    case .between(let f, let a, let b): kind = .between(f, lit(a), lit(b))
    case .quantified(let q, let f, let body): kind = .quantified(q, f, respell(body, &r))
    case .isNull, .text: kind = e.kind
    }
    return Expression(kind, range: e.range)
  }

  /// The same number spelled another way: leading zeros (`007`), zeros after a point (`5.000`), an
  /// exponent (`5e+0`, `50e-1`), or as it was.
  static func respell(_ s: String, _ r: inout PlanningRandom) -> String {
    let negative = s.hasPrefix("-")
    var body = negative ? String(s.dropFirst()) : s
    let plain = !body.contains("E") && !body.contains("e")
    switch r.next() % 6 {
    case 0: body = "00" + body
    case 1 where plain: body += body.contains(".") ? "00" : ".000"
    case 2 where plain: body += "e+0"
    case 3 where plain && !body.contains("."): body = "0" + body + "0E-1"
    case 4 where plain: body = "000" + body + (body.contains(".") ? "0" : ".0") + "e00"
    default: break
    }
    return (negative ? "-" : "") + body
  }
}
