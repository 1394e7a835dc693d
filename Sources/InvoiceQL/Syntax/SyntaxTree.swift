/// The syntax tree of a query: what was written, with where it was written.
///
/// Nodes are values. Equality is *structural*: it compares what the nodes say and ignores
/// their source ranges, so `parse(format(tree)) == tree` can be stated directly.
///
/// Conjunctions and disjunctions are n-ary and never directly nest the same operator
/// (the parser flattens `a and (b and c)` into one `and` of three), so the tree has one
/// shape per meaning-preserving spelling and the formatter needs no parentheses to keep it.
package struct Query: Sendable, Hashable {
  /// The boolean filter.
  package var filter: Expression
  /// `sort by …`, in order; empty when absent.
  package var sort: [SortKey]
  /// `limit N`, when present.
  package var limit: Limit?
  /// The whole query's range.
  package var range: SourceRange

  package init(filter: Expression, sort: [SortKey] = [], limit: Limit? = nil, range: SourceRange) {
    self.filter = filter
    self.sort = sort
    self.limit = limit
    self.range = range
  }

  package static func == (a: Query, b: Query) -> Bool {
    a.filter == b.filter && a.sort == b.sort && a.limit == b.limit
  }
  package func hash(into h: inout Hasher) {
    h.combine(filter)
    h.combine(sort)
    h.combine(limit)
  }
}

/// One `sort by` key.
package struct SortKey: Sendable, Hashable {
  package var field: FieldPath
  /// `desc`; `asc` (the default) is false.
  package var descending: Bool
  package var range: SourceRange

  package init(field: FieldPath, descending: Bool, range: SourceRange) {
    self.field = field
    self.descending = descending
    self.range = range
  }
  package static func == (a: SortKey, b: SortKey) -> Bool {
    a.field == b.field && a.descending == b.descending
  }
  package func hash(into h: inout Hasher) {
    h.combine(field)
    h.combine(descending)
  }
}

/// `limit N`.
package struct Limit: Sendable, Hashable {
  package var count: Int
  package var range: SourceRange
  package init(count: Int, range: SourceRange) {
    self.count = count
    self.range = range
  }
  package static func == (a: Limit, b: Limit) -> Bool { a.count == b.count }
  package func hash(into h: inout Hasher) { h.combine(count) }
}

/// A dotted field name as written: `billing_address.country` is `["billing_address", "country"]`.
package struct FieldPath: Sendable, Hashable, CustomStringConvertible {
  package var components: [String]
  package var range: SourceRange
  package init(_ components: [String], range: SourceRange) {
    self.components = components
    self.range = range
  }
  package var description: String { components.joined(separator: ".") }
  package static func == (a: FieldPath, b: FieldPath) -> Bool { a.components == b.components }
  package func hash(into h: inout Hasher) { h.combine(components) }
}

