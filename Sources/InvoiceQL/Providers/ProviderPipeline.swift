import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

extension Provider {
  /// Plans a bound query for this provider (the plans article). Every required setting must be given (all
  /// missing ones are reported at once); settings with a default may be left out.
  /// With `fields`, each match holds just those (the plans article "Projection").
  package func plan(_ query: BoundQuery, settings: [String: String], fields: FieldSelection? = nil)
    throws(PlanningError) -> Plan
  {
    let resolved = resolvedSettings(settings)
    let missing = requiredSettings.filter { (resolved[$0] ?? "").isEmpty }
    if let first = missing.first {
      let flags = missing.map { "--set \($0)=…" }.joined(separator: " ")
      let names = missing.map { "'\($0)'" }.joined(separator: ", ")
      throw PlanningError(
        missing.count == 1
          ? "provider '\(name)' needs the setting '\(first)' (--set \(first)=… or :set \(first)=…)"
          : "provider '\(name)' needs the settings \(names) (\(flags), or :set in the REPL)",
        missingSettings: missing)
    }
    return try Planner.plan(query, dialect: dialect, catalog: catalog, settings: resolved, fields: fields)
  }
}

extension Provider {
  /// A streaming filter over this provider's response bodies, checking `filter` on every invoice and
  /// also reading `paths` (sort keys) for each match; with `fields`, each match holds just those.
  package func responseFilter(
    _ filter: BoundExpression, alsoReading paths: [[String]] = [],
    maxItemBytes: Int = ResponseFilter.defaultMaxItemBytes, fields: FieldSelection? = nil
  ) -> ResponseFilter {
    // A sort key read through an encoding (minor units) needs its currency too.
    ResponseFilter(
      envelope: envelope, filter: filter, alsoReading: paths + paths.flatMap(catalog.dependencies(of:)),
      maxItemBytes: maxItemBytes, fields: fields)
  }

  /// Lifts one of this provider's native filters back into a query.
  package func importFilter(_ native: String) -> NativeImport.Result {
    NativeImport.importFilter(native, importer: importer, catalog: catalog)
  }
}
