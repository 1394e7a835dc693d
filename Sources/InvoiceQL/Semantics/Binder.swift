import InvoiceQLJSON
import InvoiceQLSyntax

/// Binds a parsed query to one provider: resolves every name against the catalog (canonical first),
/// converts every literal to its field's type, resolves relative dates against the injected clock,
/// lowers `between`, the whole-day rule and paths through arrays, and reports every problem found
/// (not just the first) as diagnostics with source ranges.
///
/// Decisions where the language reference is silent:
/// - A canonical name the provider lacks falls back to a provider field of that exact name, if any;
///   otherwise it is `field-not-on-provider`, listing the canonical names the provider has.
/// - Canonical names are invoice-level: inside `any`/`all` names are relative to the element.
/// - Enum values: the provider's own value (exact, then case-insensitive) wins over a canonical status
///   of the same spelling; canonical statuses apply to the status field however it is named
///   (`paymentStatus = open` on elevate). A canonical status mapping to several values binds to `in`.
/// - Ids, enums and booleans take `=`, `!=`, `in`, `not in`; text tests apply to string fields only.
/// - Conversions accepted as exact: a number or a date to a string (as written); a string spelled as a
///   JSON number to a number; a string spelled as a date/datetime to a date/datetime; `"true"`/`"false"`
///   to a boolean. A number literal reads by its value (leading zeros, as in `007`, change nothing);
///   one with a fraction against an integer field or a numeric id is a type error (not exact).
/// - An offset-less datetime literal is read in the query's zone; a wall time skipped by DST means the
///   instant the clocks jumped, one repeated means the earlier instant.
/// - `now±N min|h` moves by exact durations; `now±N d|w|mo|y` moves the wall clock in the query's zone.
/// - A relative date landing outside the years 1…9999 is `date-out-of-range`.
package enum Binder {
  /// Binds a whole query. `source` is the query text, used for operator carets and kept in the error.
  package static func bind(
    _ query: Query, catalog: FieldCatalog, context: BindingContext, source: String = ""
  ) throws(DiagnosticError) -> BoundQuery {
    var session = BindingSession(catalog: catalog, context: context, source: source)
    let filter = session.bind(query.filter, scope: [])
    var sort: [BoundSortKey] = []
    for key in query.sort {
      if let bound = session.bindSortKey(key) { sort.append(bound) }
    }
    try session.finish()
    return BoundQuery(filter: filter, sort: sort, limit: query.limit?.count)
  }

  /// Binds `sort by` keys alone (a plan's sort, read back from its JSON).
  package static func bind(
    sort keys: [SortKey], catalog: FieldCatalog, context: BindingContext, source: String = ""
  ) throws(DiagnosticError) -> [BoundSortKey] {
    var session = BindingSession(catalog: catalog, context: context, source: source)
    let bound = keys.compactMap { session.bindSortKey($0) }
    try session.finish()
    return bound
  }

  /// Binds a filter expression alone.
  package static func bind(
    _ expression: Expression, catalog: FieldCatalog, context: BindingContext, source: String = ""
  ) throws(DiagnosticError) -> BoundExpression {
    var session = BindingSession(catalog: catalog, context: context, source: source)
    let bound = session.bind(expression, scope: [])
    try session.finish()
    return bound
  }
}

/// The state of one binding: the inputs and the diagnostics found so far.
struct BindingSession {
  let catalog: FieldCatalog
  let context: BindingContext
  let source: String
  var diagnostics: [Diagnostic] = []

  init(catalog: FieldCatalog, context: BindingContext, source: String) {
    self.catalog = catalog
    self.context = context
    self.source = source
  }

  mutating func report(
    _ kind: Diagnostic.Kind, _ message: String, _ range: SourceRange, help: [String] = [],
    fixIts: [Diagnostic.FixIt] = []
  ) {
    diagnostics.append(Diagnostic(kind: kind, message: message, range: range, help: help, fixIts: fixIts))
  }

