import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// One billing API: everything InvoiceQL needs to plan, fetch, filter and import for it, in one value.
///
/// Each provider is defined in its own folder under `Providers/` and listed once, in
/// ``Provider/all``; nothing else in the package names a provider or switches on one.
public struct Provider: Sendable, Hashable, CustomStringConvertible {
  /// The provider's name in the project (`elevate`): what `--provider` and saved searches say.
  public let name: String
  /// The fields of its invoices, with their types and canonical names (transcribed from its docs).
  package let catalog: FieldCatalog
  /// Its native filter language: what can be pushed to the server, and how a request is written.
  package let dialect: any Dialect
  /// Where a response body keeps its invoices and its paging metadata.
  package let envelope: Envelope
  /// How its native filters (saved as URLs or request bodies) are lifted back into a query.
  package let importer: NativeImporter
  /// The settings its requests need (path segments, headers), with defaults where the docs give one.
  public let settings: [ProviderSetting]
  /// A page of made-up invoices exactly as the API sends it, and queries that select part of it.
  public let sample: ProviderSample
  /// How to fetch the rest of an array an invoice holds only the first page of (Stripe's `lines`);
  /// nil when every invoice arrives whole.
  package let itemCompletion: ItemCompletion?
  private let makePager: @Sendable (NativeRequest) throws(PagingError) -> any Pager

  package init(
    name: String, catalog: FieldCatalog, dialect: any Dialect, envelope: Envelope, importer: NativeImporter,
    settings: [ProviderSetting] = [], sample: ProviderSample, itemCompletion: ItemCompletion? = nil,
    pager: @escaping @Sendable (NativeRequest) throws(PagingError) -> any Pager
  ) {
    self.itemCompletion = itemCompletion
    self.name = name
    self.catalog = catalog
    self.dialect = dialect
    self.envelope = envelope
    self.importer = importer
    self.settings = settings
    self.sample = sample
    self.makePager = pager
  }

  public var description: String { name }

  /// Providers are told apart by name: the registry holds one provider per name.
  public static func == (a: Provider, b: Provider) -> Bool { a.name == b.name }
  public func hash(into hasher: inout Hasher) { hasher.combine(name) }

  /// The paging state machine for one listing, starting from the plan's request for it.
  package func pager(startingAt firstRequest: NativeRequest) throws(PagingError) -> any Pager {
    try makePager(firstRequest)
  }

  /// The settings that have no default: a plan cannot be written without them.
  public var requiredSettings: [String] { settings.filter { $0.defaultValue == nil }.map(\.name) }

  /// Every setting with its made-up example value (for the demo and benchmarks).
  package var exampleSettings: [String: String] {
    Dictionary(uniqueKeysWithValues: settings.map { ($0.name, $0.example) })
  }

  /// `given` with every default filled in for a setting that was not given or given empty (an empty
  /// value is a missing setting, as `--set name=` says).
  package func resolvedSettings(_ given: [String: String]) -> [String: String] {
    var out = given
    for setting in settings {
      if let value = setting.defaultValue, (out[setting.name] ?? "").isEmpty { out[setting.name] = value }
    }
    return out
  }
}

/// One setting a provider's requests need (`tenantId`, `company`, `version`).
public struct ProviderSetting: Sendable, Hashable {
  /// The name given to `--set name=value`.
  public let name: String
  /// What it is, for help and errors.
  public let summary: String
  /// The value used when none is given; nil when the setting is required.
  public let defaultValue: String?
  /// A made-up value, for the demo and examples.
  public let example: String

  package init(_ name: String, _ summary: String, default defaultValue: String? = nil, example: String) {
    self.name = name
    self.summary = summary
    self.defaultValue = defaultValue
    self.example = example
  }
}

/// A provider's bundled sample: one page of made-up invoices as the API sends it (envelope
/// included), and queries over it, in the provider's own or the canonical vocabulary.
public struct ProviderSample: Sendable, Hashable {
  /// The response body.
  public let body: String
  /// A query that selects part of the page, for the demo.
  public let query: String
  /// More queries that exercise the provider's pushdown, for benchmarks and examples.
  public let moreQueries: [String]

  package init(body: String, query: String, moreQueries: [String] = []) {
    self.body = body
    self.query = query
    self.moreQueries = moreQueries
  }
}
