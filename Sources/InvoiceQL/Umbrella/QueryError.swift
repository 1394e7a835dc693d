import InvoiceQLPlanning
import InvoiceQLSyntax

/// Why a query could not be used: it does not parse, does not fit the provider's fields, cannot be
/// planned (a provider setting is missing), or a native filter could not be imported.
///
/// Every stage reports the same way: ``diagnostics`` keep each problem's kind, its range in
/// ``source`` and its help lines, and ``description`` renders them with carets, as the command line
/// prints them:
///
///     error: unknown field 'dueDat'
///      | status = open and dueDat < 2025-05-01
///      |                   ^~~~~~
///      = help: did you mean 'dueDate'?
public struct QueryError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The stage that stopped the query. A small set that may grow without breaking a `switch`:
  /// compare with `==`, and read ``QueryError/diagnostics`` for the details.
  public struct Kind: Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable name (`syntax`).
    public let name: String
    private init(_ name: String) { self.name = name }
    public var description: String { name }

    /// The text is not a query: a stray character, an unterminated string, a missing value.
    public static let syntax = Kind("syntax")
    /// The query parses but does not fit the provider: an unknown field, a value of the wrong type.
    public static let semantics = Kind("semantics")
    /// The provider needs settings that were not given (``QueryError/missingSettings``).
    public static let missingSettings = Kind("missing-settings")
    /// The query cannot be planned for the provider for another reason.
    public static let planning = Kind("planning")
    /// A native filter could not be turned back into a query.
    public static let importFailed = Kind("import-failed")
  }

  /// The stage that stopped the query.
  public var kind: Kind
  /// The text the diagnostics' ranges point into: the query, or the native filter being imported.
  public var source: String
  /// Every problem found, in source order (a stage reports all of its problems, not just the first).
  public var diagnostics: [Diagnostic]
  /// For ``Kind/missingSettings``: the names of every missing setting.
  public var missingSettings: [String]

  package init(kind: Kind, source: String, diagnostics: [Diagnostic], missingSettings: [String] = []) {
    self.kind = kind
    self.source = source
    self.diagnostics = diagnostics
    self.missingSettings = missingSettings
  }

  package init(_ kind: Kind, _ error: DiagnosticError) {
    self.init(kind: kind, source: error.source, diagnostics: error.diagnostics)
  }

  package init(_ error: PlanningError, source: String) {
    self.init(
      kind: error.missingSettings.isEmpty ? .planning : .missingSettings, source: source,
      diagnostics: [
        Diagnostic(
          kind: error.missingSettings.isEmpty ? .cannotPlan : .missingSetting, message: error.message,
          range: SourceRange(0, source.utf8.count))
      ], missingSettings: error.missingSettings)
  }

  /// The first error's message, one line without position (`unknown field 'dueDat'`).
  public var message: String {
    (diagnostics.first { $0.severity == .error } ?? diagnostics.first)?.message ?? kind.name
  }

  /// Every diagnostic rendered with its source line, carets and help, as the command line prints it.
  public var description: String {
    diagnostics.map { $0.render(source: source) }.joined(separator: "\n")
  }
}

extension Diagnostic.Kind {
  /// The query cannot be planned for the provider.
  public static let cannotPlan = Diagnostic.Kind("cannot-plan")
  /// A provider setting the plan needs was not given.
  public static let missingSetting = Diagnostic.Kind("missing-setting")
}
