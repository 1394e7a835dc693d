/// `invoiceql import`: a provider's native filter lifted back into a query, so searches saved as
/// URLs or request bodies can be migrated.
///
/// The result names fields canonically where a canonical name maps to the native field, keeps the
/// provider's own values as written, and carries every doubt as a diagnostic with a range in the
/// native text: a warning where the query is broader than the native filter (an operator whose
/// meaning is undocumented is left out, never guessed), an error where nothing sound can be built.
public enum NativeImport {
  /// What importing produced.
  public struct Result: Sendable, Hashable {
    /// The query; nil when there are errors.
    public var query: Query?
    /// Errors and warnings, in the order found; ranges point into `native`.
    public var diagnostics: [Diagnostic]
    public var native: String

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity != .error } }
  }

  /// The providers whose native filters can be imported, and the form each takes.
  public static let forms: [String: String] = [
    "elevate": "a query string: dueDate=lt:2025-05-01&paymentStatus=in:PAID,UNPAID",
    "wethod": "a query string: issue_date=gt:2024-01-01&project_id=7",
    "rhythm": "a query string: includeAllInvoices=true&fields=id,total",
    "softwareone": "an RQL expression: and(eq(status,Issued),lt(erpData.invoiceTotal,100))",
    "roadsync":
      "a JSON body: {\"filters\": [{\"field\": \"invoiceids\", \"type\": \"list\", \"value\": \"a,b\"}]}",
  ]

  /// Imports `native`, a filter of the provider `catalog` describes.
  public static func importFilter(_ native: String, catalog: FieldCatalog) -> Result {
    var ctx = ImportContext(catalog: catalog, native: native)
    var filter: Expression?
    var sort: [SortKey] = []
    switch catalog.provider {
    case "elevate": (filter, sort) = QueryStringImport.run(QueryStringImport.elevate, &ctx)
    case "wethod": (filter, sort) = QueryStringImport.run(QueryStringImport.wethod, &ctx)
    case "rhythm": (filter, sort) = QueryStringImport.run(QueryStringImport.rhythm, &ctx)
    case "softwareone": (filter, sort) = RQLImport.run(&ctx)
    case "roadsync": filter = RoadSyncImport.run(&ctx)
    default:
      ctx.error(.importUnknownParameter, "no importer for provider '\(catalog.provider)'", .at(0))
    }
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
