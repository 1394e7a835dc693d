import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLProviders
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// Applies `RewriteRules` to one query's syntax tree.
///
/// Works on the tree, so `status` inside a string or a field named `statusCode` is never touched,
/// and records each change as a source-range edit, so the parts of the query a rule did not touch
/// keep their spelling, spacing and comments-free layout exactly.
struct RuleApplication {
  private let fieldRules: [RewriteRules.FieldRule]
  private let valueRules: [RewriteRules.ValueRule]
  /// Replacements in the original text.
  private(set) var edits: [(SourceRange, String)] = []
  private(set) var diagnostics: [Diagnostic] = []
  /// Enclosing quantifier paths, before and after renaming (full paths from the invoice).
  private var scopes: [(old: [String], new: [String])] = []
  /// The search's provider, whose catalog says which fields are enums (nil without a provider);
  /// looked up only when a value rule applies.
  private let provider: String?

  /// The rules that apply to a search of `provider` (nil: a search without a provider, which only
  /// canonical rules touch).
  init(_ rules: RewriteRules, provider: String?) {
    func applies(_ ruleProvider: String?) -> Bool {
      ruleProvider.map { p in provider.map { $0.equalsFolded(p) } ?? false } ?? true
    }
    // Rules without a provider (the usual) apply to every search: their lists are shared as they
    // are, not filtered again for each search.
    fieldRules =
      rules.fields.allSatisfy { $0.provider == nil }
      ? rules.fields : rules.fields.filter { applies($0.provider) }
    valueRules =
      rules.values.allSatisfy { $0.provider == nil }
      ? rules.values : rules.values.filter { applies($0.provider) }
    self.provider = provider
  }

  /// Whether a rule could change `query` or fail on it: a field rule matching one of its fields, or
  /// a value rule on a field it compares by `=`, `!=` or `in` matching a value (regardless of case).
  /// When not, `apply` would hand the query back as it is, with no edit and no diagnostic, so it
  /// need not run: most searches are touched by no rule, and this walk builds nothing.
  func mayApply(to query: Query) -> Bool {
    for key in query.sort where matchesField(key.field.components, in: []) { return true }
    return mayApply(to: query.filter, in: [])
  }

  /// `mayApply(to:)` for `e`, inside quantifiers over the full path `scope` (the fields' full paths
  /// are their own as long as no rule matched, which `apply` then changes nothing on). Plain loops,
  /// not `contains` with a closure: this runs for every node of every search.
  private func mayApply(to e: Expression, in scope: [String]) -> Bool {
    switch e.kind {
    case .and(let xs), .or(let xs):
      for x in xs where mayApply(to: x, in: scope) { return true }
      return false
    case .not(let x): return mayApply(to: x, in: scope)
    case .comparison(let f, let op, let v):
      if matchesField(f.components, in: scope) { return true }
      switch op {
      case .equal, .notEqual: return matchesValue(v, on: f.components, in: scope)
      default: return false
      }
    case .membership(let f, let vs, _):
      if matchesField(f.components, in: scope) { return true }
      for v in vs where matchesValue(v, on: f.components, in: scope) { return true }
      return false
    case .between(let f, _, _), .isNull(let f, _), .text(let f, _, _):
      return matchesField(f.components, in: scope)
    case .quantified(_, let f, let body):
      return matchesField(f.components, in: scope) || mayApply(to: body, in: scope + f.components)
    }
  }

  /// Whether the field `scope + components` begins with a field rule's `from` (as `rename` matches).
  private func matchesField(_ components: [String], in scope: [String]) -> Bool {
    for i in fieldRules.indices where Self.path(scope, components, startsWith: fieldRules[i].from) {
      return true
    }
    return false
  }

  /// Whether `scope + components` begins with `prefix` (compared as `starts(with:)` compares), with
  /// no array made for the path.
  @inline(__always)
  private static func path(_ scope: [String], _ components: [String], startsWith prefix: [String]) -> Bool {
    guard prefix.count <= scope.count + components.count else { return false }
    if scope.isEmpty {
      // Outside quantifiers (nearly every field): the field's own components.
      for i in prefix.indices where prefix[i] != components[i] { return false }
      return true
    }
    var i = 0
    while i < prefix.count, prefix[i] == (i < scope.count ? scope[i] : components[i - scope.count]) { i += 1 }
    return i == prefix.count
  }

  /// Whether a value rule on the field `scope + components` matches the word or string `v`, with
  /// case folded or not (a superset of `renameValue`'s matches).
  private func matchesValue(_ v: Literal, on components: [String], in scope: [String]) -> Bool {
    let text: String
    switch v.kind {
    case .word(let s), .string(let s): text = s
    default: return false
    }
    for i in valueRules.indices {
      let field = valueRules[i].field
      if field.count == scope.count + components.count && Self.path(scope, components, startsWith: field)
        && (valueRules[i].from.equalsFolded(text) || valueRules[i].from.isSpelled(as: text))
      {
        return true
      }
    }
    return false
  }

  /// Whether a value rule on `field` matches regardless of case: only where the binder matches
  /// values that way, on enum fields and the canonical `status`. Strings compare exactly (the language reference),
  /// so folding case there would change what the search means (`currency = "eur"` is not `EUR`).
  private func foldsCase(_ field: [String]) -> Bool {
    if field == ["status"] { return true }
    guard let catalog = provider.flatMap(SavedSearchProviders.catalog) else { return false }
    let path = catalog.field(at: field) == nil && field.count == 1 ? catalog.canonicalFields[field[0]] : field
    if case .enumeration? = path.flatMap({ catalog.field(at: $0) })?.type { return true }
    return false
  }

