import InvoiceQL
import Testing

@testable import InvoiceQLCLI

/// The catalogs against the bundled sample responses: every key the samples carry is in the
/// provider's catalog, and every non-null scalar reads as the catalog's type.
@Suite struct CatalogSampleTests {
  func invoices(_ provider: String) throws -> [JSONValue] {
    let body = try #require(SampleResponses.body(for: provider))
    let doc = try JSONValue(parsing: body)
    let items = try SampleResponses.items(of: doc, provider: provider)
    guard case .array(let list)? = items else {
      Issue.record("no items in the \(provider) sample")
      return []
    }
    return list
  }

  func walk(_ v: JSONValue, _ path: [String], _ catalog: FieldCatalog, _ problems: inout [String]) {
    guard case .object(let members) = v else { return }
    for m in members {
      let p = path + [m.key]
      guard let f = catalog.field(at: p) else {
        problems.append("\(p.joined(separator: ".")) is not in the catalog")
        continue
      }
      switch (f.type, m.value) {
      case (_, .null): break
      case (.object, _): walk(m.value, p, catalog, &problems)
      case (.array(.object), .array(let elements)): for e in elements { walk(e, p, catalog, &problems) }
      case (.array, .array): break
      default:
        // Read as the field's own name reads it (its encoding: Unix seconds, minor units).
        let field = BoundField(path: [m.key], type: f.type, name: m.key, encoding: f.encoding)
        if Value.read(field, in: .object([m])) == nil {
          problems.append(
            "\(p.joined(separator: ".")) = \(m.value.compactText) does not read as \(f.type.displayName)")
        }
      }
    }
  }

  @Test(arguments: Provider.names)
  func samplesFitTheCatalog(provider: String) throws {
    let catalog = try #require(Provider.named(provider)?.catalog)
    let list = try invoices(provider)
    #expect(list.count >= 5)
    var problems: [String] = []
    for invoice in list { walk(invoice, [], catalog, &problems) }
    #expect(problems.isEmpty, "\(provider): \(problems)")
  }

  @Test func spotQueriesOverTheSamples() throws {
    func ids(_ provider: String, _ text: String) throws -> [String] {
      let options = try BindingOptions.parse(["--provider", provider, "--now", "2025-05-15T00:00:00Z", text])
      guard case .success(let b) = bindQuery(text, options) else {
        Issue.record("\(text) does not bind on \(provider)")
        return []
      }
      return try invoices(provider).filter { ReferenceEvaluator.matches(b.bound.filter, on: $0) }.compactMap {
        switch $0["id"] {
        case .string(let s)?: s
        case .number(let n)?: n
        default: nil
        }
      }
    }
    #expect(try ids("elevate", "status = paid").allSatisfy { !$0.isEmpty })
    #expect(try ids("roadsync", "status = sent and total > 0").contains("rs-0001"))
    #expect(try ids("wethod", "paidDate is not null").contains("3"))
    #expect(try ids("softwareone", "dueDate = 2025-05-01 and status = open") == ["INV-1234-5600-7800"])
    #expect(
      try ids("rhythm", "number = 1000 and any(line_items, product_type = \"membership\")") == ["inv-1000"])
  }
}
