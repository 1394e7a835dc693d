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

/// Builds syntax trees by hand over a source text, each node's range found by its spelling, so binder
/// tests can assert carets before (and independently of) the parser.
struct Src {
  let text: String
  init(_ text: String) { self.text = text }

  /// The byte range of the `nth` occurrence of `s`.
  func range(_ s: String, _ nth: Int = 0) -> SourceRange {
    let bytes = Array(text.utf8)
    let needle = Array(s.utf8)
    var seen = 0
    if needle.count <= bytes.count {
      for start in 0...(bytes.count - needle.count)
      where Array(bytes[start..<(start + needle.count)]) == needle {
        if seen == nth { return SourceRange(start, start + needle.count) }
        seen += 1
      }
    }
    Issue.record("'\(s)' not in '\(text)'")
    return SourceRange(0, 0)
  }

  func path(_ s: String, _ nth: Int = 0) -> FieldPath {
    FieldPath(s.split(separator: ".").map(String.init), range: range(s, nth))
  }
  func word(_ s: String, _ nth: Int = 0) -> Literal { Literal(.word(s), range: range(s, nth)) }
  func string(_ s: String, _ nth: Int = 0) -> Literal { Literal(.string(s), range: range("\"\(s)\"", nth)) }
  func number(_ s: String, _ nth: Int = 0) -> Literal { Literal(.number(s), range: range(s, nth)) }
  func date(_ s: String, _ nth: Int = 0) -> Literal {
    Literal(.date(DateTimeText.date(s) ?? CivilDate(daysSinceEpoch: 0)), range: range(s, nth))
  }
  func dateTime(_ s: String, _ nth: Int = 0) -> Literal {
    guard let dt = DateTimeText.dateTime(s) else {
      Issue.record("bad datetime \(s)")
      return Literal(.boolean(false), range: range(s, nth))
    }
    return Literal(.dateTime(dt), range: range(s, nth))
  }
  func relative(_ s: String, _ r: RelativeDate, _ nth: Int = 0) -> Literal {
    Literal(.relative(r), range: range(s, nth))
  }
  var whole: SourceRange { SourceRange(0, text.utf8.count) }

  func cmp(_ f: FieldPath, _ op: ComparisonOperator, _ v: Literal) -> Expression {
    Expression(.comparison(f, op, v), range: f.range.union(v.range))
  }
  func member(_ f: FieldPath, _ vs: [Literal], negated: Bool = false) -> Expression {
    Expression(.membership(f, vs, negated: negated), range: vs.reduce(f.range) { $0.union($1.range) })
  }
  func and(_ parts: [Expression]) -> Expression {
    Expression(.and(parts), range: parts.dropFirst().reduce(parts[0].range) { $0.union($1.range) })
  }
  func or(_ parts: [Expression]) -> Expression {
    Expression(.or(parts), range: parts.dropFirst().reduce(parts[0].range) { $0.union($1.range) })
  }
  func query(_ e: Expression, sort: [SortKey] = [], limit: Int? = nil) -> Query {
    Query(filter: e, sort: sort, limit: limit.map { Limit(count: $0, range: whole) }, range: whole)
  }
}

enum BinderFixture {
  static let now = Instant(
    DateTimeText.dateTime("2025-05-01T12:00:00Z") ?? CivilDateTime(
      date: CivilDate(daysSinceEpoch: 0), hour: 0, minute: 0, second: 0, offsetSeconds: 0)!)
  static let utc = BindingContext.utc(now: now)

  static func catalog(_ name: String) -> FieldCatalog {
    guard let c = Provider.named(name)?.catalog else {
      Issue.record("no catalog \(name)")
      return FieldCatalog(provider: name, fields: [], canonicalFields: [:], canonicalStatuses: [:])
    }
    return c
  }

  /// Binds and returns the expression, recording an issue on diagnostics.
  static func bind(_ e: Expression, _ provider: String, _ src: Src, context: BindingContext = utc)
    -> BoundExpression?
  {
    do {
      return try Binder.bind(e, catalog: catalog(provider), context: context, source: src.text)
    } catch {
      Issue.record("unexpected diagnostics:\n\(error)")
      return nil
    }
  }

  /// Binds expecting failure and returns the diagnostics.
  static func errors(_ e: Expression, _ provider: String, _ src: Src, context: BindingContext = utc)
    -> [Diagnostic]
  {
    do {
      let bound = try Binder.bind(e, catalog: catalog(provider), context: context, source: src.text)
      Issue.record("expected diagnostics, bound to \(bound)")
      return []
    } catch {
      return error.diagnostics
    }
  }
}