  var isEmpty: Bool { fieldRules.isEmpty && valueRules.isEmpty }

  /// The query with every rule applied.
  mutating func apply(_ query: Query) -> Query {
    var q = query
    q.filter = apply(query.filter)
    q.sort = query.sort.map { key in
      var k = key
      k.field = rename(key.field).path
      return k
    }
    return q
  }

  /// `e` with every rule applied. A rule changes the tree exactly where it records an edit, so a
  /// subtree that gained no edit is handed back as it was, not rebuilt.
  private mutating func apply(_ e: Expression) -> Expression {
    let before = edits.count
    func changed(_ kind: @autoclosure () -> Expression.Kind) -> Expression {
      guard edits.count != before else { return e }
      var out = e
      out.kind = kind()
      return out
    }
    switch e.kind {
    case .and(let xs):
      guard let ys = apply(xs) else { return e }
      return changed(.and(ys))
    case .or(let xs):
      guard let ys = apply(xs) else { return e }
      return changed(.or(ys))
    case .not(let x):
      let y = apply(x)
      return changed(.not(y))
    case .comparison(let f, let op, let v):
      let (nf, oldFull, newFull) = rename(f)
      let nv = (op == .equal || op == .notEqual) ? renameValue(v, oldFull, newFull) : v
      return changed(.comparison(nf, op, nv))
    case .membership(let f, let vs, let negated):
      let (nf, oldFull, newFull) = rename(f)
      let nvs = vs.map { renameValue($0, oldFull, newFull) }
      return changed(.membership(nf, nvs, negated: negated))
    case .between(let f, let a, let b):
      let nf = rename(f).path
      return changed(.between(nf, a, b))
    case .isNull(let f, let negated):
      let nf = rename(f).path
      return changed(.isNull(nf, negated: negated))
    case .text(let f, let op, let v):
      let nf = rename(f).path
      return changed(.text(nf, op, v))
    case .quantified(let quantifier, let f, let body):
      let (nf, oldFull, newFull) = rename(f)
      scopes.append((oldFull, newFull))
      let nb = apply(body)
      scopes.removeLast()
      return changed(.quantified(quantifier, nf, nb))
    }
  }

  /// The operands with every rule applied; nil when no rule changed any of them.
  private mutating func apply(_ xs: [Expression]) -> [Expression]? {
    var changed: [Expression]?
    for (i, x) in xs.enumerated() {
      let before = edits.count
      let y = apply(x)
      if changed == nil, edits.count != before { changed = Array(xs[..<i]) }
      changed?.append(y)
    }
    return changed
  }

  /// Renames one field reference; returns it with its full old and new paths.
  private mutating func rename(_ f: FieldPath) -> (path: FieldPath, old: [String], new: [String]) {
    let scope = scopes.last ?? (old: [], new: [])
    // Outside quantifiers (the usual case) the full paths are the field's own: no new arrays.
    let full = scope.old.isEmpty ? f.components : scope.old + f.components
    // The longest matching rule, the first of equals.
    var rule: RewriteRules.FieldRule?
    for r in fieldRules where full.starts(with: r.from) && r.from.count > (rule?.from.count ?? -1) {
      rule = r
    }
    guard let rule else { return (f, full, scope.new.isEmpty ? f.components : scope.new + f.components) }
    let renamed = rule.to + full.dropFirst(rule.from.count)
    guard renamed.starts(with: scope.new), renamed.count > scope.new.count else {
      diagnostics.append(
        Diagnostic(
          kind: .rewriteCrossesQuantifier,
          message:
            "renaming '\(QueryText.path(rule.from))' to '\(QueryText.path(rule.to))' moves '\(f)' "
            + "out of the array '\(QueryText.path(scope.old))' it is quantified over",
          range: f.range))
      return (f, full, scope.new + f.components)
    }
    let relative = Array(renamed.dropFirst(scope.new.count))
    var nf = f
    nf.components = relative
    if relative != f.components { edits.append((f.range, QueryText.path(relative))) }
    return (nf, full, renamed)
  }

  private mutating func renameValue(_ v: Literal, _ oldField: [String], _ newField: [String]) -> Literal {
    let text: String
    let wasWord: Bool
    switch v.kind {
    case .word(let s): (text, wasWord) = (s, true)
    case .string(let s): (text, wasWord) = (s, false)
    default: return v
    }
    func onField(_ r: RewriteRules.ValueRule) -> Bool { r.field == oldField || r.field == newField }
    guard valueRules.contains(where: onField) else { return v }
    // The field as the search writes it is the one in the provider's catalog.
    let folds = foldsCase(oldField) || foldsCase(newField)
    guard
      let rule = valueRules.first(where: {
        onField($0) && (folds ? $0.from.equalsFolded(text) : $0.from.isSpelled(as: text))
      }),
      rule.to != text
    else { return v }
    var nv = v
    if wasWord && QueryText.isBareWord(rule.to) {
      nv.kind = .word(rule.to)
      edits.append((v.range, rule.to))
    } else {
      nv.kind = .string(rule.to)
      edits.append((v.range, QueryText.quoted(rule.to)))
    }
    return nv
  }
}

extension Diagnostic.Kind {
  /// A field rename would move a field out of the array an `any`/`all` ranges over.
  public static let rewriteCrossesQuantifier = Diagnostic.Kind("rewrite-crosses-quantifier")
}
