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
