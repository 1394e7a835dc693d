import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

/// A `BoundExpression` prepared once per `ResponseFilter` to judge invoices where they lie: in the
/// bytes the scanner has validated, without decoding them into a `JSONValue` first.
///
/// Everything that does not depend on the invoice is done here, once: field paths become the
/// projection's root member (as `ItemScanner` reports it) plus raw keys below it, each field's type
/// becomes how its JSON value is read, and constants become what that reading is compared with
/// (digits, UTF-8, a day number, seconds and fraction digits). A constant of another kind than its
/// field's reading makes its predicate unknown for every invoice, so it is settled here too.
///
/// Its answer is `ReferenceEvaluator.evaluate`'s for the projected invoice, for every expression and
/// every valid JSON: each typed read follows `Value.read` (through the same `DecimalText` and
/// `DateTimeText` rules), and each comparison `Value.order`. It never builds a value: strings,
/// numbers and dates are compared in place, and only a string with an escape is decoded first.
struct CompiledFilter: Sendable {
  /// How a field's JSON value is read: `Value.read`'s rule for the field's type.
  enum Reading: Sendable, Hashable {
    /// A JSON number, or a string spelled as one; `integer` also needs a whole value.
    case decimal, integer
    /// A JSON string.
    case string
    /// `true` or `false`.
    case boolean
    /// A date, or a datetime counted by its date as written.
    case date
    /// A datetime (no offset: UTC), or a date at 00:00 UTC.
    case instant

    /// The reading for `type`; nil for objects and arrays, which never read as a value.
    init?(_ type: FieldType) {
      switch type {
      case .id(numeric: true), .decimal: self = .decimal
      case .integer: self = .integer
      case .id(numeric: false), .string, .enumeration: self = .string
      case .boolean: self = .boolean
      case .date: self = .date
      case .dateTime: self = .instant
      case .object, .array: return nil
      }
    }
  }

  /// A constant as its reading compares it. Ranges are into `pool`.
  enum Constant: Sendable, Hashable {
    /// `ExactDecimal`'s normalised digits and exponent.
    case decimal(negative: Bool, digits: Range<Int>, exponent: Int)
    /// UTF-8 bytes: byte order is Unicode scalar order.
    case string(Range<Int>)
    case boolean(Bool)
    /// `day(of:)`: ordered as the dates are.
    case date(Int)
    /// An `Instant`'s seconds and fraction digits.
    case instant(seconds: Int, fraction: Range<Int>)
  }

  /// A field path from the current scope: the root member of the projection it starts with (when
  /// the scope is the invoice), then raw keys.
  struct Path: Sendable, Hashable {
    /// The projection's root member index of the first key; -1 when the path starts at the scope.
    var root: Int
    /// The keys after it: each two entries of `links`, a key's start and end in `pool`.
    var keys: Range<Int>
  }

  /// One step of the expression; children are indices into `nodes`.
  enum Node: Sendable, Hashable {
    case constant(Truth)
    /// Kleene `and`/`or` of the nodes listed at `links[range]`.
    case and(Range<Int>)
    case or(Range<Int>)
    case not(Int)
    /// `any`/`all` over the array at `path`; `body` is judged with each element as its scope.
    case quantified(Quantifier, Path, body: Int)
    case isNull(Path, negated: Bool)
    /// `field op constants[constant]`, the constant of the reading's kind.
    case compare(Path, Reading, ComparisonOperator, constant: Int)
    /// `field in constants[range]` (those of the reading's kind); `mismatched` when some value was
    /// of another kind (unknown unless another one is equal).
    case member(Path, Reading, Range<Int>, negated: Bool, mismatched: Bool)
    /// A text test of a string field against the needle whose UTF-8 is `pool[needle]`.
    case text(Path, TextOperator, needle: Range<Int>)
  }

  /// The nodes, children before parents.
  private(set) var nodes: [Node] = []
  /// Children of `and`/`or` nodes, and keys (start and end in `pool`).
  private(set) var links: [Int] = []
  private(set) var constants: [Constant] = []
  /// Key, needle and constant bytes.
  private(set) var pool: [UInt8] = []
  /// The node the whole expression is.
  private(set) var top = 0

  /// `expression` compiled against `projection` (whose root members `ItemScanner` reports); nil
  /// when a root key is not the projection's, so the caller judges the projected value instead.
  /// Keys compare byte for byte here and scalar for scalar in `JSONValue` lookups: the same.
  init?(_ expression: BoundExpression, projection: Projection) {
    let rootKeys = projection.rootKeys
    guard let top = compile(expression, rootKeys: rootKeys) else { return nil }
    self.top = top
  }

