import InvoiceQL
import InvoiceQLSimulation

/// Native filters, as users saved them (query strings, RQL, JSON bodies): imported as queries.
///
/// The input is a provider and the native text. The property: nothing crashes; diagnostics point
/// into the text; an import without errors is a query that formats, parses and binds; and on the
/// simulated server (every unknown read literally, as the importer reads it) the query selects
/// exactly the invoices the native filter selects, or, when the import warned that it is broader,
/// every one of them. A native text the simulated server refuses is not compared, nor an invoice
/// that spells an enum value in another case (`caseVariantInvoices`).
package enum NativeImportProperty {
  static let context = BindingContext.utc(now: Instant(seconds: 1_746_000_000, fraction: ""))
  static let settings: [String: [String: String]] = [
    "rhythm": ["tenantId": "t1", "portalContactId": "c1"], "wethod": ["company": "7", "version": "2"],
  ]

  /// Invoices shaped by each catalog, with every spelling and wrong type `RandomInvoices` makes.
  static let invoices: [String: [JSONValue]] = Dictionary(
    uniqueKeysWithValues: Provider.names.map { provider in
      guard let catalog = Provider.named(provider)?.catalog else { return (provider, []) }
      var generator = RandomInvoices(catalog: catalog, rng: FuzzRandom(seed: 0x1A7))
      return (provider, (0..<120).map { _ in generator.invoice() })
    })

  package static func check(_ input: [UInt8]) throws(PropertyViolation) {
    var reader = FuzzReader(input)
    let provider = reader.pick(Provider.names)
    let native = String(decoding: reader.rest(), as: UTF8.self)
    try check(native, provider: provider)
  }

  static func check(_ native: String, provider: String) throws(PropertyViolation) {
    guard let catalog = Provider.named(provider)?.catalog, let server = SimulatedServers.named(provider)
    else {
      throw PropertyViolation("no catalog or server for \(provider)")
    }
    let imported = NativeImport.importFilter(
      native, importer: Provider.named(provider)!.importer, catalog: catalog)
    for d in imported.diagnostics where d.range.lowerBound < 0 || d.range.upperBound > native.utf8.count {
      throw PropertyViolation("\(provider): diagnostic '\(d.message)' at \(d.range) outside the native text")
    }
    guard let query = imported.query else {
      if imported.errors.isEmpty { throw PropertyViolation("\(provider): no query and no error") }
      return
    }
    let text = Formatter.format(query)
    let bound: BoundQuery
    do {
      bound = try Binder.bind(try Parser.parse(text), catalog: catalog, context: context)
    } catch {
      throw PropertyViolation(
        "\(provider): the import \(text) of \(native) does not parse and bind: \(error)")
    }
    guard let request = server.request(forNative: native, settings: settings[provider] ?? [:]),
      let parsed = try? ParsedRequest(request)
    else { return }
    let data = invoices[provider] ?? []
    let broader = !imported.warnings.isEmpty
    let settings = settings[provider] ?? [:]
    // One request over every invoice at once (each tagged with its position), as a server answers;
    // when its answer drops the tags (a projection), invoice by invoice. A refused request (the
    // server throws for some invoice either way) is not compared.
    let selected: [Bool]
    if let all = try? server.answer(parsed, tagged[provider] ?? [], .literal, settings: settings),
      let positions = Self.positions(all)
    {
      selected = data.indices.map { positions.contains($0) }
    } else {
      var each: [Bool] = []
      for invoice in data {
        do {
          each.append(!(try server.answer(parsed, [invoice], .literal, settings: settings).isEmpty))
        } catch {
          return
        }
      }
      selected = each
    }
    let caseVariants = caseVariantInvoices[provider] ?? []
    for (i, (invoice, selected)) in zip(data, selected).enumerated() where !caseVariants.contains(i) {
      let matches = ReferenceEvaluator.matches(bound.filter, on: invoice)
      if selected && !matches || !broader && matches && !selected {
        throw PropertyViolation(
          "\(provider): \(native) selects \(selected ? "" : "not ")\(invoice.compactText) but its import "
            + "\(text)\(broader ? " (with warnings)" : "") does \(matches ? "" : "not")")
      }
    }
  }

  /// The invoices that spell an enum field's documented value in another case (`"OPEN"` where the
  /// API's statuses are `open`, `paid`, …). No API returns such a value, and none can be held to an
  /// import there: where the server compares ignoring case (Stripe's search, documented), it
  /// selects `"OPEN"` for `status:"open"`, while a query's enum value is compared exactly, so no
  /// query selects what that server selects on such an invoice. Other values outside the enum, wrong
  /// types and nulls are still compared.
  static let caseVariantInvoices: [String: Set<Int>] = invoices.reduce(into: [:]) { out, entry in
    guard let catalog = Provider.named(entry.key)?.catalog else { return }
    out[entry.key] = Set(
      entry.value.indices.filter { spellsAnEnumValueInAnotherCase(entry.value[$0], catalog) })
  }

  static func spellsAnEnumValueInAnotherCase(_ invoice: JSONValue, _ catalog: FieldCatalog) -> Bool {
    catalog.fields.contains { field in
      guard case .enumeration(let values) = field.type,
        case .string(let s)? = ReferenceEvaluator.lookup(field.path, in: invoice), !values.contains(s)
      else { return false }
      return values.contains { $0.lowercased() == s.lowercased() }
    }
  }

  /// The member that tags each invoice with its position: no catalog has it, so no filter reads it.
  static let tagKey = "\u{1}fuzz-position"

  /// `invoices`, each tagged with its position.
  static let tagged: [String: [JSONValue]] = invoices.mapValues { list in
    list.enumerated().map { i, invoice in
      guard case .object(let members) = invoice else { return invoice }
      return .object(members + [JSONMember(tagKey, .number(String(i)))])
    }
  }

  /// The positions of the tagged invoices a server answered; nil if one lost its tag.
  static func positions(_ answer: [JSONValue]) -> Set<Int>? {
    var out = Set<Int>()
    for invoice in answer {
      guard case .number(let n)? = invoice[tagKey], let i = Int(n) else { return nil }
      out.insert(i)
    }
    return out
  }
}
