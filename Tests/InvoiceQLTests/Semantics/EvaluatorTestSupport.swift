import TestSupport
import Testing

@testable import InvoiceQL
@testable import InvoiceQLImport
@testable import InvoiceQLJSON
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSavedSearches
@testable import InvoiceQLSemantics
@testable import InvoiceQLStreaming
@testable import InvoiceQLSyntax

/// Small builders for hand-made bound expressions and invoices.
enum Build {
  static func field(_ dotted: String, _ type: FieldType) -> BoundField {
    BoundField(path: dotted.split(separator: ".").map(String.init), type: type, name: dotted)
  }
  static func cmp(_ dotted: String, _ type: FieldType, _ op: ComparisonOperator, _ v: Value)
    -> BoundExpression
  {
    .predicate(.compare(field(dotted, type), op, v))
  }
  static func dec(_ s: String) -> Value {
    guard let d = ExactDecimal(json: s) else {
      Issue.record("bad decimal \(s)")
      return .decimal(.zero)
    }
    return .decimal(d)
  }
  static func date(_ s: String) -> Value {
    guard let d = DateTimeText.date(s) else {
      Issue.record("bad date \(s)")
      return .date(CivilDate(daysSinceEpoch: 0))
    }
    return .date(d)
  }
  static func instant(_ s: String) -> Value {
    guard let dt = DateTimeText.dateTime(s) else {
      Issue.record("bad datetime \(s)")
      return .instant(Instant(seconds: 0, fraction: ""))
    }
    return .instant(Instant(dt))
  }
  static func json(_ text: String) -> JSONValue {
    do { return try JSONValue(parsing: text) } catch {
      Issue.record("bad JSON: \(error)")
      return .null
    }
  }
}

// SplitMix64 (seeded, reproducible) is the shared one in Tests/InvoiceQLTests/Support/SplitMix64.swift.
