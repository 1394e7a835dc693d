import InvoiceQLJSON
import InvoiceQLSyntax

/// the language reference's semantics, written for clarity rather than speed: the reference every other evaluator
/// (the streaming one, pushed-down native filters) is tested against.
///
/// Three-valued: a predicate over an absent, `null` or mistyped field is unknown, `not unknown` is
/// unknown, and an invoice matches only when the whole expression is true.
///
/// Decisions where the language reference is silent: a quantified field holding something other than an array (or
/// null) is unknown; a path whose intermediate step is not an object reads as absent (so `is null`
/// holds); a repeated object key reads its last value; reading a value is `Value.read`'s rule.
package enum ReferenceEvaluator {
  /// The truth of `e` for one decoded invoice.
  package static func evaluate(_ e: BoundExpression, on invoice: JSONValue) -> Truth {
    switch e {
    case .constant(let b):
      return Truth(b)
    case .and(let parts):
      var result = Truth.true
      for p in parts { result = result && evaluate(p, on: invoice) }
      return result
    case .or(let parts):
      var result = Truth.false
      for p in parts { result = result || evaluate(p, on: invoice) }
      return result
    case .not(let inner):
      return !evaluate(inner, on: invoice)
    case .predicate(let p):
      return evaluate(p, on: invoice)
    case .quantified(let q, let array, let body):
      let truth = quantify(q, over: lookup(array.path, in: invoice), body)
      // Elements missing from a partial array could turn either answer but a decided one.
      guard Value.isIncomplete(array, in: invoice) else { return truth }
      return truth == (q == .any ? .true : .false) ? truth : .unknown
    }
  }

  /// Whether `e` is true for the invoice (false and unknown do not match).
  package static func matches(_ e: BoundExpression, on invoice: JSONValue) -> Bool {
    evaluate(e, on: invoice) == .true
  }

  /// Kleene quantification: `any` is true if some element is true, false if all are false or there
  /// are none; `all` is false if some element is false, true if all are true or there are none.
  /// An absent or `null` array has no elements; a value that is not an array is unknown.
  package static func quantify(_ q: Quantifier, over array: JSONValue?, _ body: BoundExpression) -> Truth {
    let elements: [JSONValue]
    switch array {
    case nil, .null?: elements = []
    case .array(let items)?: elements = items
    default: return .unknown
    }
    switch q {
    case .any:
      var result = Truth.false
      for el in elements { result = result || evaluate(body, on: el) }
      return result
    case .all:
      var result = Truth.true
      for el in elements { result = result && evaluate(body, on: el) }
      return result
    }
  }

  /// The truth of one predicate with `scope` as the object its field path starts from.
  package static func evaluate(_ p: BoundPredicate, on scope: JSONValue) -> Truth {
    let raw = lookup(p.field.path, in: scope)
    switch p {
    case .isNull(_, let negated):
      let isNull: Bool
      if case .null? = raw { isNull = true } else { isNull = raw == nil }
      return Truth(isNull != negated)
    case .compare(let f, let op, let v):
      guard let actual = Value.read(f, in: scope) else { return .unknown }
      return Value.compare(actual, op, v)
    case .member(let f, let values, let negated):
      guard let actual = Value.read(f, in: scope) else { return .unknown }
      var found = Truth.false
      for v in values { found = found || Value.compare(actual, .equal, v) }
      return negated ? !found : found
    case .text(let f, let op, let needle):
      guard case .string(let s)? = Value.read(f, in: scope) else { return .unknown }
      return Truth(TextMatching.matches(s, op, needle))
    }
  }

  /// The value at `path` below `scope`: nil when a key is missing or a step is not an object.
  package static func lookup(_ path: [String], in scope: JSONValue) -> JSONValue? {
    var current = scope
    for key in path {
      guard let next = current[key] else { return nil }
      current = next
    }
    return current
  }
}
