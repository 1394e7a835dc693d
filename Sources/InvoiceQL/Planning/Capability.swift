import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

/// What a provider's native filter can say about one field: a row of a dialect's capability table.
///
/// The planner reads only these tables; no provider is special-cased in the pushdown logic.
package struct FieldCapability: Sendable {
  /// The field's path in the provider's catalog (`BoundField.path`).
  package var path: [String]
  /// How a value of the field is written natively.
  package var format: NativeValueFormat
  /// How `f = v` is written; nil when the API cannot say it.
  package var equal: NativeForm?
  /// How `f in (a, b)` is written (values comma-joined after the prefix).
  package var list: NativeForm?
  /// The most values `list` takes.
  package var maxValues: Int
  /// How a lower / upper bound is written. Inclusivity is undocumented everywhere, so bounds are
  /// widened to hold under both readings and never count as exact.
  package var lower: NativeForm?
  package var upper: NativeForm?
  /// Whether `lower` and `upper` share one parameter that must not be repeated: then one bound only.
  package var oneBound: Bool
  /// How `f != v` / `f not in (…)` is written (RQL `ne`/`out`); always a superset (null handling
  /// is undocumented).
  package var notIn: NativeForm?
  /// Whether the server applies `equal`/`list` exactly; when false they are a superset.
  package var exact: Bool
  /// Whether bounds are applied exactly (RQL `lt`/`le`/`gt`/`ge` on numbers); otherwise they are widened.
  package var exactBounds: Bool
  /// Why `exact` is what it is, for `:explain`.
  package var reason: String
  /// The smallest and largest number the API documents as possible for the field (wethod's
  /// `project_id`: "Possible values: >= 1"). A number outside is never written: a strict server
  /// answers it with 400, so the comparison stays on the client (where data that breaks the
  /// documentation is still compared exactly).
  package var minimum: ExactDecimal?
  /// The largest documented number (see `minimum`).
  package var maximum: ExactDecimal?

  package init(
    _ path: [String], format: NativeValueFormat, equal: NativeForm? = nil, list: NativeForm? = nil,
    maxValues: Int = 0, lower: NativeForm? = nil, upper: NativeForm? = nil, oneBound: Bool = true,
    notIn: NativeForm? = nil, exact: Bool = false, exactBounds: Bool = false,
    minimum: ExactDecimal? = nil, maximum: ExactDecimal? = nil, reason: String
  ) {
    self.minimum = minimum
    self.maximum = maximum
    self.notIn = notIn
    self.exactBounds = exactBounds
    self.path = path
    self.format = format
    self.equal = equal
    self.list = list
    self.maxValues = maxValues
    self.lower = lower
    self.upper = upper
    self.oneBound = oneBound
    self.exact = exact
    self.reason = reason
  }
}

extension FieldCapability {
  /// Whether `v` may be written for this field: not a number outside the documented range.
  func documents(_ v: Value) -> Bool {
    guard case .decimal(let d) = v else { return true }
    if let minimum, d < minimum { return false }
    if let maximum, maximum < d { return false }
    return true
  }
}

/// A native parameter (or JSON filter object) and the prefix its value takes (`lt:`, `in:`).
package struct NativeForm: Sendable, Hashable {
  package var name: String
  package var prefix: String
  /// The JSON filter `type` where the dialect has one (roadsync).
  package var type: String?
  package init(_ name: String, prefix: String = "", type: String? = nil) {
    self.name = name
    self.prefix = prefix
    self.type = type
  }
}

/// How values are spelled natively.
package enum NativeValueFormat: Sendable, Hashable {
  /// Text as is (subject to the dialect's `ValueRules`).
  case text
  /// A whole number in plain decimal digits (numeric ids).
  case integer
  /// `yyyy-MM-dd`.
  case date
  /// An instant in UTC at whole seconds; `separator` between date and time (`T` or a space).
  case dateTime(separator: String)
  /// An instant written as `dateTime`, which the server may compare at whole seconds or by its
  /// date alone, in a zone it does not name (wethod's `updated_at`: "updated after a date"):
  /// bounds are widened by three days, which holds under either reading.
  case dateTimeOrDate(separator: String)
  /// Text that must be written in double quotes (RQL ids).
  case identifier
  /// A plain decimal number (no exponent).
  case decimal
  /// An instant in UTC with milliseconds (`2025-05-01T00:00:00.000Z`), for a datetime field.
  case instantMillis
  /// A date field the server stores as a datetime with an offset: bounds become UTC instants a day
  /// wider on each side (the date as written can differ from the UTC date by up to a day).
  case dayAsInstant
}

/// Which text values a dialect can carry without changing the filter's structure.
package struct ValueRules: Sendable {
  /// Characters no pushed value may contain.
  package var forbidden: Set<Character>
  /// Characters no value of a list may contain (the list separator and friends).
  package var forbiddenInList: Set<Character>
  /// The longest value (or joined list) accepted.
  package var maxLength: Int

  package init(forbidden: Set<Character>, forbiddenInList: Set<Character>, maxLength: Int) {
    self.forbidden = forbidden
    self.forbiddenInList = forbiddenInList
    self.maxLength = maxLength
  }

  /// Whether `s` can be sent as one value; empty values, surrounding whitespace (servers trim) and
  /// control characters never are.
  package func allows(_ s: String, inList: Bool) -> Bool {
    guard !s.isEmpty, s.utf8.count <= maxLength else { return false }
    guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last,
      !first.properties.isWhitespace, !last.properties.isWhitespace
    else { return false }
    for ch in s {
      if forbidden.contains(ch) || (inList && forbiddenInList.contains(ch)) { return false }
      if ch.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return false }
    }
    return true
  }
}

/// One native filter item: a query parameter (`name=value`) or a typed JSON filter object.
package struct NativeItem: Sendable, Hashable {
  package var name: String
  package var value: String
  package var type: String?

  package init(name: String, value: String, type: String? = nil) {
    self.name = name
    self.value = value
    self.type = type
  }
}

/// What a dialect pushed for the conjuncts of a normalised query.
package struct Pushdown: Sendable {
  /// Native filter items in order (parameter dialects), or the filter expression (RQL) as one item.
  package var items: [NativeItem] = []
  /// The filter as one expression (RQL), when the dialect writes one.
  package var expression: String?
  package var fragments: [PushedFragment] = []
  /// Conjuncts the server applies exactly (they leave the residual).
  package var exactConjuncts: Set<Int> = []
  /// Per conjunct: pushed as a superset, or why it stays residual.
  package var notes: [Int: (PlanDecision.Outcome, String)] = [:]
  /// Top-level fields the pushed filter reads (softwareone filters only on selected fields).
  package var fieldsFiltered: [BoundField] = []
  /// When not empty, the request is sent once per entry, each time with that entry's items added
  /// to `items` (a list the API takes one value at a time); the server's answer is the union of the
  /// listings, which the client merges without duplicates.
  package var variants: [[NativeItem]] = []
  /// Doubts about the answer the dialect's endpoint gives (`Plan.warnings`).
  package var warnings: [String] = []

  package init() {}
}

/// Numbers a server reads exactly whatever its number type: a binary double (15 significant
/// digits survive the round trip), a 28-digit decimal, or an exact decimal. Any other number is
/// left to the client.
enum NativeNumbers {
  /// At most 15 significant digits, below 10^15 and no finer than 10^-15.
  static func readExactly(_ d: ExactDecimal) -> Bool {
    d.digits.count <= 15 && d.digits.count + d.exponent <= 15 && d.exponent >= -15
  }
}
