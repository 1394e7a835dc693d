import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// Building blocks shared by the native-filter importers: syntax-tree construction, typed literals
/// and the diagnostics every importer reports.
///
/// Imported trees are built, not parsed, so their nodes carry empty ranges; diagnostics carry ranges
/// into the *native* text instead, which is what the user typed.
package struct ImportContext {
  package let catalog: FieldCatalog
  package let native: String
  /// How the provider's server reads dates and times.
  package let temporal: TemporalPolicy
  /// Whether the server applies a condition on a top-level field (softwareone filters only on the
  /// fields its `select=` names); a condition it ignores is left out of the query.
  package var appliesConditions: @Sendable (_ root: String) -> Bool = { _ in true }
  var diagnostics: [Diagnostic] = []

  init(catalog: FieldCatalog, native: String, temporal: TemporalPolicy) {
    self.catalog = catalog
    self.native = native
    self.temporal = temporal
  }

  package static let nowhere = SourceRange.at(0)

  package mutating func error(
    _ kind: Diagnostic.Kind, _ message: String, _ range: SourceRange, help: [String] = []
  ) {
    diagnostics.append(Diagnostic(.error, kind: kind, message: message, range: range, help: help))
  }

  package mutating func warning(
    _ kind: Diagnostic.Kind, _ message: String, _ range: SourceRange, help: [String] = []
  ) {
    diagnostics.append(Diagnostic(.warning, kind: kind, message: message, range: range, help: help))
  }

  /// The name a query should use for a provider path: the canonical name when one maps to exactly
  /// this path, else the provider's own dotted name.
  package func queryName(for path: [String]) -> [String] {
    let canonical = catalog.canonicalFields.filter { $0.value == path }.map(\.key).sorted()
    if let name = canonical.first { return [name] }
    return path
  }

  package func field(_ path: [String]) -> FieldPath { FieldPath(queryName(for: path), range: Self.nowhere) }

  /// The type of a provider path, with canonical date fields typed as dates (the language reference).
  package func type(of path: [String]) -> FieldType? {
    guard let descriptor = catalog.field(at: path) else { return nil }
    let name = queryName(for: path)
    if name.count == 1, ["issueDate", "dueDate", "paidDate"].contains(name[0]) { return .date }
    return descriptor.type
  }

  /// A literal of the field's type from native text, or nil (with an error) when it is not one.
  package mutating func literal(_ text: String, for path: [String], at range: SourceRange) -> Literal? {
    let type = self.type(of: path) ?? .string
    let lit: Literal.Kind?
    switch type {
    case .id(numeric: true), .integer, .decimal:
      // A fraction in a whole-number field is no query literal (the language reference: converted only when exact),
      // and text that is not a number cannot be one (a numeric id compares as a number).
      if let d = ExactDecimal(json: text) {
        lit = type == .decimal || d.isWhole ? .number(text) : nil
      } else {
        lit = nil
      }
    case .boolean:
      lit = text == "true" ? .boolean(true) : text == "false" ? .boolean(false) : nil
    case .date, .dateTime:
      // Dates and times go through `comparison`, which reads them as the provider does; here only a
      // value the query states exactly is taken.
      let time = TemporalReading.of(temporal, type: type).flatMap {
        NativeTime.read(text, $0)
      }
      lit = time.flatMap { type == .date ? $0.date.map { .date($0) } : $0.exactLiteral?.kind }
    case .enumeration(let values):
      // A native filter compares the value as sent; a query matches enum values regardless of case
      // and reads canonical statuses by meaning (`open` is UNPAID or PARTIALLY_PAID). Only a value
      // spelled exactly as one of the field's means the same in both.
      guard values.contains(where: { $0.isSpelled(as: text) }) else {
        error(
          .importBadValue,
          "'\(text)' is not one of \(QueryText.path(path))'s values (\(values.joined(separator: ", "))),"
            + " spelled exactly: the query would not mean what the native filter does",
          range)
        return nil
      }
      lit = QueryText.isBareWord(text) ? .word(text) : .string(text)
    default:
      lit = QueryText.isBareWord(text) ? .word(text) : .string(text)
    }
    guard let lit else {
      error(
        .importBadValue,
        "'\(text)' is not a valid value for \(QueryText.path(path)) (\(Self.describe(type)))",
        range)
      return nil
    }
    return Literal(lit, range: Self.nowhere)
  }

  package static func describe(_ type: FieldType) -> String {
    switch type {
    case .id(numeric: true): "a whole-number id"
    case .id: "an id"
    case .string: "a string"
    case .enumeration: "an enum"
    case .decimal: "a number"
    case .integer: "an integer"
    case .boolean: "true or false"
    case .date: "a date YYYY-MM-DD"
    case .dateTime: "a date and time"
    case .object: "an object"
    case .array: "an array"
    }
  }
}

/// Expression constructors for built trees.
package enum Build {
  package static func node(_ kind: Expression.Kind) -> Expression {
    Expression(kind, range: ImportContext.nowhere)
  }
  package static func compare(_ f: FieldPath, _ op: ComparisonOperator, _ v: Literal) -> Expression {
    node(.comparison(f, op, v))
  }
  package static func all(_ xs: [Expression]) -> Expression? {
    let flat = xs.flatMap { e -> [Expression] in
      if case .and(let inner) = e.kind { return inner }
      return [e]
    }
    if flat.count <= 1 { return flat.first }
    return node(.and(flat))
  }
  package static func any(_ xs: [Expression]) -> Expression? {
    let flat = xs.flatMap { e -> [Expression] in
      if case .or(let inner) = e.kind { return inner }
      return [e]
    }
    if flat.count <= 1 { return flat.first }
    return node(.or(flat))
  }
}

