import InvoiceQLSimulation
import TestSupport
import Testing

@testable import InvoiceQL

/// `import(plan(q))` against `q`: for every query a provider pushes exactly, the native filter read
/// back as a query matches the same invoices (the reference evaluator decides).
@Suite("import: round trip through the planner")
struct ImportRoundTripTests {
  static let context = BindingContext.utc(now: Instant(seconds: 1_746_000_000, fraction: ""))

  /// Atomic predicates over the provider's non-array fields, spelled with its own names.
  static func atoms(_ catalog: FieldCatalog) -> [String] {
    var out: [String] = []
    for f in catalog.fields {
      let crossesArray = (1..<f.path.count).contains { n in
        if case .array = catalog.field(at: Array(f.path.prefix(n)))?.type { return true }
        return false
      }
      if crossesArray { continue }
      let name = Formatter.format(FieldPath(f.path, range: .at(0)))
      switch f.type {
      case .id(numeric: true):
        out += ["\(name) = 5", "\(name) in (5, 501)", "\(name) != 5"]
      case .id(numeric: false):
        out += ["\(name) = \"inv-1\"", "\(name) in (\"5\", \"X\")"]
      case .string:
        out += ["\(name) = \"EUR\"", "\(name) in (\"x\", \"1001\")", "\(name) contains \"fe\""]
      case .enumeration(let values) where !values.isEmpty:
        let vs = values.filter { !$0.isEmpty }.map { Formatter.format(Literal(.word($0), range: .at(0))) }
        guard let first = vs.first else { continue }
        out += [
          "\(name) = \(first)", "\(name) in (\(vs.prefix(3).joined(separator: ", ")))", "\(name) != \(first)",
        ]
      case .decimal, .integer:
        out += ["\(name) > 100.1", "\(name) <= 2000", "\(name) = 3.5"]
      case .date:
        out += [
          "\(name) < 2025-05-01", "\(name) >= 2025-04-30", "\(name) = 2025-05-01", "\(name) > 2025-04-30",
        ]
      case .dateTime:
        out += ["\(name) < 2025-05-01T00:00:00Z", "\(name) > 2025-04-30T14:30:00Z", "\(name) = 2025-05-01"]
      case .boolean:
        out += ["\(name) = true"]
      default: break
      }
    }
    return out
  }

  /// The native filter of a plan's first request, as a user would have saved it.
  static func native(_ plan: Plan) -> String? {
    guard let request = plan.requests.first else { return nil }
    return request.method == "POST" ? request.body : request.url
  }

  @Test(arguments: Catalogs.providerNames)
  func propertyImportOfAnExactPlanMatchesTheSameInvoicesAsTheQuery(provider: String) throws {
    let catalog = try #require(Catalogs.named(provider))
    let dialect = try #require(Dialects.named(provider))
    let settings = Dictionary(uniqueKeysWithValues: dialect.requiredSettings.map { ($0, "t1") })
    var rng = SavedSearchRandom(seed: 0x1A7 &+ UInt64(provider.utf8.count))
    var invoices = RandomInvoices(catalog: catalog, rng: SplitMix64(seed: 42))
    let data = (0..<150).map { _ in invoices.invoice() }
    let atoms = Self.atoms(catalog)
    var exact: [String] = []
    for atom in atoms {
      if let q = try? Parser.parse(atom),
        let b = try? Binder.bind(q, catalog: catalog, context: Self.context),
        let plan = try? Planner.plan(b, provider: provider, settings: settings),
        plan.canMatch, plan.residual == nil, !plan.pushed.isEmpty
      {
        exact.append(atom)
      }
    }
    var cases = exact
    for _ in 0..<(exact.count >= 2 ? 40 : 0) {
      cases.append((0..<rng.int(2...3)).map { _ in rng.pick(exact) }.joined(separator: " and "))
    }
    var checked = 0
    for text in cases {
      let query = try Parser.parse(text)
      let bound = try Binder.bind(query, catalog: catalog, context: Self.context)
      let plan = try Planner.plan(bound, provider: provider, settings: settings)
      guard plan.canMatch, plan.residual == nil, let native = Self.native(plan) else { continue }
      let imported = NativeImport.importFilter(native, catalog: catalog)
      #expect(
        imported.errors.isEmpty, "\(provider): \(text) → \(native): \(imported.diagnostics.map(\.message))")
      guard let back = imported.query else { continue }
      let reboundText = Formatter.format(back)
      let rebound = try Binder.bind(Parser.parse(reboundText), catalog: catalog, context: Self.context)
      for invoice in data {
        let a = ReferenceEvaluator.matches(bound.filter, on: invoice)
        let b = ReferenceEvaluator.matches(rebound.filter, on: invoice)
        #expect(a == b, "\(provider): \(text) → \(native) → \(reboundText) differs on \(invoice.compactText)")
        if a != b { break }
      }
      checked += 1
    }
    // Rhythm pushes nothing and roadsync only supersets; the other three push something exactly.
    if !["rhythm", "roadsync"].contains(provider) {
      #expect(checked > 0, "\(provider): no exactly pushed query was generated")
    }
  }
}
