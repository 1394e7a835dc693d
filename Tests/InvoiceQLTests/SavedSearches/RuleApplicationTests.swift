import Testing

@testable import InvoiceQL
@testable import InvoiceQLImport
@testable import InvoiceQLJSON
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSavedSearches
@testable import InvoiceQLSemantics
@testable import InvoiceQLStreaming
@testable import InvoiceQLSyntax

@Suite("Rewrite rules on the syntax tree")
struct RuleApplicationTests {
  private let rules = RewriteRules(
    fields: [
      .init(from: ["paymentStatusUpdatedDate"], to: ["paymentStatusUpdatedTime"], provider: "elevate"),
      .init(from: ["erpData"], to: ["erp"]),
      .init(from: ["line_items", "product_id"], to: ["line_items", "sku"]),
      .init(from: ["items_old"], to: ["items"]),
      .init(from: ["status"], to: ["state"], provider: "wethod"),
      .init(from: ["a", "b"], to: ["c"]),
    ],
    values: [
      .init(field: ["status"], from: "written off", to: "writtenOff", provider: "rhythm"),
      .init(field: ["paymentStatus"], from: "PAID", to: "SETTLED"),
      .init(field: ["kind"], from: "x", to: "two words"),
      .init(field: ["state"], from: "sent", to: "open", provider: "wethod"),
      .init(field: ["currency_code"], from: "EUR", to: "EURO"),
    ])

  private func rewrite(_ q: String, _ provider: String? = nil) -> SearchRewrite {
    SavedSearchRewriter(rules: rules, simplifies: false).rewrite(query: q, provider: provider)
  }

  @Test(
    arguments: [
      // A per-provider rule applies to that provider's searches only; spacing is kept.
      (
        "paymentStatusUpdatedDate  =   \"2025-01-01\"", "elevate",
        "paymentStatusUpdatedTime  =   \"2025-01-01\""
      ),
      ("paymentStatusUpdatedDate = \"2025-01-01\"", "rhythm", nil),
      ("paymentStatusUpdatedDate = \"2025-01-01\"", nil, nil),
      // A canonical rule applies to every search, and renames every field below the renamed one.
      (
        "erpData.dueDate < 2025-05-01 AND erpData.total>5", "softwareone",
        "erp.dueDate < 2025-05-01 AND erp.total>5"
      ),
      ("erpData = 1", nil, "erp = 1"),
      // Never text substitution: strings, longer names and other components stay.
      ("memo contains \"erpData\" and erpDataX = 1 and x.erpData = 2", nil, nil),
      // Inside quantifiers fields are relative to the element.
      ("any(line_items, product_id = \"P\" and qty > 1)", nil, "any(line_items, sku = \"P\" and qty > 1)"),
      ("line_items.product_id = \"P\"", nil, "line_items.sku = \"P\""),
      ("all(items_old, any(product_id, x = 1))", nil, "all(items, any(product_id, x = 1))"),
      // Sort keys are fields too.
      (
        "erpData.total > 1 sort by erpData.total desc limit 5", nil,
        "erp.total > 1 sort by erp.total desc limit 5"
      ),
      // Values: on = != in, spelled like the original where possible; matched case-insensitively
      // on enum fields and `status` (as the binder matches them), exactly on strings and where the
      // search names no provider (a string compares exactly: "eur" is not EUR).
      ("status in (open, \"WRITTEN OFF\")", "rhythm", "status in (open, \"writtenOff\")"),
      (
        "paymentStatus != paid or paymentStatus = \"PAID\"", "elevate",
        "paymentStatus != SETTLED or paymentStatus = \"SETTLED\""
      ),
      (
        "paymentStatus != paid or paymentStatus = \"PAID\"", nil,
        "paymentStatus != paid or paymentStatus = \"SETTLED\""
      ),
      (
        "currency_code = \"eur\" or currency_code in (EUR, Eur)", "rhythm",
        "currency_code = \"eur\" or currency_code in (EURO, Eur)"
      ),
      ("paymentStatus contains \"PAID\" or paymentStatus > PAID", nil, nil),
      ("kind = x", nil, "kind = \"two words\""),
      // A value rule's field may name the field before or after a field rule.
      ("status = sent", "wethod", "state = open"),
      // Relative dates stay relative.
      (
        "erpData.dueDate >= today-30d and updatedAt < now", nil,
        "erp.dueDate >= today-30d and updatedAt < now"
      ),
    ] as [(String, String?, String?)])
  func rulesRenameOnTheTreeAndSpliceByRange(query: String, provider: String?, expected: String?) {
    let r = rewrite(query, provider)
    #expect(r.diagnostics.isEmpty)
    #expect(r.query == (expected ?? query))
    #expect(r.status == (expected == nil ? .unchanged : .rewritten))
  }