/// A boolean expression node.
package struct Expression: Sendable, Hashable {
  /// Each case with a node's own payload is boxed (`indirect`): one pointer, whatever it holds,
  /// so an expression is small to copy. `and` and `or` are not: their payload is already one
  /// reference (the operands' array), which a box would only wrap in another allocation.
  package enum Kind: Sendable, Hashable {
    /// `a and b and …` (two or more operands, none itself an `and`). With no operands it is the
    /// empty filter (`Expression.everything`): a query without a condition, true for every invoice.
    /// The parser makes it only as a whole query's filter, never inside another expression.
    case and([Expression])
    /// `a or b or …` (two or more operands, none itself an `or`).
    case or([Expression])
    /// `not e`.
    indirect case not(Expression)
    /// `f = v`, `f != v`, `f < v`, `f <= v`, `f > v`, `f >= v`.
    indirect case comparison(FieldPath, ComparisonOperator, Literal)
    /// `f in (v, …)`, or `f not in (v, …)` when negated. Never empty.
    indirect case membership(FieldPath, [Literal], negated: Bool)
    /// `f between a and b`.
    indirect case between(FieldPath, Literal, Literal)
    /// `f is null`, or `f is not null` when negated.
    indirect case isNull(FieldPath, negated: Bool)
    /// `f contains s`, `f startswith s`, `f endswith s`.
    indirect case text(FieldPath, TextOperator, Literal)
    /// `any(path, e)` or `all(path, e)`.
    indirect case quantified(Quantifier, FieldPath, Expression)
  }

  package var kind: Kind
  package var range: SourceRange

  package init(_ kind: Kind, range: SourceRange) {
    self.kind = kind
    self.range = range
  }

  package static func == (a: Expression, b: Expression) -> Bool { a.kind == b.kind }

  /// The empty filter: no condition, so every invoice matches (the language reference). It is the filter of a query
  /// that is empty or has only clauses (`sort by total desc limit 2`), and what `import` gives for a
  /// native filter without a condition. An `and` of no operands, so every walk over the tree
  /// already reads it as true.
  package static func everything(at offset: Int = 0) -> Expression {
    Expression(.and([]), range: .at(offset))
  }

  /// Whether this is the empty filter (`everything`).
  package var isEverything: Bool {
    if case .and(let operands) = kind { return operands.isEmpty }
    return false
  }
  package func hash(into h: inout Hasher) { h.combine(kind) }
}

package enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
  case equal = "="
  case notEqual = "!="
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="

  /// The operator of `not (f op v)` for a field that has a value (two-valued negation).
  package var negated: ComparisonOperator {
    switch self {
    case .equal: .notEqual
    case .notEqual: .equal
    case .less: .greaterOrEqual
    case .lessOrEqual: .greater
    case .greater: .lessOrEqual
    case .greaterOrEqual: .less
    }
  }

  /// The operator with its operands swapped: `a < b` is `b > a`.
  package var flipped: ComparisonOperator {
    switch self {
    case .equal, .notEqual: self
    case .less: .greater
    case .lessOrEqual: .greaterOrEqual
    case .greater: .less
    case .greaterOrEqual: .lessOrEqual
    }
  }
}

package enum TextOperator: String, Sendable, Hashable, CaseIterable {
  case contains, startswith, endswith
}

package enum Quantifier: String, Sendable, Hashable, CaseIterable {
  case any, all
}

/// A literal value as written.
package struct Literal: Sendable, Hashable {
  package enum Kind: Sendable, Hashable {
    /// A quoted string, escapes decoded.
    case string(String)
    /// An unquoted word: an enum value or a string (`open`, `PAID`).
    case word(String)
    /// A number, kept as its exact spelling (`-3.5`, `1e3`); never converted to binary floating point.
    case number(String)
    /// A calendar date.
    case date(CivilDate)
    /// A date and time, with an offset or (when `offsetSeconds` is nil) in the query's time zone.
    /// Boxed: the largest payload by far, and literals are copied through every stage.
    indirect case dateTime(CivilDateTime)
    /// `today±N unit` or `now±N unit`, resolved at plan time.
    case relative(RelativeDate)
    /// `true` / `false`.
    case boolean(Bool)

    /// The same kind with the same value. Strings, words and numbers are the same only with the
    /// same Unicode scalars, as the language compares text: `String`'s `==` would take canonically
    /// equivalent spellings (`"é"` and `"e\u{301}"`, `"K"` and the Kelvin sign) for one value, and
    /// a tree built from one would stand for a query that matches other invoices. (The synthesized
    /// hash stays valid: equal scalars are canonically equivalent, so they hash alike.)
    package static func == (a: Kind, b: Kind) -> Bool {
      switch (a, b) {
      case (.string(let x), .string(let y)), (.word(let x), .word(let y)), (.number(let x), .number(let y)):
        return x.utf8.elementsEqual(y.utf8)
      case (.date(let x), .date(let y)): return x == y
      case (.dateTime(let x), .dateTime(let y)): return x == y
      case (.relative(let x), .relative(let y)): return x == y
      case (.boolean(let x), .boolean(let y)): return x == y
      default: return false
      }
    }
  }

  package var kind: Kind
  package var range: SourceRange
  package init(_ kind: Kind, range: SourceRange) {
    self.kind = kind
    self.range = range
  }
  package static func == (a: Literal, b: Literal) -> Bool { a.kind == b.kind }
  package func hash(into h: inout Hasher) { h.combine(kind) }
}

