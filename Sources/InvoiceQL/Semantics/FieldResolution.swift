import InvoiceQLJSON
import InvoiceQLSyntax

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A field name resolved in a scope: the arrays the path crosses (each relative to the previous
/// element, outermost first) and the field relative to the innermost element.
///
/// Worked out from the catalog alone (`FieldCatalog.resolution(of:scope:)`), so a catalog keeps the
/// resolutions of its one-word names; the query's zone is applied after (`inZone`).
struct NameResolution: Sendable {
  var arrays: [BoundField] { storage.arrays }
  var field: BoundField { storage.field }
  /// Whether the field is an open map (an object of free keys: `FieldDescriptor.openMapValues`).
  var isOpenMap: Bool { storage.isOpenMap }
  /// The field's path in the catalog (from the invoice).
  var catalogPath: [String] { storage.catalogPath }
  /// Whether the field is the invoice's status field, the one canonical status values apply to.
  var isStatus: Bool { storage.isStatus }
  /// Whether `field` reads Unix seconds as a date, in the query's zone (`inZone`).
  var zoned: Bool { storage.zoned }
  /// For an enum field resolved in the catalog's table of one-word names, its values by spelling
  /// (`EnumSpellings`); nil otherwise.
  var spellings: EnumSpellings? { storage.spellings }

  /// The parts behind one reference: the binder takes a resolution from the catalog's table for
  /// nearly every name it binds, and copying one reference is one retain instead of one for each
  /// of the arrays, the field and the path.
  private let storage: Storage

  private final class Storage: Sendable {
    let arrays: [BoundField]
    let field: BoundField
    let isOpenMap: Bool
    let catalogPath: [String]
    let isStatus: Bool
    let zoned: Bool
    let spellings: EnumSpellings?

    init(
      _ arrays: [BoundField], _ field: BoundField, _ isOpenMap: Bool, _ catalogPath: [String],
      _ isStatus: Bool, _ zoned: Bool, _ spellings: EnumSpellings?
    ) {
      self.spellings = spellings
      self.arrays = arrays
      self.field = field
      self.isOpenMap = isOpenMap
      self.catalogPath = catalogPath
      self.isStatus = isStatus
      self.zoned = zoned
    }
  }

  init(
    arrays: [BoundField], field: BoundField, isOpenMap: Bool, catalogPath: [String], isStatus: Bool,
    zoned: Bool, spellings: EnumSpellings? = nil
  ) {
    storage = Storage(arrays, field, isOpenMap, catalogPath, isStatus, zoned, spellings)
  }

  /// The resolution with its enum field's values by spelling, when its field is an enum of ASCII
  /// values: for the catalog's table of one-word names, which the binder looks up for nearly every
  /// name.
  func withEnumSpellings(_ canonicalStatuses: [String: [String]]) -> NameResolution {
    guard case .enumeration(let known) = field.type else { return self }
    return NameResolution(
      arrays: arrays, field: field, isOpenMap: isOpenMap, catalogPath: catalogPath, isStatus: isStatus,
      zoned: zoned,
      spellings: EnumSpellings(known: known, isStatus: isStatus, canonicalStatuses: canonicalStatuses))
  }

  /// `inner` under an `any` for every array the path crosses (the language reference: paths through arrays are
  /// existential).
  func wrap(_ inner: BoundExpression) -> BoundExpression {
    // Nearly every name crosses no array: then `inner` as it is.
    if storage.arrays.isEmpty { return inner }
    return storage.arrays.reversed().reduce(inner) { body, array in .quantified(.any, array, body) }
  }

  /// The resolution with the query's zone in the field's encoding: Unix seconds read as a date are
  /// the date in the query's zone (an instant has no zone).
  func inZone(_ zone: TimeZone) -> NameResolution {
    guard zoned else { return self }
    let f = field
    return NameResolution(
      arrays: arrays,
      field: BoundField(path: f.path, type: f.type, name: f.name, encoding: .unixSeconds(zone: zone)),
      isOpenMap: isOpenMap, catalogPath: catalogPath, isStatus: isStatus, zoned: zoned,
      spellings: spellings)
  }
}

/// A field resolved for one query (in its zone).
typealias ResolvedField = NameResolution

/// How a name resolves against a catalog, before any diagnostic is written.
enum NameOutcome {
  case resolved(NameResolution)
  /// A canonical name the provider neither maps nor has a field of.
  case notOnProvider
  /// No field of that name in the scope.
  case unknown
}

extension FieldCatalog {
  /// How `components` written in `scope` (the catalog path of the array element the enclosing
  /// quantifier ranges over; empty for the invoice) resolve, with Unix seconds read as a date not yet
  /// in the query's zone.
  ///
  /// At the invoice level a name is first a canonical name (the canonical vocabulary), then the provider's own.
  func resolution(of comps: [String], scope: [String]) -> NameOutcome {
    var catalogPath = scope.isEmpty ? comps : scope + comps
    var canonicalName: String? = nil
    if scope.isEmpty, comps.count == 1, CanonicalVocabulary.fieldNames.contains(comps[0]) {
      if let mapped = canonicalFields[comps[0]] {
        catalogPath = mapped
        canonicalName = comps[0]
      } else if field(at: comps) == nil {
        return .notOnProvider
      }
    }
    guard let descriptor = field(at: catalogPath) else { return .unknown }
    var arrays: [BoundField] = []
    var start = canonicalName == nil ? scope.count : 0
    if catalogPath.count > 1 {
      for k in start..<(catalogPath.count - 1) {
        let prefix = Array(catalogPath[0...k])
        guard let crossed = field(at: prefix), case .array = crossed.type else { continue }
        let relative = Array(catalogPath[start...k])
        arrays.append(
          BoundField(
            path: relative, type: crossed.type, name: relative.joined(separator: "."),
            encoding: crossed.encoding))
        start = k + 1
      }
    }
    // Mostly the whole path, and one name: no new array or string for those.
    let relative = start == 0 ? catalogPath : Array(catalogPath[start...])
    let name = canonicalName ?? (relative.count == 1 ? relative[0] : relative.joined(separator: "."))
    let view = canonicalName.flatMap { canonicalViews[$0] }
    let type = view?.type ?? descriptor.type
    var encoding = view?.encoding ?? descriptor.encoding
    var zoned = false
    if case .unixSeconds = encoding {
      // A date's zone is the query's (`NameResolution.inZone`); an instant has none.
      encoding = .unixSeconds(zone: nil)
      zoned = type == .date
    }
    return .resolved(
      NameResolution(
        arrays: arrays,
        field: BoundField(path: relative, type: type, name: name, encoding: encoding),
        isOpenMap: descriptor.openMapValues != nil, catalogPath: catalogPath,
        isStatus: arrays.isEmpty && catalogPath == statusPath, zoned: zoned))
  }
}

extension BindingSession {
  /// Resolves `path` in `scope` (see `FieldCatalog.resolution(of:scope:)`) in the query's zone, or
  /// records why it cannot and returns nil.
  mutating func resolve(_ path: FieldPath, scope: [String]) -> ResolvedField? {
    let comps = path.components
    // `zoned` is asked before `inZone` is: reading the context's zone for every name cost more
    // than the rest of the lookup.
    if scope.isEmpty, comps.count == 1, let r = catalog.topLevelResolution(comps[0]) {
      return r.zoned ? r.inZone(context.timeZone) : r
    }
    switch catalog.resolution(of: comps, scope: scope) {
    case .resolved(let r):
      return r.zoned ? r.inZone(context.timeZone) : r
    case .notOnProvider:
      let has = CanonicalVocabulary.fieldNames.filter { catalog.canonicalFields[$0] != nil }
      report(
        .fieldNotOnProvider, "field '\(comps[0])' is not available on \(catalog.provider)", path.range,
        help: ["\(catalog.provider) has: " + has.joined(separator: ", ")])
      return nil
    case .unknown:
      reportUnknownField(path, scope: scope)
      return nil
    }
  }

  /// The names a query can use in `scope`, in catalog order (canonical names first at the top).
  func candidateNames(scope: [String]) -> [String] {
    if scope.isEmpty { return catalog.topLevelNames }
    var names: [String] = []
    for f in catalog.fields where f.path.count > scope.count && Array(f.path.prefix(scope.count)) == scope {
      names.append(f.path.dropFirst(scope.count).joined(separator: "."))
    }
    return names
  }

  private mutating func reportUnknownField(_ path: FieldPath, scope: [String]) {
    let written = path.description
    let candidates = candidateNames(scope: scope)
    var help: [String] = []
    var fixIts: [Diagnostic.FixIt] = []
    let lowered = written.foldedLowercase
    let folded = scope.isEmpty ? catalog.foldedTopLevelNames : candidates.map(\.foldedLowercase)
    if let exact = folded.firstIndex(of: lowered).map({ candidates[$0] }) {
      help.append("did you mean '\(exact)'? (field names are case-sensitive)")
      fixIts.append(Diagnostic.FixIt(range: path.range, replacement: exact))
    } else if let near = Suggestions.closest(to: written, in: candidates) {
      help.append("did you mean '\(near)'?")
      fixIts.append(Diagnostic.FixIt(range: path.range, replacement: near))
    }
    let whereText = scope.isEmpty ? "" : " in '\(scope.joined(separator: "."))' elements"
    report(
      .unknownField, "unknown field '\(written)'\(whereText)", path.range,
      help: help, fixIts: fixIts)
  }
}

/// Did-you-mean by edit distance.
enum Suggestions {
  /// The candidate closest to `word` (case-insensitive edit distance), when it is close
  /// enough to be a plausible typo: at most 1 edit for short words, up to a third of the length.
  static func closest(to word: String, in candidates: [String]) -> String? {
    let w = Array(word.foldedLowercase.unicodeScalars)
    let limit = Swift.max(1, Swift.min(3, w.count / 3))
    var best: (String, Int)? = nil
    for c in candidates {
      let s: [Unicode.Scalar]
      if c.utf8.allSatisfy({ $0 < 0x80 }) {
        // An ASCII candidate (nearly every one): its length is its byte count, and it is folded
        // byte by byte, only once it is near enough in length.
        guard abs(c.utf8.count - w.count) <= limit else { continue }
        s = c.utf8.map { Unicode.Scalar($0 &- 0x41 < 26 ? $0 | 0x20 : $0) }
      } else {
        s = Array(c.lowercased().unicodeScalars)
        guard abs(s.count - w.count) <= limit else { continue }
      }
      let d = distance(w, s, atMost: Swift.min(limit, (best?.1 ?? Int.max) - 1))
      if let d, d < (best?.1 ?? Int.max) { best = (c, d) }
    }
    return best?.0
  }

  /// The edit distance counting insertions, deletions, substitutions and swaps of neighbours
  /// (optimal string alignment, so `opne` is one edit from `open`) when it is at most `bound`, else
  /// nil: three rows of the table, and a stop as soon as a whole row exceeds the bound (no later row
  /// can come back under it).
  static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], atMost bound: Int) -> Int? {
    guard bound >= 0 else { return nil }
    if a.isEmpty { return b.count <= bound ? b.count : nil }
    if b.isEmpty { return a.count <= bound ? a.count : nil }
    var before = [Int](repeating: 0, count: b.count + 1)  // row i - 2
    var previous = Array(0...b.count)  // row i - 1
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      var rowMin = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var v = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = Swift.min(v, before[j - 2] + 1) }
        current[j] = v
        rowMin = Swift.min(rowMin, v)
      }
      // A swap reaches back two rows, but costs one more than that row's value, so a row whose
      // every value exceeds the bound, with the row before it, ends the search.
      if rowMin > bound && (previous.min() ?? 0) > bound { return nil }
      (before, previous, current) = (previous, current, before)
    }
    return previous[b.count] <= bound ? previous[b.count] : nil
  }
}