  @Test func aRenameThatLeavesTheQuantifiedArrayIsAnErrorAndKeepsTheText() {
    let r = rewrite("any(a, b = 1)")
    #expect(r.status == .error)
    #expect(r.query == "any(a, b = 1)")
    #expect(r.diagnostics.map(\.kind) == [.rewriteCrossesQuantifier])
    #expect(r.diagnostics.first?.range == SourceRange(7, 8))
  }

  @Test func aQueryThatDoesNotParseKeepsItsTextAndGetsTheParserDiagnostic() {
    let r = rewrite("erpData = = 1")
    #expect(r.status == .error)
    #expect(r.query == "erpData = = 1")
    #expect(r.diagnostics.first?.message.contains("expected") == true)
  }

  /// Random queries over a few field names, with random spacing and keyword case.
  static func randomQuery(_ rng: inout SavedSearchRandom, depth: Int = 0) -> String {
    let fields = [
      "erpData", "erpData.total", "status", "paymentStatus", "kind", "other", "line_items.product_id",
    ]
    let values = ["PAID", "\"paid\"", "x", "\"written off\"", "5", "2025-01-01", "today-3d", "sent"]
    let sp = { (rng: inout SavedSearchRandom) in rng.pick([" ", "  ", "\t"]) }
    if depth < 2 && rng.chance(35) {
      let n = rng.int(2...3)
      let op = rng.pick(["and", "or", "AND"])
      return "("
        + (0..<n).map { _ in randomQuery(&rng, depth: depth + 1) }.joined(separator: sp(&rng) + op + sp(&rng))
        + ")"
    }
    if depth < 2 && rng.chance(10) { return "not " + randomQuery(&rng, depth: depth + 1) }
    if depth < 2 && rng.chance(10) {
      return "any(line_items," + sp(&rng) + "product_id = " + rng.pick(values) + ")"
    }
    let f = rng.pick(fields)
    switch rng.int(0...3) {
    case 0: return f + sp(&rng) + rng.pick(["=", "!="]) + sp(&rng) + rng.pick(values)
    case 1:
      return f + " in ("
        + (0..<rng.int(1...3)).map { _ in rng.pick(values) }.joined(separator: "," + sp(&rng)) + ")"
    case 2: return f + " contains " + rng.pick(["\"x\"", "\"PAID\""])
    default: return f + " is not null"
    }
  }

  /// The rules applied to a parsed tree by a plain recursive map: the oracle for the splicer.
  static func oracle(_ e: Expression, _ provider: String?, scope: [String] = [], newScope: [String] = [])
    -> Expression
  {
    func renamed(_ f: FieldPath) -> ([String], [String]) {
      let full = scope + f.components
      if full.starts(with: ["erpData"]) { return (full, ["erp"] + full.dropFirst()) }
      if full == ["line_items", "product_id"] { return (full, ["line_items", "sku"]) }
      if provider == "wethod" && full.starts(with: ["status"]) { return (full, ["state"] + full.dropFirst()) }
      return (full, newScope + f.components)
    }
    func value(_ v: Literal, _ old: [String], _ new: [String]) -> Literal {
      var out = v
      let raw: String
      switch v.kind {
      case .word(let s), .string(let s): raw = s
      default: return v
      }
      let text = raw.lowercased()
      let wasWord = if case .word = v.kind { true } else { false }
      var to: String?
      // Case is folded only where the field is an enum: elevate's paymentStatus, and `status`.
      let paymentStatusFolds = provider == "elevate"
      if (old == ["paymentStatus"] || new == ["paymentStatus"]) && (paymentStatusFolds ? text : raw) == "paid"
      {
        to = "SETTLED"
      }
      if (old == ["kind"] || new == ["kind"]) && raw == "x" { to = "two words" }
      if provider == "wethod" && (old == ["state"] || new == ["state"]) && text == "sent" { to = "open" }
      if provider == "rhythm" && (old == ["status"] || new == ["status"]) && text == "written off" {
        to = "writtenOff"
      }
      if let to { out.kind = wasWord && Formatter.isBareWord(to) ? .word(to) : .string(to) }
      return out
    }
    var out = e
    switch e.kind {
    case .and(let xs): out.kind = .and(xs.map { oracle($0, provider, scope: scope, newScope: newScope) })
    case .or(let xs): out.kind = .or(xs.map { oracle($0, provider, scope: scope, newScope: newScope) })
    case .not(let x): out.kind = .not(oracle(x, provider, scope: scope, newScope: newScope))
    case .comparison(let f, let op, let v):
      let (o, n) = renamed(f)
      out.kind = .comparison(
        FieldPath(Array(n.dropFirst(newScope.count)), range: f.range), op,
        op == .equal || op == .notEqual ? value(v, o, n) : v)
    case .membership(let f, let vs, let neg):
      let (o, n) = renamed(f)
      out.kind = .membership(
        FieldPath(Array(n.dropFirst(newScope.count)), range: f.range), vs.map { value($0, o, n) },
        negated: neg)
    case .isNull(let f, let neg):
      out.kind = .isNull(
        FieldPath(Array(renamed(f).1.dropFirst(newScope.count)), range: f.range), negated: neg)
    case .text(let f, let op, let v):
      out.kind = .text(FieldPath(Array(renamed(f).1.dropFirst(newScope.count)), range: f.range), op, v)
    case .between(let f, let a, let b):
      out.kind = .between(FieldPath(Array(renamed(f).1.dropFirst(newScope.count)), range: f.range), a, b)
    case .quantified(let q, let f, let body):
      let (o, n) = renamed(f)
      out.kind = .quantified(
        q, FieldPath(Array(n.dropFirst(newScope.count)), range: f.range),
        oracle(body, provider, scope: o, newScope: n))
    }
    return out
  }

