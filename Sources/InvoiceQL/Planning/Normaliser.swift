import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

/// Brings a bound expression into `NormalExpression` form.
///
/// 1. Negation normal form, correct under Kleene logic: `not` moves through `and`/`or` by De Morgan,
///    through quantifiers by duality (`not any(p, e)` is `all(p, not e)`), and into comparisons as the
///    negated operator — `not (x < 5)` and `x >= 5` are both unknown when `x` is absent, so they agree
///    on every invoice. Text tests keep their `not`.
/// 2. Flattening and constant folding.
/// 3. Per `and`/`or` node, the constraints on each field merge into one domain (intersection/union);
///    an empty domain is a contradiction, a domain holding every state of the field a tautology.
///
/// `normalise` does all three in one pass (`normalForm`); `negationNormalForm` and `simplify` are the
/// two passes it is defined by, kept apart (tests check that the one pass equals them).
package enum Normaliser {
  package static func normalise(_ e: BoundExpression) -> NormalExpression {
    normalForm(e, negated: false)
  }

  /// `simplify(negationNormalForm(e, negated: negated))`, without building the tree in negation
  /// normal form: each node is simplified as it is made.
  static func normalForm(_ e: BoundExpression, negated: Bool) -> NormalExpression {
    switch e {
    case .constant(let b):
      return .constant(b != negated)
    case .and(let xs):
      return combine(xs, negated: negated, conjunction: !negated)
    case .or(let xs):
      return combine(xs, negated: negated, conjunction: negated)
    case .not(let x):
      return normalForm(x, negated: !negated)
    case .quantified(let q, let f, let body):
      let dual: Quantifier = q == .any ? .all : .any
      let quantifier = negated ? dual : q
      let b = normalForm(body, negated: negated)
      // `any` of a contradiction is never true (as in `simplify`).
      if quantifier == .any, case .constant(false) = b { return .constant(false) }
      return .quantified(quantifier, f, b)
    // The predicate's parts are matched in place: binding the predicate first copied it whole.
    case .predicate(.compare(let field, let op, let v)):
      return constraint(field, .comparison(negated ? op.negated : op, v, type: field.type))
    case .predicate(.member(let field, let vs, let n)):
      return constraint(field, .membership(vs, negated: n != negated, type: field.type))
    case .predicate(.isNull(let field, let n)):
      return constraint(field, .null(negated: n != negated, type: field.type))
    case .predicate(.text(let field, let op, let s)):
      return .text(field, op, s, negated: negated)
    }
  }

  /// `f`'s constraint `d` simplified: a constant when the domain is empty or everything.
  private static func constraint(_ f: BoundField, _ d: ValueDomain) -> NormalExpression {
    if d.isEmpty { return .constant(false) }
    if d.isEverything { return .constant(true) }
    return .field(f, d)
  }

  static func negationNormalForm(_ e: BoundExpression, negated: Bool) -> NormalExpression {
    switch e {
    case .constant(let b):
      return .constant(b != negated)
    case .and(let xs):
      let ys = xs.map { negationNormalForm($0, negated: negated) }
      return negated ? .or(ys) : .and(ys)
    case .or(let xs):
      let ys = xs.map { negationNormalForm($0, negated: negated) }
      return negated ? .and(ys) : .or(ys)
    case .not(let x):
      return negationNormalForm(x, negated: !negated)
    case .quantified(let q, let f, let body):
      let dual: Quantifier = q == .any ? .all : .any
      return .quantified(negated ? dual : q, f, negationNormalForm(body, negated: negated))
    case .predicate(let p):
      switch p {
      case .compare(let f, let op, let v):
        return .field(f, .comparison(negated ? op.negated : op, v, type: f.type))
      case .member(let f, let vs, let n):
        return .field(f, .membership(vs, negated: n != negated, type: f.type))
      case .isNull(let f, let n):
        return .field(f, .null(negated: n != negated, type: f.type))
      case .text(let f, let op, let s):
        return .text(f, op, s, negated: negated)
      }
    }
  }

  static func simplify(_ e: NormalExpression) -> NormalExpression {
    switch e {
    case .constant, .text: return e
    case .field(_, let d):
      if d.isEmpty { return .constant(false) }
      if d.isEverything { return .constant(true) }
      return e
    case .quantified(let q, let f, let body):
      let b = simplify(body)
      // `any` of a contradiction is never true. (`all` of a tautology is still unknown over a value
      // that is not an array, so it stays.)
      if q == .any, b == .constant(false) { return .constant(false) }
      return .quantified(q, f, b)
    case .and(let xs): return combine(xs.map(simplify), conjunction: true)
    case .or(let xs): return combine(xs.map(simplify), conjunction: false)
    }
  }

  /// `combine` of the normal forms of `xs` (`normalForm(_:negated:)`), made and flattened one by one.
  private static func combine(_ xs: [BoundExpression], negated: Bool, conjunction: Bool) -> NormalExpression {
    var operands: [NormalExpression] = []
    operands.reserveCapacity(xs.count + 4)
    for x in xs {
      switch normalForm(x, negated: negated) {
      case .and(let ys) where conjunction: operands += ys
      case .or(let ys) where !conjunction: operands += ys
      case .constant(let b) where b != conjunction:
        // The absorbing element decides, whatever the other operands are.
        return .constant(b)
      case let y: operands.append(y)
      }
    }
    return merge(operands, conjunction: conjunction)
  }

  /// Flattens, folds constants, merges per-field domains and drops duplicates, keeping first-seen order.
  /// `xs` are simplified already (`simplify` calls it with its simplified operands).
  private static func combine(_ xs: [NormalExpression], conjunction: Bool) -> NormalExpression {
    var operands: [NormalExpression] = []
    operands.reserveCapacity(xs.count + 4)
    for x in xs {
      switch x {
      case .and(let ys) where conjunction: operands += ys
      case .or(let ys) where !conjunction: operands += ys
      default: operands.append(x)
      }
    }
    return merge(operands, conjunction: conjunction)
  }

  /// `combine`'s work on operands already flattened (none an `and` in a conjunction, an `or` in a
  /// disjunction), done in place: the operands kept move to the front of `operands`.
  private static func merge(_ out: consuming [NormalExpression], conjunction: Bool) -> NormalExpression {
    /// How many operands are kept: `out[..<kept]`.
    var kept = 0
    /// The positions in `out` of fields' constraints merged from several: a bit each below 64 (no
    /// array for the usual few operands), a list beyond.
    var mergedBits: UInt64 = 0
    var mergedBeyond: [Int] = []
    // Where each field's constraint is in `out`: found by a scan while there are few (the usual
    // case, and cheaper than hashing a key), by a table beyond.
    var fieldSlot: [FieldKey: Int] = [:]
    let scans = out.count <= 16
    for i in out.indices {
      let x = out[i]
      switch x {
      case .constant(let b):
        // The absorbing element decides; the neutral one vanishes.
        if b != conjunction { return .constant(b) }
      case .field(let f, let d):
        var slot: Int? = nil
        if scans {
          for k in 0..<kept {
            if case .field(let g, _) = out[k], FieldKey.same(g, f) {
              slot = k
              break
            }
          }
        } else {
          slot = fieldSlot[FieldKey(f)]
        }
        if let slot, case .field(let g, let old) = out[slot] {
          out[slot] = .field(g, conjunction ? old.intersection(d) : old.union(d))
          if slot < 64 {
            mergedBits |= 1 << UInt64(slot)
          } else if !mergedBeyond.contains(slot) {
            mergedBeyond.append(slot)
          }
        } else {
          if !scans { fieldSlot[FieldKey(f)] = kept }
          out[kept] = x
          kept += 1
        }
      default:
        if !out[..<kept].contains(x) {
          out[kept] = x
          kept += 1
        }
      }
    }
    while out.count > kept { out.removeLast() }
    // The operands come simplified (`simplify` is idempotent), and so do the ones flattened out of
    // them: only a merged domain can have become empty or everything.
    if mergedBits != 0 || !mergedBeyond.isEmpty {
      var neutral: [Int] = []
      for slot in out.indices
      where slot < 64 ? mergedBits >> UInt64(slot) & 1 != 0 : mergedBeyond.contains(slot) {
        // What `simplify` makes of a field's constraint: a constant when it is empty or everything.
        guard case .field(_, let d) = out[slot] else { continue }
        let b: Bool
        if d.isEmpty { b = false } else if d.isEverything { b = true } else { continue }
        if b != conjunction { return .constant(b) }
        neutral.append(slot)
      }
      for slot in neutral.reversed() { out.remove(at: slot) }
    }
    if out.isEmpty { return .constant(conjunction) }
    if out.count == 1 { return out[0] }
    return conjunction ? .and(out) : .or(out)
  }
}

/// Identifies a field within one scope: the same JSON path read as the same type, whatever name the
/// query used for it.
package struct FieldKey: Hashable {
  package var path: [String]
  package var type: FieldType
  package var encoding: FieldEncoding
  package init(_ f: BoundField) {
    path = f.path
    type = f.type
    encoding = f.encoding
  }

  /// Whether `a` and `b` have one key (`FieldKey(a) == FieldKey(b)`, without building the keys).
  @inline(__always)
  static func same(_ a: BoundField, _ b: BoundField) -> Bool {
    BoundField.sameReading(a, b)
  }

  /// Hashes the path alone: keys with one path rarely differ in type or encoding, and hashing those
  /// (an enum's value list, a currency table of every ISO code) cost more than the rest of the
  /// normaliser's work. Equality still compares all three.
  package func hash(into hasher: inout Hasher) {
    hasher.combine(path)
  }
}