  func finish() throws(DiagnosticError) {
    let errors = diagnostics.filter { $0.severity == .error }
    guard errors.isEmpty else {
      throw DiagnosticError(
        source: source,
        diagnostics: diagnostics.sorted { a, b in
          a.range.lowerBound < b.range.lowerBound
        })
    }
  }

  /// Binds `e` with field names relative to `scope` (see `resolve`). Parts with errors bind to
  /// `false` so binding can go on and report every problem.
  mutating func bind(_ e: Expression, scope: [String]) -> BoundExpression {
    // The query's text, for the operators' ranges, which are worked out only for a report: a copy
    // of the reference, as the reports that take it change the session.
    let source = self.source
    switch e.kind {
    case .and(let parts):
      // No operands: the empty filter, which every invoice satisfies.
      if parts.isEmpty { return .constant(true) }
      return .and(parts.map { bind($0, scope: scope) })
    case .or(let parts):
      return .or(parts.map { bind($0, scope: scope) })
    case .not(let inner):
      return .not(bind(inner, scope: scope))
    case .comparison(let path, let op, let lit):
      guard let r = resolveComparable(path, scope: scope) else { return .constant(false) }
      return r.wrap(
        compare(
          r.field, op, lit, operatorRange: Self.gap(in: source, path.range, lit.range, e.range),
          isStatus: r.isStatus,
          spellings: r.spellings))
    case .membership(let path, let lits, let negated):
      guard let r = resolveComparable(path, scope: scope) else { return .constant(false) }
      return r.wrap(
        member(r.field, lits, negated: negated, range: e.range, isStatus: r.isStatus, spellings: r.spellings))
    case .between(let path, let low, let high):
      guard let r = resolveComparable(path, scope: scope) else { return .constant(false) }
      // The operator's range is worked out only for a report (as in `compare` and `text`).
      let (left, right, whole) = (path.range, low.range, e.range)
      guard checkOrdered(r.field, "between", Self.gap(in: source, left, right, whole)) else {
        return .constant(false)
      }
      let lower = compare(
        r.field, .greaterOrEqual, low, operatorRange: Self.gap(in: source, left, right, whole),
        isStatus: false)
      let upper = compare(
        r.field, .lessOrEqual, high, operatorRange: Self.gap(in: source, left, right, whole), isStatus: false)
      return r.wrap(.and([lower, upper]))
    case .isNull(let path, let negated):
      guard let r = resolve(path, scope: scope) else { return .constant(false) }
      return r.wrap(.predicate(.isNull(r.field, negated: negated)))
    case .text(let path, let op, let lit):
      guard let r = resolveComparable(path, scope: scope) else { return .constant(false) }
      return r.wrap(
        text(r.field, op, lit, operatorRange: Self.gap(in: source, path.range, lit.range, e.range)))
    case .quantified(let q, let path, let body):
      guard let r = resolve(path, scope: scope) else { return .constant(false) }
      guard case .array = r.field.type else {
        report(
          .notAnArray,
          "\(q.rawValue)() needs an array, but '\(path)' is \(article(r.field.type)) \(r.field.type.displayName)",
          path.range,
          help: arrayNames(scope: scope).isEmpty
            ? [] : ["arrays here: " + arrayNames(scope: scope).joined(separator: ", ")])
        return .constant(false)
      }
      let inner = bind(body, scope: r.catalogPath)
      return r.wrap(.quantified(q, r.field, inner))
    }
  }

  private func article(_ t: FieldType) -> String {
    "aeiou".contains(t.displayName.prefix(1)) ? "an" : "a"
  }

  private func arrayNames(scope: [String]) -> [String] {
    candidateNames(scope: scope).filter { name in
      let path = scope + name.split(separator: ".").map(String.init)
      if case .array? = catalog.field(at: path)?.type { return true }
      return false
    }
  }

