import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLProviders
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// `rewrite --to P`: moves a query from its provider's vocabulary to provider P's.
///
/// Fields are written by their canonical names where one maps to the field on both providers;
/// a provider-specific field is kept only when P has the same field. Status values move through
/// the canonical statuses: a provider's own value goes over only when it is the *whole* of one
/// canonical status (elevate's `PAID` is `paid`; `UNPAID` is only part of `open`, so it cannot).
/// Whatever P lacks is an error naming the field or value and P — never a guess. The changes are
/// splices of names and values, so the rest of the query keeps its text.
enum Retargeting {
  struct Moved {
    var text: String
    var warnings: [String]
  }

  static func retarget(_ query: Query, source: String, from: String?, to target: String)
    -> Result<Moved, DiagnosticError>
  {
    guard let targetCatalog = SavedSearchProviders.catalog(target) else {
      return .failure(
        DiagnosticError(
          source: source,
          diagnostics: [
            Diagnostic(kind: .retargetUnknownProvider, message: "unknown provider '\(target)'", range: .at(0))
          ]))
    }
    var sourceCatalog: FieldCatalog?
    if let from {
      guard let c = SavedSearchProviders.catalog(from) else {
        return .failure(
          DiagnosticError(
            source: source,
            diagnostics: [
              Diagnostic(
                kind: .retargetUnknownProvider,
                message: "the search's provider '\(from)' is unknown; cannot tell what its fields mean",
                range: .at(0), help: ["known providers: " + Provider.names.joined(separator: ", ")])
            ]))
      }
      sourceCatalog = c
    }
    var mover = Mover(source: sourceCatalog, target: targetCatalog)
    mover.walk(query.filter, scope: nil)
    for key in query.sort { _ = mover.field(key.field, scope: nil) }
    guard mover.diagnostics.isEmpty else {
      return .failure(DiagnosticError(source: source, diagnostics: mover.diagnostics))
    }
    return .success(Moved(text: QueryText.splice(source, mover.edits), warnings: mover.warnings))
  }

  /// A field resolved on both sides: where it is, and whether it is the status field.
  struct Resolved {
    var sourcePath: [String]
    var targetPath: [String]
    var isStatus: Bool
  }

  struct Mover {
    let source: FieldCatalog?
    let target: FieldCatalog
    var edits: [(SourceRange, String)] = []
    var diagnostics: [Diagnostic] = []
    var warnings: [String] = []

    private func sourceName(_ s: FieldCatalog?) -> String { s?.provider ?? "a search without a provider" }

    mutating func fail(_ message: String, _ range: SourceRange, help: [String] = []) {
      diagnostics.append(Diagnostic(kind: .retargetCannotCarry, message: message, range: range, help: help))
    }

    /// Resolves a field and records its new spelling; nil (with a diagnostic) when P cannot have it.
    mutating func field(_ f: FieldPath, scope: Resolved?) -> Resolved? {
      let name = f.description
      if let scope {
        let sourcePath = scope.sourcePath + f.components
        let targetPath = scope.targetPath + f.components
        if let s = source, s.field(at: sourcePath) == nil {
          fail("unknown field '\(name)' in '\(QueryText.path(scope.sourcePath))' on \(s.provider)", f.range)
          return nil
        }
        guard let t = target.field(at: targetPath) else {
          fail("\(target.provider) has no field '\(QueryText.path(targetPath))'", f.range)
          return nil
        }
        checkType(source?.field(at: sourcePath)?.type, t.type, name, f.range)
        return Resolved(sourcePath: sourcePath, targetPath: targetPath, isStatus: false)
      }
      // the language reference: a name resolves first against the canonical vocabulary, then the provider's own.
      var canonical: String?
      var sourcePath: [String]
      if CanonicalVocabulary.fieldNames.contains(name) {
        canonical = name
        if let s = source {
          guard let p = s.canonicalFields[name] else {
            fail("\(s.provider) has no field '\(name)'", f.range)
            return nil
          }
          sourcePath = p
        } else {
          sourcePath = [name]
        }
      } else if let s = source {
        guard s.field(at: f.components) != nil else {
          fail("unknown field '\(name)' on \(s.provider)", f.range)
          return nil
        }
        sourcePath = f.components
        // Only a canonical name that reads the field as its own name does (stripe's `amount_remaining`
        // is minor units, its canonical `balance` the decimal amount).
        canonical = s.canonicalSynonym(for: f.components)
      } else {
        fail(
          "'\(name)' is not a canonical field, and the search names no provider to read it in", f.range,
          help: ["add a \"provider\" member to the saved search"])
        return nil
      }
      let isStatus = canonical == CanonicalVocabulary.statusField
      if let canonical {
        guard let targetPath = target.canonicalFields[canonical] else {
          fail(
            "\(target.provider) has no field '\(canonical)'"
              + (canonical == name ? "" : " (what '\(name)' is on \(sourceName(source)))"), f.range)
          return nil
        }
        if canonical != name { edits.append((f.range, canonical)) }
        let sourceType = source.flatMap { $0.field(at: sourcePath)?.type }
        if !CanonicalVocabulary.dateFields.contains(canonical), let t = target.field(at: targetPath) {
          checkType(sourceType, t.type, canonical, f.range)
        }
        return Resolved(sourcePath: sourcePath, targetPath: targetPath, isStatus: isStatus)
      }
      guard let t = target.field(at: sourcePath) else {
        fail(
          "\(target.provider) has no field '\(name)', and '\(name)' has no canonical name on \(sourceName(source))",
          f.range)
        return nil
      }
      checkType(source?.field(at: sourcePath)?.type, t.type, name, f.range)
      return Resolved(sourcePath: sourcePath, targetPath: sourcePath, isStatus: false)
    }

