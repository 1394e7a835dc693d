enum QueryReading {
  static func parse(_ text: String) -> Result<Query, DiagnosticError> {
    .failure(DiagnosticError(source: text, diagnostics: [Diagnostic(kind: .init("x"), message: "no parser", range: .at(0))]))
  }
}
