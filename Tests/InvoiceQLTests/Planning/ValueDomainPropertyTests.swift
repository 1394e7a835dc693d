import Testing

@testable import InvoiceQLPlanning
@testable import InvoiceQLSemantics
@testable import InvoiceQLSyntax

/// The domain algebra builds its usual domains (one comparison, one value, at most one range each)
/// without normalising them; these say that changes nothing: the result is the one the general
/// construction gives, witness included.
@Suite struct ValueDomainPropertyTests {
  static let numbers = ["-1", "0", "1", "1.0", "2", "2.5", "3"].map(B.dec)
  static let days = ["2025-01-01", "2025-01-02", "2025-01-03", "2025-02-01"].map(B.day)
  static let strings: [Value] = ["", "a", "A", "b", "é", "e\u{301}"].map(Value.string)

  /// Every domain a predicate on `type` over `values` makes.
  static func domains(_ values: [Value], _ type: FieldType) -> [ValueDomain] {
    var out: [ValueDomain] = []
    for v in values {
      for op in ComparisonOperator.allCases { out.append(.comparison(op, v, type: type)) }
      out.append(.membership([v], negated: false, type: type))
      out.append(.membership([v], negated: true, type: type))
    }
    for (v, w) in zip(values, values.dropFirst()) {
      out.append(.membership([v, w], negated: false, type: type))
      out.append(.membership([w, v, w], negated: true, type: type))
    }
    out += [.null(negated: false, type: type), .null(negated: true, type: type)]
    out += [.none(discreteDays: type == .date), .allValues(discreteDays: type == .date)]
    return out
  }

  static let cases: [([Value], FieldType)] = [(numbers, .decimal), (days, .date), (strings, .string)]

  /// One comparison's or one value's domain (whose witness is its value, the first bound's).
  @Test func aComparisonsOrOneValuesDomainIsAlreadyAsNormalisingWouldMakeIt() {
    for (values, type) in Self.cases {
      let single = values.flatMap { v in
        ComparisonOperator.allCases.map { ValueDomain.comparison($0, v, type: type) }
          + [.membership([v], negated: false, type: type)]
      }
      for d in single {
        let normalised = ValueDomain(
          ranges: d.ranges, includesNull: d.includesNull, includesUnreadable: d.includesUnreadable,
          discreteDays: d.discreteDays)
        #expect(normalised == d, "\(d)")
      }
    }
  }

  @Test func intersectingOneRangeEachEqualsIntersectingEveryPairOfRanges() {
    for (values, type) in Self.cases {
      let all = Self.domains(values, type)
      var checked = 0
      for a in all {
        for b in all {
          // Intersections of intersections too: empty and shrunken ranges, witnesses carried on.
          for (x, y) in [(a, b), (a.intersection(b), b), (a.union(b), a)] {
            let quick = x.intersection(y)
            let long = x.intersectingEveryRange(y)
            #expect(quick == long, "\(x) ∩ \(y)")
            if quick != long { return }
            checked += 1
          }
        }
      }
      #expect(checked == all.count * all.count * 3)
    }
  }
}