/// A proleptic Gregorian calendar date, validated (no `2025-02-30`).
package struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
  package var year: Int
  package var month: Int
  package var day: Int

  /// Nil when the date does not exist.
  package init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...CivilDate.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  package static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

  package static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days since 1970-01-01 (negative before), by the civil-from-days algorithm.
  package var daysSinceEpoch: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  /// The date `days` days after 1970-01-01.
  package init(daysSinceEpoch days: Int) {
    let z = days + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
    self.month = m
    self.day = d
  }

  package func adding(days: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + days) }

  package static func < (a: CivilDate, b: CivilDate) -> Bool {
    (a.year, a.month, a.day) < (b.year, b.month, b.day)
  }

  /// `YYYY-MM-DD`.
  package var description: String {
    func pad(_ v: Int, _ n: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: Swift.max(0, n - s.count)) + s
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }
}

/// A date and a wall-clock time, with an optional UTC offset.
package struct CivilDateTime: Sendable, Hashable, CustomStringConvertible {
  package var date: CivilDate
  package var hour: Int
  package var minute: Int
  package var second: Int
  /// Fractional seconds as written, digits only (`"123"` for `.123`); empty when none.
  package var fraction: String
  /// Seconds east of UTC; nil when the literal had no offset (the query's time zone applies).
  package var offsetSeconds: Int?

  package init?(
    date: CivilDate, hour: Int, minute: Int, second: Int, fraction: String = "",
    offsetSeconds: Int?
  ) {
    guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second),
      fraction.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
      offsetSeconds.map({ abs($0) < 24 * 3600 }) ?? true
    else { return nil }
    self.date = date
    self.hour = hour
    self.minute = minute
    self.second = second
    self.fraction = fraction
    self.offsetSeconds = offsetSeconds
  }

  /// ISO 8601: `2025-05-01T10:00:00.123+02:00`, `Z` for a zero offset.
  package var description: String {
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    var s = "\(date)T\(two(hour)):\(two(minute)):\(two(second))"
    if !fraction.isEmpty { s += "." + fraction }
    if let off = offsetSeconds {
      if off == 0 {
        s += "Z"
      } else {
        let a = abs(off)
        s += (off < 0 ? "-" : "+") + "\(two(a / 3600)):\(two(a % 3600 / 60))"
      }
    }
    return s
  }
}

/// `today`/`now` with an optional signed offset in one unit.
package struct RelativeDate: Sendable, Hashable, CustomStringConvertible {
  package enum Base: String, Sendable, Hashable, CaseIterable {
    /// A date: the current day in the query's time zone.
    case today
    /// An instant.
    case now
  }
  package enum Unit: String, Sendable, Hashable, CaseIterable {
    case minutes = "min"
    case hours = "h"
    case days = "d"
    case weeks = "w"
    case months = "mo"
    case years = "y"

    /// Units allowed after `today` (a date has no hours).
    package static let dateUnits: [Unit] = [.days, .weeks, .months, .years]
  }

  package var base: Base
  /// Signed amount; zero with `unit == nil` is plain `today`/`now`.
  package var amount: Int
  package var unit: Unit?

  package init(base: Base, amount: Int = 0, unit: Unit? = nil) {
    self.base = base
    self.amount = amount
    self.unit = unit
  }

  /// `today`, `today-30d`, `now+2h`.
  package var description: String {
    guard let unit else { return base.rawValue }
    return base.rawValue + (amount < 0 ? "-" : "+") + String(amount.magnitude) + unit.rawValue
  }
}