    private mutating func checkType(_ a: FieldType?, _ b: FieldType, _ name: String, _ range: SourceRange) {
      guard let a else { return }
      switch (a, b) {
      case (.enumeration, .enumeration), (.id, .id), (.decimal, .integer), (.integer, .decimal): return
      default:
        if a != b {
          warnings.append(
            "'\(name)' is \(ImportContext.describe(a)) on \(sourceName(source)) but "
              + "\(ImportContext.describe(b)) on \(target.provider); comparisons may behave differently")
        }
      }
    }

    /// Moves one enum value; returns false (with a diagnostic) when P cannot express it.
    mutating func value(_ v: Literal, _ field: Resolved) {
      let text: String
      switch v.kind {
      case .word(let s), .string(let s): text = s
      default: return
      }
      guard case .enumeration(let targetValues) = target.field(at: field.targetPath)?.type else { return }
      let folded = text.lowercased()
      func targetHas(_ s: String) -> Bool { targetValues.contains { $0.lowercased() == s.lowercased() } }
      if field.isStatus, let c = CanonicalVocabulary.statusValues.first(where: { $0.lowercased() == folded })
      {
        if target.canonicalStatuses[c]?.isEmpty == false {
          if c != text { edits.append((v.range, c)) }
          return
        }
        fail(
          "\(target.provider) has no status '\(c)'", v.range,
          help: ["\(target.provider)'s statuses: " + targetValues.joined(separator: ", ")])
        return
      }
      if field.isStatus, let s = source {
        // A provider value that is the whole of one canonical status moves as that status; one that
        // is only part of one (elevate's UNPAID of open) cannot move, whatever P spells alike.
        let owners = CanonicalVocabulary.statusValues.filter { name in
          (s.canonicalStatuses[name] ?? []).contains { $0.lowercased() == folded }
        }
        if let c = owners.first {
          if (s.canonicalStatuses[c] ?? []).count == 1, target.canonicalStatuses[c]?.isEmpty == false {
            edits.append((v.range, c))
            return
          }
          fail(
            "\(target.provider) has no value for '\(text)', which is "
              + ((s.canonicalStatuses[c] ?? []).count == 1 ? "'\(c)'" : "only part of '\(c)'")
              + " on \(s.provider)",
            v.range, help: ["\(target.provider)'s statuses: " + targetValues.joined(separator: ", ")])
          return
        }
        // No canonical status holds it: what it means on P is unknown, however P spells its own
        // (roadsync's `sent` is not wethod's `sent`, which is `open`).
        fail(
          "'\(text)' is no canonical status on \(s.provider), so what it means on \(target.provider) is unknown",
          v.range, help: ["\(target.provider)'s statuses: " + targetValues.joined(separator: ", ")])
        return
      }
      if targetHas(text) { return }
      fail(
        "\(target.provider) has no value '\(text)' for '\(QueryText.path(field.targetPath))'", v.range,
        help: ["\(target.provider)'s values: " + targetValues.joined(separator: ", ")])
    }

    /// A list of the source's status values that is exactly the union of some canonical statuses
    /// P has (elevate's `UNPAID, PARTIALLY_PAID` is `open`), as those canonical names; nil otherwise.
    func canonicalCover(_ values: [Literal]) -> [String]? {
      guard let s = source else { return nil }
      var folded: Set<String> = []
      for v in values {
        switch v.kind {
        case .word(let t), .string(let t): folded.insert(t.lowercased())
        default: return nil
        }
      }
      var cover: [String] = []
      var covered: Set<String> = []
      var needsCover = false
      for c in CanonicalVocabulary.statusValues {
        let mapped = Set((s.canonicalStatuses[c] ?? []).map { $0.lowercased() })
        if folded.contains(c.lowercased()) {
          cover.append(c)
          covered.insert(c.lowercased())
          covered.formUnion(mapped)
        } else if !mapped.isEmpty && mapped.isSubset(of: folded) {
          cover.append(c)
          covered.formUnion(mapped)
          needsCover = needsCover || mapped.count > 1
        }
      }
      guard needsCover, folded.isSubset(of: covered),
        cover.allSatisfy({ target.canonicalStatuses[$0]?.isEmpty == false })
      else { return nil }
      return cover
    }

    mutating func walk(_ e: Expression, scope: Resolved?) {
      switch e.kind {
      case .and(let xs), .or(let xs): for x in xs { walk(x, scope: scope) }
      case .not(let x): walk(x, scope: scope)
      case .comparison(let f, _, let v):
        if let r = field(f, scope: scope) { value(v, r) }
      case .membership(let f, let vs, _):
        guard let r = field(f, scope: scope) else { return }
        if r.isStatus, let cover = canonicalCover(vs), let first = vs.first, let last = vs.last {
          edits.append((first.range.union(last.range), cover.joined(separator: ", ")))
        } else {
          for v in vs { value(v, r) }
        }
      case .between(let f, _, _), .isNull(let f, _), .text(let f, _, _):
        _ = field(f, scope: scope)
      case .quantified(_, let f, let body):
        if let r = field(f, scope: scope) { walk(body, scope: r) }
      }
    }
  }
}

extension Diagnostic.Kind {
  /// `rewrite --to P`: a field or value P does not have.
  public static let retargetCannotCarry = Diagnostic.Kind("retarget-cannot-carry")
  /// `rewrite --to P` with a provider name nobody knows.
  public static let retargetUnknownProvider = Diagnostic.Kind("retarget-unknown-provider")
}
