import Foundation
import InvoiceQLSimulation
import TestSupport
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
      case .decimal:
        out += ["\(name) > 100.1", "\(name) <= 2000", "\(name) = 3.5"]
      case .integer:
        out += ["\(name) > 100", "\(name) <= 2000", "\(name) = 3"]
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

  @Test(arguments: Provider.names)
  func propertyImportOfAnExactPlanMatchesTheSameInvoicesAsTheQuery(provider: String) throws {
    let catalog = try #require(Provider.named(provider)?.catalog)
    let dialect = try #require(Provider.named(provider)?.dialect)
    let settings = Dictionary(
      uniqueKeysWithValues: Provider.named(provider)!.requiredSettings.map { ($0, "t1") })
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
      // One request: a plan of several listings (one per value) saves as several native filters.
      guard plan.canMatch, plan.residual == nil, plan.requests.count == 1, let native = Self.native(plan)
      else {
        continue
      }
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
    // A provider whose dialect applies something exactly must have had an exact plan imported.
    let capabilities = Provider.named(provider)!.dialect.capabilities
    if capabilities.contains(where: { $0.exact || $0.exactBounds }) {
      #expect(checked > 0, "\(provider): no exactly pushed query was generated")
    }
  }

  /// The readings of the unknowns the import widens for: bounds strict or inclusive, and wethod's
  /// comparison by dates. Not (see the README): text by a collation, instants stored coarser,
  /// negations that keep absent fields.
  static let readings = Unknowns.all.filter {
    !$0.caseInsensitive && !$0.coarsePrecision && !$0.negationKeepsAbsent
  }

  /// `plan(q)` read back by `import`, against the simulated servers: every planned request imports
  /// without an error, its query matches every invoice the server returns for the request (under
  /// each reading above, so also every true match of `q`), and it means the same in any time zone.
  @Test(arguments: SimulatedServerPropertyTests.providers)
  func propertyImportOfAPlannedRequestMatchesEveryInvoiceTheServerReturnsInAnyZone(provider: String) throws {
    let catalog = try #require(Provider.named(provider)?.catalog)
    let generator = ProviderQueryGenerator(provider: provider)
    let settings = ProviderQueryGenerator.settings[provider] ?? [:]
    let server = try #require(SimulatedServers.named(provider))
    let zones = try ["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago"].map {
      BindingContext(now: Self.context.now, timeZone: try #require(TimeZone(identifier: $0)))
    }
    var r = PlanningRandom(seed: 0x1A9_0125 ^ UInt64(provider.utf8.count))
    var imported = 0
    for _ in 0..<150 {
      let filter = generator.expression(&r, depth: 3)
      let plan = try Planner.plan(BoundQuery(filter: filter), provider: provider, settings: settings)
      guard plan.canMatch, !plan.pushed.isEmpty, let request = plan.requests.first,
        let native = Self.native(plan)
      else { continue }
      let result = NativeImport.importFilter(native, catalog: catalog)
      #expect(result.errors.isEmpty, "\(provider): \(native): \(result.errors.map(\.message))")
      guard let query = result.query else { continue }
      let bound = try zones.map { try Binder.bind(query, catalog: catalog, context: $0).filter }
      #expect(
        Set(bound).count == 1, "\(provider): \(native) → \(Formatter.format(query)) follows the time zone")
      imported += 1
      let invoices = generator.invoices(&r, count: 12)
      for unknowns in Self.readings {
        // By id: an answer may be projected (`fields=`) to what the residual reads.
        let answered = try server.answer(ParsedRequest(request), invoices, unknowns, settings: settings)
          .compactMap { $0["id"] }
        for invoice in invoices where answered.contains(where: { $0 == invoice["id"] }) {
          #expect(
            ReferenceEvaluator.matches(bound[0], on: invoice),
            "\(provider) [\(unknowns)]: \(native) → \(Formatter.format(query)) leaves out \(invoice.compactText)"
          )
        }
      }
    }
    if !Provider.named(provider)!.dialect.capabilities.isEmpty {
      #expect(imported >= 20, "\(provider): too few plans imported")
    }
  }
}