  /// Compiles `e` (scope: the invoice when `rootKeys` is given, else an array element); returns its
  /// node, or nil when a root key is not the projection's.
  private mutating func compile(_ e: BoundExpression, rootKeys: [[UInt8]]?) -> Int? {
    let node: Node
    switch e {
    case .constant(let b):
      node = .constant(Truth(b))
    case .and(let parts), .or(let parts):
      var compiled: [Int] = []
      for p in parts {
        guard let c = compile(p, rootKeys: rootKeys) else { return nil }
        compiled.append(c)
      }
      let range = links.count..<(links.count + compiled.count)
      links += compiled
      if case .and = e { node = .and(range) } else { node = .or(range) }
    case .not(let inner):
      guard let c = compile(inner, rootKeys: rootKeys) else { return nil }
      node = .not(c)
    case .quantified(let q, let array, let body):
      // An encoded field is read by `Value.read(_:in:)` on the projected value instead.
      guard array.encoding == .plain, let path = path(array.path, rootKeys: rootKeys),
        let b = compile(body, rootKeys: nil)
      else {
        return nil
      }
      node = .quantified(q, path, body: b)
    case .predicate(let p):
      guard p.field.encoding == .plain, let path = path(p.field.path, rootKeys: rootKeys) else { return nil }
      guard let compiled = predicate(p, path: path) else { return nil }
      node = compiled
    }
    nodes.append(node)
    return nodes.count - 1
  }

  /// The node for predicate `p` reading the field at `path`.
  private mutating func predicate(_ p: BoundPredicate, path: Path) -> Node? {
    switch p {
    case .isNull(_, let negated):
      return .isNull(path, negated: negated)
    case .compare(let f, let op, let v):
      guard let reading = Reading(f.type), let c = constant(v, for: reading) else {
        return .constant(.unknown)
      }
      guard let c else { return nil }
      return .compare(path, reading, op, constant: c)
    case .member(let f, let values, let negated):
      guard let reading = Reading(f.type) else { return .constant(.unknown) }
      let start = constants.count
      var mismatched = false
      for v in values {
        guard let c = constant(v, for: reading) else {
          mismatched = true
          continue
        }
        guard c != nil else { return nil }
      }
      return .member(path, reading, start..<constants.count, negated: negated, mismatched: mismatched)
    case .text(let f, let op, let needle):
      guard Reading(f.type) == .string else { return .constant(.unknown) }
      return .text(path, op, needle: bytes(Array(needle.utf8)))
    }
  }

  /// Adds `v` as `reading` compares it: its index; `.some(nil)` when it cannot be represented (a
  /// date too far out); nil when it is of another kind, which the reading never equals or orders.
  private mutating func constant(_ v: Value, for reading: Reading) -> Int?? {
    let c: Constant
    switch (v, reading) {
    case (.decimal(let d), .decimal), (.decimal(let d), .integer):
      c = .decimal(negative: d.isNegative, digits: bytes(d.digits), exponent: d.exponent)
    case (.string(let s), .string):
      c = .string(bytes(Array(s.utf8)))
    case (.boolean(let b), .boolean):
      c = .boolean(b)
    case (.date(let d), .date):
      guard let day = Self.day(of: d) else { return .some(nil) }
      c = .date(day)
    case (.instant(let i), .instant):
      c = .instant(seconds: i.seconds, fraction: bytes(i.fraction))
    default:
      return nil
    }
    constants.append(c)
    return constants.count - 1
  }

  /// `path` from the current scope: the root member it starts with when `rootKeys` is given.
  private mutating func path(_ path: [String], rootKeys: [[UInt8]]?) -> Path? {
    var rest = path[...]
    var root = -1
    if let rootKeys, let first = path.first {
      guard let k = rootKeys.firstIndex(of: Array(first.utf8)) else { return nil }
      root = k
      rest = rest.dropFirst()
    }
    let start = links.count
    for key in rest {
      let range = bytes(Array(key.utf8))
      links += [range.lowerBound, range.upperBound]
    }
    return Path(root: root, keys: start..<links.count)
  }

  /// Appends `b` to the pool; returns where it lies.
  private mutating func bytes(_ b: [UInt8]) -> Range<Int> {
    pool += b
    return (pool.count - b.count)..<pool.count
  }

  /// A number for `date` that orders as `CivilDate` does (year, then month, then day); nil for a
  /// date it could not order so (a year so far out that it would overflow, a month or day set out of
  /// range by hand).
  static func day(of date: CivilDate) -> Int? {
    guard abs(date.year) < 1 << 40, (0..<16).contains(date.month), (0..<32).contains(date.day) else {
      return nil
    }
    return date.year * 512 + date.month * 32 + date.day
  }
}
