import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

/// A total order over constant values, used only by the domain algebra.
///
/// Its equality must never be finer than the evaluator's: two constants a datum could both equal must
/// share a key, or `f = a and f = b` would be a false contradiction. Strings compare by their UTF-8 bytes
/// (the order of Unicode scalars, no normalisation, as the language reference compares them); numbers, and strings
/// spelled as JSON numbers (only for numeric ids, which take no ordering), as exact decimals.
package enum OrderKey: Sendable, Hashable, Comparable {
  case boolean(Bool)
  case number(ExactDecimal)
  case day(Int)
  case instant(Instant)
  case text([UInt8])

  /// The key of `v` as a constant compared with a field of type `type`.
  package init(_ v: Value, fieldType type: FieldType) {
    switch v {
    case .boolean(let b): self = .boolean(b)
    case .decimal(let d): self = .number(d)
    case .date(let d): self = .day(d.daysSinceEpoch)
    case .instant(let i): self = .instant(i)
    case .string(let s):
      // Matched, not compared with `==`: that went through FieldType's witness table.
      if case .id(numeric: true) = type, let d = ExactDecimal(json: s) {
        self = .number(d)
      } else {
        self = .text(Array(s.utf8))
      }
    }
  }

  private var rank: Int {
    switch self {
    case .boolean: 0
    case .number: 1
    case .day: 2
    case .instant: 3
    case .text: 4
    }
  }

  package static func < (a: OrderKey, b: OrderKey) -> Bool {
    switch (a, b) {
    case (.boolean(let x), .boolean(let y)): return !x && y
    case (.number(let x), .number(let y)): return x < y
    case (.day(let x), .day(let y)): return x < y
    case (.instant(let x), .instant(let y)): return x < y
    case (.text(let x), .text(let y)): return x.lexicographicallyPrecedes(y)
    default: return a.rank < b.rank
    }
  }
}

/// A constant with its order key, behind one reference: it is copied into both bounds of a point,
/// and into every range and domain the algebra builds from it, and copying a reference is one retain
/// (copying a `Value` and an `OrderKey` is a switch on each one's case and a retain for each payload).
final class OrderedValue: Sendable {
  let value: Value
  let key: OrderKey
  init(_ value: Value, _ type: FieldType) {
    self.value = value
    self.key = OrderKey(value, fieldType: type)
  }
}
