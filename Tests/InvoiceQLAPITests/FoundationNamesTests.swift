import Foundation
import InvoiceQL
import InvoiceQLClient
import Testing

/// Every public type, named unqualified in a file that imports Foundation: a name that clashed with
/// Foundation's (or the standard library's) would make this file fail to compile. `.ci/docs` checks
/// that the list holds every public type of the symbol graphs.
@Test func everyPublicTypeIsNamedUnqualifiedBesideFoundation() {
  let types: [Any.Type] = [
    // Queries and plans
    InvoiceQuery.self, ImportedQuery.self, QueryPlan.self, NativeRequest.self, PushedFragment.self,
    Exactness.self,
    // Filtering bodies
    InvoiceFilter.self, InvoiceMatch.self, ByteBatches<AsyncStream<UInt8>>.self, FileChunks.self,
    JSONValue.self, JSONMember.self,
    // Providers
    Provider.self, ProviderSetting.self, ProviderSample.self,
    // Errors
    QueryError.self, Diagnostic.self, SourceRange.self, JSONStreamError.self, FileReadError.self,
    // Saved searches
    SavedSearchRewriter.self, SearchRewrite.self, RewriteRules.self, RulesError.self,
    // The client
    InvoiceClient.self, ProviderEndpoint.self, InvoiceStream.self, ClientError.self, FetchProgress.self,
    RetryPolicy.self, (any HTTPTransport).self, HTTPResponse.self, HTTPResponseHead.self, HTTPBody.self,
    TransportError.self, ProviderErrorBody.self, URLSessionTransport.self,
  ]
  #expect(Set(types.map { "\($0)" }).count == types.count)
}
