@testable import InvoiceQL
@testable import InvoiceQLImport
@testable import InvoiceQLJSON
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSavedSearches
@testable import InvoiceQLSemantics
@testable import InvoiceQLStreaming
@testable import InvoiceQLSyntax

/// The tests name a provider by its registered name where a case is about one provider; these
/// look the provider up in the registry (``Provider/all``), the only list of providers.
extension Planner {
  static func plan(_ query: BoundQuery, provider name: String, settings: [String: String])
    throws(PlanningError) -> Plan
  {
    guard let provider = Provider.named(name) else { throw PlanningError("unknown provider '\(name)'") }
    return try provider.plan(query, settings: settings)
  }
}

extension NativeImport {
  static func importFilter(_ native: String, catalog: FieldCatalog) -> Result {
    Provider.named(catalog.provider)!.importFilter(native)
  }
}

extension ResponseFilter {
  init?(
    provider name: String, filter: BoundExpression, alsoReading paths: [[String]] = [],
    maxItemBytes: Int = ResponseFilter.defaultMaxItemBytes, evaluator: Evaluator? = nil
  ) {
    guard let provider = Provider.named(name) else { return nil }
    self.init(
      envelope: provider.envelope, filter: filter, alsoReading: paths, maxItemBytes: maxItemBytes,
      evaluator: evaluator)
  }
}

extension NativeImport {
  /// Imports `native` as if its `select=` named every top-level field of the catalog (for tests of
  /// what a condition means; softwareone ignores a condition on a field `select=` leaves out, which
  /// `ImportFuzzRegressionTests` tests).
  static func importFilterSelectingAll(_ native: String, catalog: FieldCatalog) -> Result {
    guard catalog.provider == Provider.softwareone.name, !native.contains("select=") else {
      return importFilter(native, catalog: catalog)
    }
    var roots: [String] = []
    for field in catalog.fields where !roots.contains(field.path[0]) { roots.append(field.path[0]) }
    // Put first, so a malformed filter stays as malformed; diagnostics are moved back onto `native`.
    let prefix = "select=" + roots.map { "%2B" + $0 }.joined(separator: ",") + "&"
    let result = importFilter(prefix + native, catalog: catalog)
    let shift = prefix.utf8.count
    let diagnostics = result.diagnostics.map { d in
      var moved = d
      moved.range = SourceRange(max(d.range.lowerBound - shift, 0), max(d.range.upperBound - shift, 0))
      return moved
    }
    return Result(query: result.query, diagnostics: diagnostics, native: native)
  }
}
