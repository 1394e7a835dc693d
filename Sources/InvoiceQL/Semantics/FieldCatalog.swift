import InvoiceQLJSON
import InvoiceQLSyntax

/// The type of a field in a provider's response, as its documentation gives it.
package indirect enum FieldType: Sendable, Hashable {
  /// An identifier: `=`, `!=`, `in`, `not in` only. `numeric` ids (JSON integers) compare numerically,
  /// so `id = "5"` matches the integer 5.
  case id(numeric: Bool)
  case string
  /// A string with a documented set of values; a query value is matched case-insensitively against
  /// these and then compared exactly.
  case enumeration([String])
  /// An exact decimal (money). JSON numbers or numeric strings.
  case decimal
  /// A whole number (rhythm's `number`); compared as a decimal.
  case integer
  case boolean
  /// A calendar date; a datetime value counts by its date as written.
  case date
  /// An instant; values without an offset are UTC.
  case dateTime
  /// A nested object whose own fields are listed in the catalog under this path.
  case object
  /// An array; `element` is `.object` for arrays of objects whose fields are listed under this path.
  case array(element: FieldType)

  /// Whether `<`, `<=`, `>`, `>=`, `between` apply.
  package var isOrdered: Bool {
    switch self {
    case .string, .decimal, .integer, .date, .dateTime: true
    default: false
    }
  }
}

/// One field of a provider's invoice.
package struct FieldDescriptor: Sendable, Hashable {
  /// JSON keys from the invoice object (or, under an array, from the array's element).
  /// `["line_items", "product_id"]` is the `product_id` of each element of the `line_items` array.
  package var path: [String]
  package var type: FieldType
  /// Whether the documentation allows the field to be absent or `null`.
  package var nullable: Bool
  /// What the documentation says, for `:fields`.
  package var summary: String
  /// For a deprecated field, the field that replaces it.
  package var replacedBy: [String]?

  package init(
    _ path: [String], _ type: FieldType, nullable: Bool = true, summary: String = "",
    replacedBy: [String]? = nil
  ) {
    self.path = path
    self.type = type
    self.nullable = nullable
    self.summary = summary
    self.replacedBy = replacedBy
  }

  /// `erpData.dueDate`.
  package var dottedName: String { path.joined(separator: ".") }
}

/// Every field a provider's invoice carries: data the binder, planner and evaluator share.
package struct FieldCatalog: Sendable, Hashable {
  /// The provider's name in the project (`rhythm`, `elevate`, …).
  package var provider: String
  package var fields: [FieldDescriptor] {
    didSet { positions = Self.positions(of: fields) }
  }
  /// Where each path's (first) field is in `fields`: `field(at:)` runs for every name of every
  /// query bound, so it is a lookup, not a scan.
  private var positions: [[String]: Int]
  /// Canonical names (the canonical vocabulary) mapped to this provider's field paths.
  package var canonicalFields: [String: [String]]
  /// Canonical status values mapped to this provider's status values; an empty list is "—".
  package var canonicalStatuses: [String: [String]]

  package init(
    provider: String, fields: [FieldDescriptor], canonicalFields: [String: [String]],
    canonicalStatuses: [String: [String]]
  ) {
    self.provider = provider
    self.fields = fields
    self.positions = Self.positions(of: fields)
    self.canonicalFields = canonicalFields
    self.canonicalStatuses = canonicalStatuses
  }

  /// The field at exactly this path.
  package func field(at path: [String]) -> FieldDescriptor? {
    positions[path].map { fields[$0] }
  }

  private static func positions(of fields: [FieldDescriptor]) -> [[String]: Int] {
    var positions: [[String]: Int] = [:]
    for (i, field) in fields.enumerated() where positions[field.path] == nil { positions[field.path] = i }
    return positions
  }
}
