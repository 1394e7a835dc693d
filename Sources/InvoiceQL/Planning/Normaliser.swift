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
package enum Normaliser {
  package static func normalise(_ e: BoundExpression) -> NormalExpression {
    simplify(negationNormalForm(e, negated: false))
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
    var out: [NormalExpression] = []
    out.reserveCapacity(operands.count)
    /// Whether each element of `out` is a field's constraint merged from several.
    var merged: [Bool] = []
    merged.reserveCapacity(operands.count)
    // Where each field's constraint is in `out`: found by a scan while there are few (the usual
    // case, and cheaper than hashing a key), by a table beyond.
    var fieldSlot: [FieldKey: Int] = [:]
    var fieldSlots: [Int] = []
    let scans = operands.count <= 16
    for x in operands {
      switch x {
      case .constant(let b):
        // The absorbing element decides; the neutral one vanishes.
        if b != conjunction { return .constant(b) }
      case .field(let f, let d):
        let slot =
          scans
          ? fieldSlots.first { if case .field(let g, _) = out[$0] { FieldKey.same(g, f) } else { false } }
          : fieldSlot[FieldKey(f)]
        if let slot, case .field(let g, let old) = out[slot] {
          out[slot] = .field(g, conjunction ? old.intersection(d) : old.union(d))
          merged[slot] = true
        } else {
          if scans { fieldSlots.append(out.count) } else { fieldSlot[FieldKey(f)] = out.count }
          out.append(x)
          merged.append(false)
        }
      default:
        if !out.contains(x) {
          out.append(x)
          merged.append(false)
        }
      }
    }
    var result: [NormalExpression] = []
    result.reserveCapacity(out.count)
    for (x, wasMerged) in zip(out, merged) {
      // The operands come simplified (`simplify` is idempotent), and so do the ones flattened out of
      // them: only a merged domain can have become empty or everything.
      guard wasMerged else {
        result.append(x)
        continue
      }
      switch simplify(x) {
      case .constant(let b):
        if b != conjunction { return .constant(b) }
      case let y:
        result.append(y)
      }
    }
    if result.isEmpty { return .constant(conjunction) }
    if result.count == 1 { return result[0] }
    return conjunction ? .and(result) : .or(result)
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
    a.path == b.path && a.type == b.type && a.encoding == b.encoding
  }

  /// Hashes the path alone: keys with one path rarely differ in type or encoding, and hashing those
  /// (an enum's value list, a currency table of every ISO code) cost more than the rest of the
  /// normaliser's work. Equality still compares all three.
  package func hash(into hasher: inout Hasher) {
    hasher.combine(path)
  }
}
