import Testing

@testable import InvoiceQLProviders

/// What the shared property tests need of one provider beyond its catalog, kept beside that
/// provider's own tests (`<Provider>TestRows.swift`) so that adding a provider edits no shared test
/// file: the fields and arrays `ProviderQueryGenerator`'s queries read, values at the edges of the
/// provider's conversions, the settings its requests need (`SimulatedServerPropertyTests`,
/// `ImportRoundTripTests`), and the parts of its native filters (`NativeImportTests`).
struct ProviderTestRows: Sendable {
  /// Fields the generated queries read at the invoice level: canonical or native names, dotted.
  var fieldPaths: [String]
  /// Values of enum fields that matter to others (a currency scales money), by field name.
  var enumValues: [String: [String]] = [:]
  /// Numbers at the edges the provider's conversions meet (minor units per currency).
  var numbers: [String]? = nil
  /// Arrays (catalog paths) and the element fields their quantifiers read; an element field that is
  /// itself listed as an array is quantified in turn.
  var arrayPaths: [String: [String]] = [:]
  /// The settings a plan needs (values that test the encoding of path segments and headers).
  var settings: [String: String] = [:]
  /// Settings that choose another endpoint or filter language, each also run by the
  /// simulated-server property test (stripe's `endpoint=search`).
  var otherEndpoints: [[String: String]] = []
  /// Native filter parts, as saved searches hold them.
  var nativeParts: [String]
  /// One native text from some parts (a query string by default).
  var joinParts: @Sendable ([String]) -> String = { $0.joined(separator: "&") }

  /// The rows of every provider, by name: the one list to register a provider's rows in (each
  /// registry entry must have one: `ProviderTestRowsTests`).
  static let all: [String: ProviderTestRows] = [
    "rhythm": .rhythm,
    "elevate": .elevate,
    "roadsync": .roadsync,
    "softwareone": .softwareone,
    "wethod": .wethod,
    "stripe": .stripe,
  ]

  /// The rows of `provider` (none for a name without rows: the registry test reports it).
  static func of(_ provider: String) -> ProviderTestRows {
    all[provider] ?? ProviderTestRows(fieldPaths: [], nativeParts: [])
  }
}

@Suite struct ProviderTestRowsTests {
  @Test func everyRegisteredProviderHasTestRows() {
    #expect(Set(ProviderTestRows.all.keys) == Set(Provider.names))
    for (name, rows) in ProviderTestRows.all {
      #expect(!rows.fieldPaths.isEmpty && !rows.nativeParts.isEmpty, "\(name)")
      let catalog = Provider.named(name)?.catalog
      for field in rows.fieldPaths {
        let path = catalog?.canonicalFields[field] ?? field.split(separator: ".").map(String.init)
        #expect(catalog?.field(at: path) != nil, "\(name): no field \(field)")
      }
    }
  }
}
