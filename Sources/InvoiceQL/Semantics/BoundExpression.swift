import InvoiceQLJSON
import InvoiceQLSyntax

/// A query bound to one provider: every field resolved to a path in that provider's response with its
/// type, every literal converted to that type, relative dates resolved, `between` and the whole-day
/// rule lowered to comparisons, and paths through arrays made explicit quantifiers.
///
/// This is what the normaliser, the planner and both evaluators read.
package indirect enum BoundExpression: Sendable, Hashable {
  /// A constant: `true` matches every invoice, `false` none.
  case constant(Bool)
  case and([BoundExpression])
  case or([BoundExpression])
  case not(BoundExpression)
  case predicate(BoundPredicate)
  /// `any`/`all` over the array at `array` (relative to the enclosing scope); `body` reads fields
  /// relative to one element.
  case quantified(Quantifier, BoundField, BoundExpression)
}

/// A field resolved against a provider's catalog, relative to the current scope (the invoice, or one
/// element of the array a quantifier ranges over). Never crosses an array.
package struct BoundField: Sendable, Hashable, CustomStringConvertible {
  /// JSON keys from the scope's object.
  package var path: [String] {
    get { storage.path }
    set { storage = Storage(newValue, type, name, encoding) }
  }
  package var type: FieldType {
    get { storage.type }
    set { storage = Storage(path, newValue, name, encoding) }
  }
  /// The name to print it by: the canonical name or provider name the query used.
  package var name: String {
    get { storage.name }
    set { storage = Storage(path, type, newValue, encoding) }
  }
  /// How its JSON encodes the value (`.plain` for all but a few providers' fields).
  package var encoding: FieldEncoding {
    get { storage.encoding }
    set { storage = Storage(path, type, name, newValue) }
  }

  /// The four behind one reference: a bound field is copied into every predicate, normal form and
  /// domain the stages build, and one retain is cheaper than one for each part.
  private var storage: Storage

  private final class Storage: Sendable {
    let path: [String]
    let type: FieldType
    let name: String
    let encoding: FieldEncoding

    init(_ path: [String], _ type: FieldType, _ name: String, _ encoding: FieldEncoding) {
      self.path = path
      self.type = type
      self.name = name
      self.encoding = encoding
    }
  }

  package init(path: [String], type: FieldType, name: String, encoding: FieldEncoding = .plain) {
    storage = Storage(path, type, name, encoding)
  }

  package var description: String { name }

  /// Whether `a` and `b` are one field read alike: the same path, type and encoding, whatever
  /// name each was written by (at once when they are copies of one bound field).
  package static func sameReading(_ a: BoundField, _ b: BoundField) -> Bool {
    a.storage === b.storage
      || (a.storage.path == b.storage.path && a.storage.type == b.storage.type
        && a.storage.encoding == b.storage.encoding)
  }

  package static func == (a: BoundField, b: BoundField) -> Bool {
    a.storage === b.storage
      || (a.path == b.path && a.type == b.type && a.name == b.name && a.encoding == b.encoding)
  }

  package func hash(into h: inout Hasher) {
    h.combine(path)
    h.combine(type)
    h.combine(name)
    h.combine(encoding)
  }
}

/// A comparison between one field and constant values.
package enum BoundPredicate: Sendable, Hashable {
  /// `field op value`. Unknown when the field is absent, null or not of its type.
  case compare(BoundField, ComparisonOperator, Value)
  /// `field in (…)` / `field not in (…)` (non-empty).
  case member(BoundField, [Value], negated: Bool)
  /// `field is null` / `field is not null`: absent or JSON null. Never unknown.
  case isNull(BoundField, negated: Bool)
  /// `contains`/`startswith`/`endswith`; `needle` as written (folded at evaluation).
  case text(BoundField, TextOperator, String)

  package var field: BoundField {
    switch self {
    case .compare(let f, _, _), .member(let f, _, _), .isNull(let f, _), .text(let f, _, _): f
    }
  }
}

/// A typed constant.
package enum Value: Sendable, Hashable, CustomStringConvertible {
  case string(String)
  case decimal(ExactDecimal)
  case boolean(Bool)
  case date(CivilDate)
  case instant(Instant)

  package var description: String {
    switch self {
    case .string(let s): s
    case .decimal(let d): d.description
    case .boolean(let b): b ? "true" : "false"
    case .date(let d): d.description
    case .instant(let i): i.description
    }
  }
}

/// Kleene's three truth values: the language reference's semantics for absent, null and mistyped fields.
package enum Truth: Sendable, Hashable {
  case `true`, `false`, unknown

  package init(_ b: Bool) { self = b ? .true : .false }

  package static prefix func ! (t: Truth) -> Truth {
    switch t {
    case .true: .false
    case .false: .true
    case .unknown: .unknown
    }
  }
  package static func && (a: Truth, b: Truth) -> Truth {
    if a == .false || b == .false { return .false }
    if a == .unknown || b == .unknown { return .unknown }
    return .true
  }
  package static func || (a: Truth, b: Truth) -> Truth {
    if a == .true || b == .true { return .true }
    if a == .unknown || b == .unknown { return .unknown }
    return .false
  }
}
