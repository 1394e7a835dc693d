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

/// The providers' bundled samples, looked up by name in the registry.
enum SampleResponses {
  static func body(for provider: String) -> String? { Provider.named(provider)?.sample.body }

  /// The invoices array of a decoded body: the body itself when it is an array, else the member
  /// the provider's envelope keeps them in.
  static func items(of page: JSONValue, provider name: String) throws -> JSONValue? {
    if case .array = page { return page }
    let provider = try #require(Provider.named(name))
    return provider.envelope.itemsKey.flatMap { page[$0] }
  }
}
