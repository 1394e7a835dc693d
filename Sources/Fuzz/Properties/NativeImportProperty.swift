import InvoiceQL
import InvoiceQLSimulation

/// Native filters, as users saved them (query strings, RQL, JSON bodies): imported as queries.
///
/// The input is a provider and the native text. The property: nothing crashes; diagnostics point
/// into the text; an import without errors is a query that formats, parses and binds; and on the
/// simulated server (every unknown read literally, as the importer reads it) the query selects
/// exactly the invoices the native filter selects, or, when the import warned that it is broader,
/// every one of them. A native text the simulated server refuses is not compared.
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
    guard let request = request(native, provider), let parsed = try? ParsedRequest(request) else { return }
    let data = invoices[provider] ?? []
    let u = Unknowns.literal
    let broader = !imported.warnings.isEmpty
    for invoice in data {
      let selected: Bool
      do {
        selected = !(try server.answer(parsed, [invoice], u, settings: settings[provider] ?? [:]).isEmpty)
      } catch {
        return
      }
      let matches = ReferenceEvaluator.matches(bound.filter, on: invoice)
      if selected && !matches || !broader && matches && !selected {
        throw PropertyViolation(
          "\(provider): \(native) selects \(selected ? "" : "not ")\(invoice.compactText) but its import "
            + "\(text)\(broader ? " (with warnings)" : "") does \(matches ? "" : "not")")
      }
    }
  }

  /// The request a user's native filter stands for, with the paging the simulated server needs;
  /// nil when the text is not one (a query string whose escapes do not decode, a body that is not
  /// a JSON object).
  static func request(_ native: String, _ provider: String) -> NativeRequest? {
    if provider == "roadsync" {
      guard case .object(var members)? = try? JSONValue(parsing: native) else { return nil }
      members.removeAll { $0.key == "pagination" }
      members.append(
        JSONMember(
          "pagination",
          .object([JSONMember("ItemsPerPage", .number("100")), JSONMember("PageNumber", .number("1"))])))
      return NativeRequest(
        method: "POST", path: "/invoice/search", query: [], body: JSONValue.object(members).compactText)
    }
    // A path before `?` is dropped; in RQL a `?` after a `(` is inside the expression.
    var queryText = native[...]
    if let q = native.firstIndex(of: "?"), provider != "softwareone" || !native[..<q].contains("(") {
      queryText = native[native.index(after: q)...]
    }
    var pairs: [(name: String, value: String?)] = []
    for component in queryText.split(separator: "&", omittingEmptySubsequences: false)
    where !component.isEmpty {
      if let eq = component.firstIndex(of: "=") {
        guard let name = URLText.decode(component[..<eq]),
          let value = URLText.decode(component[component.index(after: eq)...])
        else { return nil }
        pairs.append((name, value))
      } else {
        guard let name = URLText.decode(component) else { return nil }
        pairs.append((name, nil))
      }
    }
    let paging: Set<String> = ["page", "pageSize", "limit", "offset"]
    pairs.removeAll { paging.contains($0.name) }
    switch provider {
    case "elevate":
      return NativeRequest(
        method: "GET", path: "/invoices", query: pairs + [("page", "1"), ("pageSize", "1000")])
    case "wethod":
      return NativeRequest(
        method: "GET", path: "/api/invoices", query: pairs + [("limit", "100"), ("offset", "0")],
        headers: ["Wethod-Company": "7", "Wethod-Version": "2"])
    case "rhythm":
      return NativeRequest(method: "GET", path: "/invoices/t1/portal/contact/c1", query: pairs)
    case "softwareone":
      return NativeRequest(method: "GET", path: "/public/v1/billing/invoices", query: pairs)
    default: return nil
    }
  }
}