/// The date and date-time spellings native filters use.
enum NativeDates {
  /// `YYYY-MM-DD`.
  static func date(_ s: String) -> CivilDate? {
    let b = Array(s.utf8)
    guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
      let y = digits(b[0..<4]), let m = digits(b[5..<7]), let d = digits(b[8..<10])
    else { return nil }
    return CivilDate(year: y, month: m, day: d)
  }

  /// `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]`, also with a space for `T`.
  static func dateTime(_ s: String) -> CivilDateTime? {
    let b = Array(s.utf8)
    guard b.count >= 16, let d = date(String(decoding: b[0..<10], as: UTF8.self)),
      b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " ") || b[10] == UInt8(ascii: "t"),
      let h = digits(b[11..<13]), b[13] == UInt8(ascii: ":"), let mi = digits(b[14..<16])
    else { return nil }
    var i = 16
    var sec = 0
    var fraction = ""
    if i < b.count && b[i] == UInt8(ascii: ":") {
      guard i + 3 <= b.count, let s2 = digits(b[(i + 1)..<(i + 3)]) else { return nil }
      sec = s2
      i += 3
      if i < b.count && b[i] == UInt8(ascii: ".") {
        i += 1
        let start = i
        while i < b.count && b[i] >= 48 && b[i] <= 57 { i += 1 }
        guard i > start else { return nil }
        fraction = String(decoding: b[start..<i], as: UTF8.self)
      }
    }
    var offset: Int?
    if i < b.count {
      if (b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z")) && i + 1 == b.count {
        offset = 0
      } else if (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) && i + 6 == b.count,
        let oh = digits(b[(i + 1)..<(i + 3)]), b[i + 3] == UInt8(ascii: ":"),
        let om = digits(b[(i + 4)..<(i + 6)]),
        om < 60
      {
        offset = (b[i] == UInt8(ascii: "-") ? -1 : 1) * (oh * 3600 + om * 60)
      } else {
        return nil
      }
    }
    return CivilDateTime(date: d, hour: h, minute: mi, second: sec, fraction: fraction, offsetSeconds: offset)
  }

  private static func digits(_ s: ArraySlice<UInt8>) -> Int? {
    guard !s.isEmpty, s.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
    return s.reduce(0) { $0 * 10 + Int($1 - 48) }
  }
}

/// `name=value` components of a URL query string, percent-decoded, with their native ranges.
package struct QueryStringComponent {
  package var name: String
  package var value: String?
  package var range: SourceRange
  /// The range of the value, or of the name when there is none.
  package var valueRange: SourceRange
}

package enum QueryStringSplitter {
  /// Splits after an optional `…?`; `+` is a literal plus (the planner always sends `%2B`, and
  /// datetimes with offsets are written with a bare `+`).
  package static func split(_ text: String, _ ctx: inout ImportContext) -> [QueryStringComponent] {
    let b = Array(text.utf8)
    var start = b.firstIndex(of: UInt8(ascii: "?")).map { $0 + 1 } ?? 0
    var out: [QueryStringComponent] = []
    while start <= b.count {
      var end = start
      while end < b.count && b[end] != UInt8(ascii: "&") { end += 1 }
      if end > start {
        let eq = b[start..<end].firstIndex(of: UInt8(ascii: "="))
        let nameBytes = b[start..<(eq ?? end)]
        let valueBytes = eq.map { b[($0 + 1)..<end] }
        let range = SourceRange(start, end)
        let valueRange = eq.map { SourceRange($0 + 1, end) } ?? range
        let name = decode(nameBytes)
        let value = valueBytes.map { decode($0) }
        if let name, value.map({ $0 != nil }) ?? true {
          out.append(
            QueryStringComponent(name: name, value: value ?? nil, range: range, valueRange: valueRange))
        } else {
          ctx.error(.importSyntax, "percent-encoded bytes that are not UTF-8", range)
        }
      }
      start = end + 1
    }
    return out
  }

  /// Percent-decodes; a `%` not followed by two hex digits stays a literal `%` (as typed in a
  /// `like:` pattern); nil when the decoded bytes are not UTF-8.
  package static func decode(_ bytes: ArraySlice<UInt8>) -> String? {
    var out: [UInt8] = []
    var i = bytes.startIndex
    while i < bytes.endIndex {
      if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.endIndex, let hi = hex(bytes[i + 1]),
        let lo = hex(bytes[i + 2])
      {
        out.append(hi * 16 + lo)
        i += 3
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return String(validating: out, as: UTF8.self)
  }

  private static func hex(_ c: UInt8) -> UInt8? {
    switch c {
    case 48...57: c - 48
    case 65...70: c - 55
    case 97...102: c - 87
    default: nil
    }
  }
}

extension Diagnostic.Kind {
  /// The native filter text is malformed (bad percent-encoding, unbalanced parentheses, bad JSON).
  public static let importSyntax = Diagnostic.Kind("import-syntax")
  /// A parameter or field the provider's native filter does not have.
  public static let importUnknownParameter = Diagnostic.Kind("import-unknown-parameter")
  /// A value that is not of the field's type.
  public static let importBadValue = Diagnostic.Kind("import-bad-value")
  /// A native operator whose meaning the provider does not document; not imported.
  public static let importUnknownOperator = Diagnostic.Kind("import-unknown-operator")
  /// A native filter the query cannot state exactly (the imported query is broader).
  public static let importApproximate = Diagnostic.Kind("import-approximate")
}
