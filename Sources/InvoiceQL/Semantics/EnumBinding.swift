import InvoiceQLJSON
import InvoiceQLSyntax

extension BindingSession {
  /// The provider values a query value stands for in an enum field (the language reference, §3): the provider's own
  /// value matched case-insensitively, else (for the invoice's status field) a canonical status, which may map
  /// to several values. Records a diagnostic and returns nil for an unknown or unmapped value.
  mutating func enumValues(_ lit: Literal, for field: BoundField, isStatus: Bool) -> [String]? {
    guard case .enumeration(let known) = field.type else { return nil }
    let written: String
    switch lit.kind {
    case .string(let s), .word(let s), .number(let s):
      if case .word = lit.kind, s.equalsFolded("null") {
        report(
          .nullComparison, "'null' is not a value to compare with", lit.range,
          help: ["to test for a missing value write '\(field.name) is null' (or 'is not null')"])
        return nil
      }
      written = s
    default:
      report(
        .typeMismatch, "cannot compare enum field '\(field.name)' with \(describe(lit))", lit.range,
        help: ["valid values: " + known.map(quoteIfNeeded).joined(separator: ", ")])
      return nil
    }
    if known.contains(written) { return [written] }
    if let match = known.first(where: { $0.equalsFolded(written) }) { return [match] }
    if isStatus, let canonical = CanonicalVocabulary.statusValues.first(where: { $0.equalsFolded(written) }) {
      let mapped = catalog.canonicalStatuses[canonical] ?? []
      if !mapped.isEmpty { return mapped }
      report(
        .statusNotOnProvider, "status '\(canonical)' has no equivalent on \(catalog.provider)", lit.range,
        help: ["\(catalog.provider) statuses: " + known.map(quoteIfNeeded).joined(separator: ", ")])
      return nil
    }
    var candidates = known
    if isStatus {
      candidates += CanonicalVocabulary.statusValues.filter { !(catalog.canonicalStatuses[$0] ?? []).isEmpty }
    }
    var help: [String] = []
    if let near = Suggestions.closest(to: written, in: candidates) {
      help.append("did you mean '\(near)'?")
    }
    help.append("valid values: " + known.map(quoteIfNeeded).joined(separator: ", "))
    if isStatus {
      let canon = CanonicalVocabulary.statusValues.filter { !(catalog.canonicalStatuses[$0] ?? []).isEmpty }
      if !canon.isEmpty { help.append("canonical statuses: " + canon.joined(separator: ", ")) }
    }
    report(
      .unknownValue, "unknown value '\(written)' for '\(field.name)' on \(catalog.provider)", lit.range,
      help: help)
    return nil
  }

  /// A value as the query would write it: bare when it is a plain word, else quoted.
  func quoteIfNeeded(_ v: String) -> String {
    let plain =
      !v.isEmpty
      && v.unicodeScalars.allSatisfy { ($0.properties.isAlphabetic || $0 == "_") || ("0"..."9").contains($0) }
      && !("0"..."9").contains(v.unicodeScalars.first ?? "0")
    if plain { return v }
    var out = "\""
    for c in v.unicodeScalars {
      if c == "\"" || c == "\\" { out += "\\" }
      out.unicodeScalars.append(c)
    }
    return out + "\""
  }
}