  @Test func propertyRewritingMatchesTheTreeOracleKeepsUntouchedTextAndIsIdempotent() throws {
    var rng = SavedSearchRandom(seed: 0x7E57)
    let rules = RewriteRules(
      fields: [
        .init(from: ["erpData"], to: ["erp"]),
        .init(from: ["line_items", "product_id"], to: ["line_items", "sku"]),
        .init(from: ["status"], to: ["state"], provider: "wethod"),
      ],
      values: [
        .init(field: ["paymentStatus"], from: "paid", to: "SETTLED"),
        .init(field: ["kind"], from: "x", to: "two words"),
        .init(field: ["state"], from: "sent", to: "open", provider: "wethod"),
        .init(field: ["status"], from: "written off", to: "writtenOff", provider: "rhythm"),
      ])
    let rewriter = SavedSearchRewriter(rules: rules, simplifies: false)
    var rewritten = 0
    for _ in 0..<400 {
      let q = Self.randomQuery(&rng)
      let provider = rng.pick([nil] + Provider.names.map(Optional.some))
      let tree = try Parser.parse(q)
      let r = rewriter.rewrite(query: q, provider: provider)
      #expect(r.status != .error, "\(q): \(r.diagnostics)")
      let expected = Self.oracle(tree.filter, provider)
      #expect(try Parser.parse(r.query).filter == expected, "\(q) → \(r.query)")
      if expected == tree.filter {
        #expect(r.query == q && r.status == .unchanged)
      } else {
        rewritten += 1
      }
      let again = rewriter.rewrite(query: r.query, provider: provider)
      #expect(again.status == .unchanged && again.query == r.query, "not idempotent: \(q)")
    }
    #expect(rewritten > 100)
  }

  @Test func propertyWhenNoRuleMayApplyApplyingChangesNothingAndFindsNothing() throws {
    var rng = SavedSearchRandom(seed: 0x3A7E)
    var skipped = 0
    var touched = 0
    for round in 0..<1500 {
      // Queries over fields some rules name, inside and outside quantifiers, with sort keys; rules
      // drawn at random, some crossing a quantifier's array (a diagnostic, not an edit).
      var q = Self.randomQuery(&rng)
      if rng.chance(20) { q = "any(" + rng.pick(["a", "erpData", "line_items"]) + ", " + q + ")" }
      if rng.chance(25) { q += " sort by " + rng.pick(["erpData.total", "other", "status", "a.b"]) }
      let fields: [RewriteRules.FieldRule] = [
        .init(from: ["erpData"], to: ["erp"]), .init(from: ["a", "b"], to: ["c"]),
        .init(from: ["line_items", "product_id"], to: ["line_items", "sku"]),
        .init(from: ["status"], to: ["state"], provider: "wethod"),
        .init(from: ["a", "status"], to: ["a", "s"]),
      ].filter { _ in rng.chance(35) }
      let values: [RewriteRules.ValueRule] = [
        .init(field: ["paymentStatus"], from: "paid", to: "SETTLED"),
        .init(field: ["kind"], from: "x", to: "y"),
        .init(field: ["status"], from: "WRITTEN OFF", to: "writtenOff"),
        .init(field: ["line_items", "product_id"], from: "x", to: "z"),
        .init(field: ["erpData", "total"], from: "5", to: "6"),
      ].filter { _ in rng.chance(35) }
      let provider = rng.pick([nil] + Provider.names.map(Optional.some))
      let tree = try Parser.parse(q)
      var application = RuleApplication(RewriteRules(fields: fields, values: values), provider: provider)
      let may = application.mayApply(to: tree)
      let applied = application.apply(tree)
      if may {
        touched += 1
      } else {
        skipped += 1
        #expect(
          application.edits.isEmpty && application.diagnostics.isEmpty && applied == tree,
          "round \(round): \(q) with \(fields) \(values): \(application.edits) \(application.diagnostics)")
      }
    }
    #expect(skipped > 300 && touched > 300)
  }
}
