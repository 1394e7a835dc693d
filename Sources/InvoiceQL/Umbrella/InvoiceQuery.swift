import InvoiceQLImport
import InvoiceQLPlanning
import InvoiceQLProviders
import InvoiceQLSemantics
import InvoiceQLSyntax

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A query in the InvoiceQL language, parsed:
///
///     let query = try InvoiceQuery("status in (open, paid) and dueDate < 2025-05-01")
///     let plan = try query.plan(for: .elevate)
///
/// Parsing checks the syntax only; the field names and values are checked against a provider when
/// the query is planned, checked or used to filter (``check(for:now:timeZone:)``). Relative dates
/// (`today-30d`, `now-2h`) are resolved then too, against the given clock and time zone.
public struct InvoiceQuery: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The text as written.
  public let text: String
  package let syntax: Query

  /// Parses `text`; throws a ``QueryError`` of kind ``QueryError/Kind/syntax`` with every problem
  /// found.
  public init(_ text: String) throws(QueryError) {
    do throws(DiagnosticError) {
      syntax = try Parser.parse(text)
    } catch {
      throw QueryError(.syntax, error)
    }
    self.text = text
  }

  package init(syntax: Query) {
    self.syntax = syntax
    self.text = Formatter.format(syntax)
  }

  /// The canonical form: one space between tokens, keywords in lower case, redundant parentheses
  /// removed. Formatting it again gives it back unchanged.
  public var canonicalText: String { Formatter.format(syntax) }

  /// The canonical form.
  public var description: String { canonicalText }

  /// The UTC zone, the default wherever a query is bound.
  public static let utc: TimeZone = BindingContext.utcZone

  /// Checks the query against `provider`'s fields: every name known, every value of its field's
  /// type. Throws a ``QueryError`` of kind ``QueryError/Kind/semantics`` listing every problem.
  public func check(for provider: Provider, now: Date = Date(), timeZone: TimeZone = utc) throws(QueryError) {
    _ = try bound(for: provider, now: now, timeZone: timeZone)
  }

  /// Plans the query for `provider`: the native requests that push what the server surely applies,
  /// and the residual the client checks. `settings` fill the provider's required settings
  /// (``Provider/settings``); all missing ones are reported at once.
  public func plan(
    for provider: Provider, settings: [String: String] = [:], now: Date = Date(), timeZone: TimeZone = utc
  ) throws(QueryError) -> QueryPlan {
    let bound = try bound(for: provider, now: now, timeZone: timeZone)
    do throws(PlanningError) {
      return QueryPlan(try provider.plan(bound, settings: settings), timeZone: timeZone)
    } catch {
      throw QueryError(error, source: text)
    }
  }

  /// The query bound to `provider`'s catalog.
  package func bound(for provider: Provider, now: Date, timeZone: TimeZone) throws(QueryError) -> BoundQuery {
    try bound(for: provider, context: BindingContext(now: Instant(now), timeZone: timeZone))
  }

  /// The query bound to `provider`'s catalog in `context`.
  package func bound(for provider: Provider, context: BindingContext) throws(QueryError) -> BoundQuery {
    do throws(DiagnosticError) {
      return try Binder.bind(syntax, catalog: provider.catalog, context: context, source: text)
    } catch {
      throw QueryError(.semantics, error)
    }
  }

  /// Lifts one of `provider`'s native filters — a query string (`dueDate=lt:2025-05-01&status=in:a,b`),
  /// an RQL expression or a JSON filter body, as saved in a URL or a request — back into a query.
  /// What the query cannot state exactly is a warning of the result, or an error.
  public static func importing(_ native: String, from provider: Provider) throws(QueryError) -> ImportedQuery
  {
    let result = provider.importFilter(native)
    guard let query = result.query, result.errors.isEmpty else {
      throw QueryError(kind: .importFailed, source: native, diagnostics: result.diagnostics)
    }
    return ImportedQuery(query: InvoiceQuery(syntax: query), warnings: result.warnings, native: native)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    do {
      try self.init(text)
    } catch {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
    }
  }

  /// Encodes the text as written, one string.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(text)
  }

  public static func == (a: InvoiceQuery, b: InvoiceQuery) -> Bool { a.text == b.text }
  public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}

/// A native filter lifted back into a query, with what could not be carried exactly.
public struct ImportedQuery: Sendable, Hashable {
  /// The query, in canonical form.
  public var query: InvoiceQuery
  /// Conditions the query states only approximately or leaves out; ranges point into ``native``.
  public var warnings: [Diagnostic]
  /// The native filter as given.
  public var native: String
}
