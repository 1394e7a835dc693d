/// A problem found in a query, as data: what kind, where, and how to fix it.
///
/// Every stage (lexer, parser, binder, planner, importer) reports through this one type;
/// rendering to text happens only at the edge (`render(source:)`).
public struct Diagnostic: Error, Sendable, Hashable, Codable {
  public enum Severity: String, Sendable, Hashable, Codable {
    case error, warning, note
  }

  /// A replacement that fixes the problem: put `replacement` where `range` is.
  public struct FixIt: Sendable, Hashable, Codable {
    public var range: SourceRange
    public var replacement: String
    public init(range: SourceRange, replacement: String) {
      self.range = range
      self.replacement = replacement
    }
  }

  public var severity: Severity
  /// A stable, machine-readable name for the kind of problem (`unterminated-string`, `unknown-field`).
  public var kind: Kind
  /// One line, lowercase start, no final period: `unknown field 'dueDat'`.
  public var message: String
  /// Where in the source; an empty range marks a position ("expected ')' here").
  public var range: SourceRange
  /// Suggestions, each rendered as `= help: …`.
  public var help: [String]
  /// Machine-applicable edits.
  public var fixIts: [FixIt]

  package init(
    _ severity: Severity = .error, kind: Kind, message: String, range: SourceRange,
    help: [String] = [], fixIts: [FixIt] = []
  ) {
    self.severity = severity
    self.kind = kind
    self.message = message
    self.range = range
    self.help = help
    self.fixIts = fixIts
  }

  /// The kind of a diagnostic. An open set: each stage declares its own kinds in an extension.
  public struct Kind: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
  }
}

/// One or more diagnostics, thrown by the APIs that stop at the first stage with errors.
package struct DiagnosticError: Error, Sendable, Hashable, CustomStringConvertible {
  package var source: String
  package var diagnostics: [Diagnostic]
  package init(source: String, diagnostics: [Diagnostic]) {
    self.source = source
    self.diagnostics = diagnostics
  }
  package var description: String {
    diagnostics.map { $0.render(source: source) }.joined(separator: "\n")
  }
}
