import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLProviders
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// Rewrites one saved search: rules, then retargeting, then simplification — each on the syntax tree.
///
/// Total: a search that does not parse, bind or carry over keeps its original text and gets
/// diagnostics; nothing here throws. Idempotent: the output, rewritten again with the same options,
/// comes back unchanged (renames cannot chain, and text is only replaced when the tree changed).
public struct SavedSearchRewriter: Sendable {
  /// The renaming rules applied first.
  public var rules: RewriteRules
  /// `--to P`: the provider every search is retargeted to.
  public var target: String?
  /// Whether to bind, merge redundant constraints and flag searches that never match (on by
  /// default; off applies only renames, for tools that want nothing but the rules).
  public var simplifies: Bool

  /// A rewriter applying `rules`, then moving every search to `target` (a provider name) if given,
  /// then simplifying unless `simplifies` is false.
  public init(rules: RewriteRules = RewriteRules(), target: String? = nil, simplifies: Bool = true) {
    self.rules = rules
    self.target = target
    self.simplifies = simplifies
  }

  /// Rewrites `query`, a search saved for `provider` (nil: canonical, provider unknown).
  public func rewrite(query: String, provider: String?) -> SearchRewrite {
    var result = SearchRewrite(original: query, provider: provider)
    let tree: Query
    switch QueryReading.parse(query) {
    case .success(let t): tree = t
    case .failure(let e):
      return result.failing(e.diagnostics)
    }
    var application = RuleApplication(rules, provider: provider)
    // Without a rule for this search's provider, or one that could touch this query, there is
    // nothing to rename.
    let renamed = application.isEmpty || !application.mayApply(to: tree) ? tree : application.apply(tree)
    guard application.diagnostics.isEmpty else { return result.failing(application.diagnostics) }
    var text = application.edits.isEmpty ? query : QueryText.splice(query, application.edits)
    var current = renamed
    if !application.edits.isEmpty {
      // Re-read the spliced text so later stages see ranges that point into it.
      switch QueryReading.parse(text) {
      case .success(let t): current = t
      case .failure(let e): return result.failing(e.diagnostics)
      }
    }
    if let target {
      switch Retargeting.retarget(current, source: text, from: provider, to: target) {
      case .failure(let e): return result.failing(e.diagnostics, source: text)
      case .success(let moved):
        result.warnings += moved.warnings
        if moved.text != text {
          text = moved.text
          switch QueryReading.parse(text) {
          case .success(let t): current = t
          case .failure(let e): return result.failing(e.diagnostics, source: text)
          }
        }
      }
    }
    if simplifies {
      switch Simplification.simplify(current, source: text, provider: target ?? provider) {
      case .failure(let e): return result.failing(e.diagnostics, source: text)
      case .success(let simplified):
        result.neverMatches = simplified.neverMatches
        result.warnings += simplified.warnings
        if let t = simplified.text { text = t }
      }
    }
    // The provider the search is now read in; a search saved without one stays without one (its
    // canonical query was checked against the target, and there is no member to record it in).
    let effectiveProvider = provider == nil ? nil : (target ?? provider)
    result.query = text
    result.provider = effectiveProvider
    result.status = text == query && effectiveProvider == provider ? .unchanged : .rewritten
    return result
  }
}

/// What rewriting one search produced.
public struct SearchRewrite: Sendable, Hashable {
  /// What became of the search.
  public enum Status: String, Sendable, Hashable {
    /// Nothing to change: the text is kept byte for byte.
    case unchanged
    /// The search was rewritten.
    case rewritten
    /// The search does not parse, bind or carry over: the text is kept, with diagnostics.
    case error
  }

  /// What became of the search.
  public var status: Status = .unchanged
  /// The text to save: the rewritten query, or the original one when unchanged or failed.
  public var query: String
  /// The provider to save (the `--to` target once retargeted).
  public var provider: String?
  /// The text before rewriting.
  public var original: String
  /// Why the search failed; ranges point into `diagnosticSource`.
  public var diagnostics: [Diagnostic] = []
  /// The query text the diagnostics refer to.
  public var diagnosticSource: String
  /// Non-fatal findings (already rendered), such as a field whose type differs on the target.
  public var warnings: [String] = []
  /// The search can never match any invoice.
  public var neverMatches = false

  init(original: String, provider: String?) {
    self.query = original
    self.original = original
    self.provider = provider
    self.diagnosticSource = original
  }

  fileprivate func failing(_ diagnostics: [Diagnostic], source: String? = nil) -> SearchRewrite {
    var r = self
    r.status = .error
    r.query = original
    r.diagnostics = diagnostics
    r.diagnosticSource = source ?? original
    r.warnings = []
    r.neverMatches = false
    return r
  }
}