  /// Resolves a field that a comparison, membership or text test reads: not a whole object or array.
  private mutating func resolveComparable(_ path: FieldPath, scope: [String]) -> ResolvedField? {
    guard let r = resolve(path, scope: scope) else { return nil }
    switch r.field.type {
    case .object where r.isOpenMap:
      report(
        .notComparable, "'\(path)' is a map of free keys; compare the value of one key", path.range,
        help: ["name the key: \(path).<key>"])
      return nil
    case .object:
      let subfields = candidateNames(scope: r.catalogPath).prefix(4)
      report(
        .notComparable, "'\(path)' is an object; compare one of its fields", path.range,
        help: subfields.isEmpty
          ? [] : ["for example: " + subfields.map { "\(path).\($0)" }.joined(separator: ", ")])
      return nil
    case .array:
      report(
        .notComparable, "'\(path)' is an array; test its elements with any() or all()", path.range,
        help: ["for example: any(\(path), …)"])
      return nil
    default:
      return r
    }
  }

  /// The source range strictly between two ranges with surrounding blanks trimmed: where the operator
  /// was written (for a report on the operator). Falls back to `whole` when the source is not
  /// available.
  static func gap(in source: String, _ left: SourceRange, _ right: SourceRange, _ whole: SourceRange)
    -> SourceRange
  {
    // Read in place: the source can be long.
    let utf8 = source.utf8
    guard left.upperBound <= right.lowerBound, right.lowerBound <= utf8.count else { return whole }
    func gap(_ bytes: some RandomAccessCollection<UInt8>) -> SourceRange {
      var lo = bytes.index(bytes.startIndex, offsetBy: left.upperBound)
      var hi = bytes.index(bytes.startIndex, offsetBy: right.lowerBound)
      func blank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x28 }
      while lo < hi, blank(bytes[lo]) { bytes.formIndex(after: &lo) }
      while hi > lo, blank(bytes[bytes.index(before: hi)]) { bytes.formIndex(before: &hi) }
      let l = bytes.distance(from: bytes.startIndex, to: lo)
      let h = bytes.distance(from: bytes.startIndex, to: hi)
      return l < h ? SourceRange(l, h) : whole
    }
    return utf8.withContiguousStorageIfAvailable { gap($0) } ?? gap(Array(utf8))
  }

  /// Whether `field` takes `<`, `<=`, `>`, `>=`, `between`; reports when not. `op` is spelled and
  /// `range` found only for the report: nearly every comparison is on a field that takes it.
  mutating func checkOrdered(
    _ field: BoundField, _ op: @autoclosure () -> String, _ range: @autoclosure () -> SourceRange
  ) -> Bool {
    switch field.type {
    case .enumeration:
      report(
        .operatorNotApplicable, "'\(op())' does not apply to enum field '\(field.name)'", range(),
        help: ["enum fields take =, !=, in, not in"])
      return false
    case .id:
      report(
        .operatorNotApplicable, "'\(op())' does not apply to id field '\(field.name)'", range(),
        help: ["id fields take =, !=, in, not in"])
      return false
    case .boolean:
      report(
        .operatorNotApplicable, "'\(op())' does not apply to boolean field '\(field.name)'", range(),
        help: ["boolean fields take =, !=, in, not in"])
      return false
    default:
      return true
    }
  }

  private mutating func compare(
    _ field: BoundField, _ op: ComparisonOperator, _ lit: Literal,
    operatorRange: @autoclosure () -> SourceRange,
    isStatus: Bool, spellings: EnumSpellings? = nil
  ) -> BoundExpression {
    switch op {
    case .equal, .notEqual: break
    case .less, .lessOrEqual, .greater, .greaterOrEqual:
      guard checkOrdered(field, op.rawValue, operatorRange()) else { return .constant(false) }
    }
    if case .enumeration = field.type {
      guard let values = enumValues(lit, for: field, isStatus: isStatus, spellings: spellings) else {
        return .constant(false)
      }
      if values.count == 1 { return .predicate(.compare(field, op, .string(values[0]))) }
      return .predicate(.member(field, values.map(Value.string), negated: op == .notEqual))
    }
    guard let converted = convert(lit, for: field) else { return .constant(false) }
    switch converted {
    case .value(let v): return .predicate(.compare(field, op, v))
    case .day(let d): return wholeDay(field, op, d)
    }
  }

  /// the language reference's whole-day rule: a date against a datetime field means that day in the query's zone.
  func wholeDay(_ field: BoundField, _ op: ComparisonOperator, _ d: CivilDate) -> BoundExpression {
    let start = Value.instant(context.startOfDay(d))
    let end = Value.instant(context.startOfDay(d.adding(days: 1)))
    func p(_ o: ComparisonOperator, _ v: Value) -> BoundExpression { .predicate(.compare(field, o, v)) }
    switch op {
    case .equal: return .and([p(.greaterOrEqual, start), p(.less, end)])
    case .notEqual: return .or([p(.less, start), p(.greaterOrEqual, end)])
    case .less: return p(.less, start)
    case .lessOrEqual: return p(.less, end)
    case .greater: return p(.greaterOrEqual, end)
    case .greaterOrEqual: return p(.greaterOrEqual, start)
    }
  }

  private mutating func member(
    _ field: BoundField, _ lits: [Literal], negated: Bool, range: SourceRange, isStatus: Bool,
    spellings: EnumSpellings?
  ) -> BoundExpression {
    guard !lits.isEmpty else {
      report(.emptyList, "'in ()' needs at least one value", range)
      return .constant(false)
    }
    var values: [Value] = []
    values.reserveCapacity(lits.count)
    var days: [CivilDate] = []
    var ok = true
    for lit in lits {
      if case .enumeration = field.type {
        guard let vs = enumValues(lit, for: field, isStatus: isStatus, spellings: spellings) else {
          ok = false
          continue
        }
        for v in vs where !values.contains(.string(v)) { values.append(.string(v)) }
        continue
      }
      switch convert(lit, for: field) {
      case .value(let v)?: if !values.contains(v) { values.append(v) }
      case .day(let d)?: if !days.contains(d) { days.append(d) }
      case nil: ok = false
      }
    }
    guard ok else { return .constant(false) }
    if days.isEmpty { return .predicate(.member(field, values, negated: negated)) }
    // Dates against a datetime field: each value one day (the language reference), the list their union.
    var parts = days.map { wholeDay(field, negated ? .notEqual : .equal, $0) }
    if !values.isEmpty { parts.insert(.predicate(.member(field, values, negated: negated)), at: 0) }
    if parts.count == 1 { return parts[0] }
    return negated ? .and(parts) : .or(parts)
  }

  private mutating func text(
    _ field: BoundField, _ op: TextOperator, _ lit: Literal, operatorRange: @autoclosure () -> SourceRange
  ) -> BoundExpression {
    guard case .string = field.type else {
      report(
        .operatorNotApplicable,
        "'\(op.rawValue)' does not apply to \(field.type.displayName) field '\(field.name)'",
        operatorRange(), help: ["contains, startswith and endswith apply to string fields"])
      return .constant(false)
    }
    switch lit.kind {
    case .string(let s), .word(let s), .number(let s):
      return .predicate(.text(field, op, s))
    default:
      report(
        .typeMismatch, "'\(op.rawValue)' needs a string, not \(describe(lit))", lit.range,
        help: ["write the text in quotes"])
      return .constant(false)
    }
  }

  /// Binds one `sort by` key: a field of the invoice itself.
  mutating func bindSortKey(_ key: SortKey) -> BoundSortKey? {
    guard let r = resolve(key.field, scope: []) else { return nil }
    if !r.arrays.isEmpty {
      report(
        .invalidSortKey, "cannot sort by '\(key.field)': the path goes through an array",
        key.field.range, help: ["sort by a field of the invoice itself"])
      return nil
    }
    switch r.field.type {
    case .object, .array:
      report(
        .invalidSortKey,
        "cannot sort by '\(key.field)': it is \(article(r.field.type)) \(r.field.type.displayName)",
        key.field.range)
      return nil
    default:
      return BoundSortKey(field: r.field, descending: key.descending)
    }
  }
}
