import InvoiceQL

/// A small Kleene evaluator for the normaliser's property test over the test schema (decimal, string,
/// date, boolean, enum fields and one array); SPEC §1's rules for the types it covers.
enum MiniEvaluator {
  static func evaluate(_ e: BoundExpression, _ scope: JSONValue?) -> Truth {
    switch e {
    case .constant(let b): return Truth(b)
    case .and(let xs): return xs.reduce(Truth.true) { $0 && evaluate($1, scope) }
    case .or(let xs): return xs.reduce(Truth.false) { $0 || evaluate($1, scope) }
    case .not(let x): return !evaluate(x, scope)
    case .quantified(let q, let f, let body):
      let elements: [JSONValue]
      if case .array(let xs)? = lookup(f.path, scope) { elements = xs } else { elements = [] }
      let truths = elements.map { evaluate(body, $0) }
      return q == .any
        ? truths.reduce(Truth.false) { $0 || $1 } : truths.reduce(Truth.true) { $0 && $1 }
    case .predicate(let p):
      switch p {
      case .isNull(let f, let negated):
        let present = lookup(f.path, scope).map { $0 != .null } ?? false
        return Truth(present == negated)
      case .compare(let f, let op, let v):
        guard let x = read(lookup(f.path, scope), f.type) else { return .unknown }
        let c = compare(x, v)
        switch op {
        case .equal: return Truth(c == 0)
        case .notEqual: return Truth(c != 0)
        case .less: return Truth(c < 0)
        case .lessOrEqual: return Truth(c <= 0)
        case .greater: return Truth(c > 0)
        case .greaterOrEqual: return Truth(c >= 0)
        }
      case .member(let f, let vs, let negated):
        guard let x = read(lookup(f.path, scope), f.type) else { return .unknown }
        return Truth(vs.contains { compare(x, $0) == 0 } != negated)
      case .text(let f, let op, let needle):
        guard case .string(let s)? = lookup(f.path, scope) else { return .unknown }
        let h = s.lowercased()
        let n = needle.lowercased()
        switch op {
        case .contains: return Truth(n.isEmpty || h.contains(n))
        case .startswith: return Truth(h.hasPrefix(n))
        case .endswith: return Truth(h.hasSuffix(n))
        }
      }
    }
  }

  static func lookup(_ path: [String], _ scope: JSONValue?) -> JSONValue? {
    var v = scope
    for k in path { v = v?[k] }
    return v
  }

  static func read(_ j: JSONValue?, _ t: FieldType) -> Value? {
    switch (j, t) {
    case (.number(let s)?, .decimal), (.string(let s)?, .decimal):
      return ExactDecimal(json: s).map(Value.decimal)
    case (.string(let s)?, .string), (.string(let s)?, .enumeration):
      return .string(s)
    case (.bool(let b)?, .boolean): return .boolean(b)
    case (.string(let s)?, .date):
      let v = B.day(s)
      if case .date = v { return v }
      return nil
    default: return nil
    }
  }

  static func compare(_ a: Value, _ b: Value) -> Int {
    switch (a, b) {
    case (.decimal(let x), .decimal(let y)): return x < y ? -1 : (x == y ? 0 : 1)
    case (.date(let x), .date(let y)): return x < y ? -1 : (x == y ? 0 : 1)
    case (.boolean(let x), .boolean(let y)): return x == y ? 0 : (x ? 1 : -1)
    case (.string(let x), .string(let y)):
      let p = Array(x.utf8)
      let q = Array(y.utf8)
      return p == q ? 0 : (p.lexicographicallyPrecedes(q) ? -1 : 1)
    default: return 2
    }
  }
}
