import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// `invoiceql import`: a provider's native filter lifted back into a query, so searches saved as
/// URLs or request bodies can be migrated.
///
/// The result names fields canonically where a canonical name maps to the native field, keeps the
/// provider's own values as written, and carries every doubt as a diagnostic with a range in the
/// native text: a warning where the query is broader than the native filter (an operator whose
/// meaning is undocumented is left out, never guessed), an error where nothing sound can be built.
package enum NativeImport {
  /// What importing produced.
  package struct Result: Sendable, Hashable {
    /// The query; nil when there are errors.
    package var query: Query?
    /// Errors and warnings, in the order found; ranges point into `native`.
    package var diagnostics: [Diagnostic]
    package var native: String

    package var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    package var warnings: [Diagnostic] { diagnostics.filter { $0.severity != .error } }
  }

  /// Imports `native`, a filter in `importer`'s form over the fields of `catalog`.
  package static func importFilter(_ native: String, importer: NativeImporter, catalog: FieldCatalog)
    -> Result
  {
    var ctx = ImportContext(catalog: catalog, native: native, temporal: importer.temporal)
    let (filter, sort) = importer.run(&ctx)
    if filter == nil && !ctx.diagnostics.contains(where: { $0.severity == .error }) {
      ctx.error(
        .importMatchesEverything,
        "nothing to import: this \(catalog.provider) filter has no condition a query can state", .at(0),
        help: ["the native request returns every invoice; a query needs at least one condition"])
    }
    guard let filter, !ctx.diagnostics.contains(where: { $0.severity == .error }) else {
      return Result(query: nil, diagnostics: ctx.diagnostics, native: native)
    }
    let query = Query(filter: filter, sort: sort, limit: nil, range: ImportContext.nowhere)
    // The importers check each value against the catalog; should one slip through, a query that
    // does not bind is an error here, never a successful import that `check` then rejects.
    let context = BindingContext.utc(now: Instant(seconds: 0, fraction: ""))
    do {
      _ = try Binder.bind(query, catalog: catalog, context: context)
    } catch {
      for d in error.diagnostics where d.severity == .error {
        ctx.error(
          .importBadValue, "the imported query is not valid: \(d.message)", SourceRange(0, native.utf8.count))
      }
      return Result(query: nil, diagnostics: ctx.diagnostics, native: native)
    }
    return Result(query: query, diagnostics: ctx.diagnostics, native: native)
  }
}

extension Diagnostic.Kind {
  /// The native filter has no condition at all.
  public static let importMatchesEverything = Diagnostic.Kind("import-matches-everything")
}

/// How one provider's native filters are read back into a query.
package struct NativeImporter: Sendable {
  /// The form the native filter takes, with an example (for help texts).
  package let form: String
  /// How the server reads date and time values.
  let temporal: TemporalPolicy
  let run: @Sendable (inout ImportContext) -> (Expression?, [SortKey])

  package init(
    form: String, temporal: TemporalPolicy = TemporalPolicy(),
    run: @escaping @Sendable (inout ImportContext) -> (Expression?, [SortKey])
  ) {
    self.form = form
    self.temporal = temporal
    self.run = run
  }

  /// An importer of a query-string filter described by `dialect`.
  package static func queryString(
    form: String, temporal: TemporalPolicy = TemporalPolicy(), _ dialect: QueryStringImport.Dialect
  ) -> NativeImporter {
    NativeImporter(form: form, temporal: temporal) { ctx in QueryStringImport.run(dialect, &ctx) }
  }
}
