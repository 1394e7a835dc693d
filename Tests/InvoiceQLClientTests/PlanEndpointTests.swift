import Foundation
import Testing

@testable import InvoiceQL
@testable import InvoiceQLClient

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A plan runs with its own provider's pager and envelope: the endpoint only says where the API is.
@Suite struct PlanEndpointTests {
  /// A wethod server: `limit`/`offset` over a bare array of `count` invoices (other parameters
  /// ignored, as a real server ignores parameters it does not know).
  static func wethodServer(count: Int) -> InMemoryTransport {
    InMemoryTransport { request in
      let items = URLComponents(url: request.url!, resolvingAgainstBaseURL: false)?.queryItems ?? []
      func value(_ name: String) -> Int? { items.first { $0.name == name }?.value.flatMap { Int($0) } }
      let limit = value("limit") ?? 100
      let offset = value("offset") ?? 0
      let ids = offset < count ? Array(offset..<min(offset + limit, count)) : []
      return .init(body: "[" + ids.map { #"{"id":\#($0 + 1)}"# }.joined(separator: ",") + "]")
    }
  }

  static func wethodPlan() throws -> Plan {
    try Provider.wethod.plan(
      BoundQuery(filter: .constant(true)), settings: ["company": "acme", "version": "2.0"])
  }

  @Test func aPlanRunAgainstItsOwnProvidersEndpointReadsEveryPage() async throws {
    let endpoint = ProviderEndpoint(provider: .wethod, baseURL: URL(string: "http://x.invalid")!)
    let matches = try await InvoiceClient(transport: Self.wethodServer(count: 250))
      .invoices(for: try Self.wethodPlan(), from: endpoint).collect()
    #expect(matches.count == 250)
  }

  /// Paged with another provider's pager, wethod's 100-invoice first page looked like elevate's
  /// last (short of its 1000): 100 of 250 invoices came back, silently.
  @Test func aPlanForAnotherProviderThanTheEndpointsIsAnErrorNotAShortAnswer() async throws {
    let endpoint = ProviderEndpoint(provider: .elevate, baseURL: URL(string: "http://x.invalid")!)
    await #expect {
      _ = try await InvoiceClient(transport: Self.wethodServer(count: 250))
        .invoices(for: try Self.wethodPlan(), from: endpoint).collect()
    } throws: { error in
      guard case ClientError.invalidRequest(let text) = error else { return false }
      return text.contains("wethod") && text.contains("elevate")
    }
    #expect(throws: ClientError.self) {
      try InvoiceClient.fetchSpec(for: try Self.wethodPlan(), from: endpoint)
    }
  }
}
