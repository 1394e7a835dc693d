import InvoiceQLJSON
import InvoiceQLSyntax

extension BindingSession {
  /// The provider values a query value stands for in an enum field (the language reference, §3): the provider's own
  /// value matched case-insensitively, else (for the invoice's status field) a canonical status, which may map
  /// to several values. Records a diagnostic and returns nil for an unknown or unmapped value.
  ///
  /// `spellings`, when given, must be `field`'s values looked up by spelling (the resolution's): a
  /// value it finds is what the steps below find, without comparing against every known value.
  mutating func enumValues(
    _ lit: Literal, for field: BoundField, isStatus: Bool, spellings: EnumSpellings? = nil
  ) -> [String]? {
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
      if let spellings, let values = spellings.values(for: s) { return values }
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

/// An enum field's values by spelling: what `BindingSession.enumValues` finds for a written value,
/// told by lookups in hashed tables instead of a comparison with every known value (Stripe's
/// currency has over a hundred) and every canonical status.
///
/// Only for fields whose values are all ASCII, and only for ASCII spellings: there `==` is equality
/// of the bytes, and `equalsFolded` equality of `lowercased()` bytes, so the first known value equal
/// to the written one once folded is the one kept under its folded spelling (the first kept wins),
/// and likewise for the canonical statuses (all ASCII). Anything else is left to `enumValues`.
final class EnumSpellings: Sendable {
  /// Each known value, as it is spelled, with itself.
  private let exact: SpellingTable<[String]>
  /// Each known value's `lowercased()` spelling with the first known value that has it.
  private let folded: SpellingTable<[String]>
  /// For the status field, each canonical status's `lowercased()` spelling with the values it
  /// stands for, when there are any (when not, `enumValues` reports it).
  private let canonical: SpellingTable<[String]>

  /// Nil when a known value is not ASCII.
  init?(known: [String], isStatus: Bool, canonicalStatuses: [String: [String]]) {
    guard known.allSatisfy({ Self.isASCII($0) }) else { return nil }
    // In the known values' order: a table finds a spelling given twice with its first entry.
    let lowered = known.map { $0.lowercased() }
    var canonicalKeys: [String] = []
    var canonicalValues: [[String]] = []
    if isStatus {
      // The first status of each folded spelling is the one `enumValues` finds.
      var seenStatus: [String] = []
      for status in CanonicalVocabulary.statusValues where !seenStatus.contains(status.lowercased()) {
        seenStatus.append(status.lowercased())
        if let values = canonicalStatuses[status], !values.isEmpty {
          canonicalKeys.append(status.lowercased())
          canonicalValues.append(values)
        }
      }
    }
    self.exact = SpellingTable(keys: known, entries: known.map { [$0] })
    self.folded = SpellingTable(keys: lowered, entries: known.map { [$0] })
    self.canonical = SpellingTable(keys: canonicalKeys, entries: canonicalValues)
  }

  /// The values `written` stands for, or nil when it is none of them, a canonical status the
  /// provider lacks, or not ASCII: then `enumValues` works it out and reports why.
  func values(for written: String) -> [String]? {
    guard Self.isASCII(written) else { return nil }
    if let values = exact.entry(for: written) { return values }
    let lowered = written.lowercased()
    return folded.entry(for: lowered) ?? canonical.entry(for: lowered)
  }

  private static func isASCII(_ s: String) -> Bool {
    var text = s
    return text.withUTF8 { bytes in bytes.allSatisfy { $0 < 0x80 } }
  }
}
