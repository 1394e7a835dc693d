import InvoiceQLJSON
import InvoiceQLSyntax

/// A whole query bound to one provider: the filter plus its clauses.
package struct BoundQuery: Sendable, Hashable {
  package var filter: BoundExpression
  /// `sort by` keys in order; never through an array.
  package var sort: [BoundSortKey]
  /// `limit N`, when present.
  package var limit: Int?

  package init(filter: BoundExpression, sort: [BoundSortKey] = [], limit: Int? = nil) {
    self.filter = filter
    self.sort = sort
    self.limit = limit
  }
}

/// One bound `sort by` key.
package struct BoundSortKey: Sendable, Hashable {
  /// A field of the invoice itself (not inside an array).
  package var field: BoundField
  package var descending: Bool

  package init(field: BoundField, descending: Bool) {
    self.field = field
    self.descending = descending
  }
}

extension Diagnostic.Kind {
  /// A name that is neither canonical nor the provider's.
  public static let unknownField = Diagnostic.Kind("unknown-field")
  /// A canonical name the provider has no field for (a `—` in the canonical vocabulary).
  public static let fieldNotOnProvider = Diagnostic.Kind("field-not-on-provider")
  /// An enum value the field does not know.
  public static let unknownValue = Diagnostic.Kind("unknown-value")
  /// A canonical status value with no mapping on the provider.
  public static let statusNotOnProvider = Diagnostic.Kind("status-not-on-provider")
  /// An operator the field's type does not take (`<` on an enum, `contains` on a number).
  public static let operatorNotApplicable = Diagnostic.Kind("operator-not-applicable")
  /// A literal that cannot be converted exactly to the field's type.
  public static let typeMismatch = Diagnostic.Kind("type-mismatch")
  /// `any()`/`all()` over a field that is not an array.
  public static let notAnArray = Diagnostic.Kind("not-an-array")
  /// A comparison with a whole object or array.
  public static let notComparable = Diagnostic.Kind("not-comparable")
  /// `sort by` a path through an array, or by an object.
  public static let invalidSortKey = Diagnostic.Kind("invalid-sort-key")
  /// A relative date or datetime that lands outside years 1…9999.
  public static let dateOutOfRange = Diagnostic.Kind("date-out-of-range")
  /// A number whose exponent is beyond ±10^17, which no comparison reads exactly.
  public static let numberOutOfRange = Diagnostic.Kind("number-out-of-range")
}

extension FieldType {
  /// The type's name in messages: `decimal`, `enum`, `datetime`, …
  package var displayName: String {
    switch self {
    case .id(let numeric): numeric ? "numeric id" : "id"
    case .string: "string"
    case .enumeration: "enum"
    case .decimal: "decimal"
    case .integer: "integer"
    case .boolean: "boolean"
    case .date: "date"
    case .dateTime: "datetime"
    case .object: "object"
    case .array: "array"
    }
  }
}
