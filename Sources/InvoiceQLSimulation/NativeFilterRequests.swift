import InvoiceQL

/// What a user's saved native filter stands for: the request its API would be sent, with the
/// paging the simulated server needs. Each server says it for its own API
/// (`SimulatedServer.request(forNative:settings:)`), so the import fuzzer compares every provider's
/// imports against its server without a list of providers.
extension SimulatedServer {
  /// The name-value pairs of a query string (after a path and `?`, when there is one), decoded;
  /// nil when an escape does not decode. `rqlPath`: a `?` after a `(` is inside an RQL
  /// expression, not the start of the query string.
  package static func queryPairs(_ native: String, rqlPath: Bool = false) -> [(name: String, value: String?)]?
  {
    var queryText = native[...]
    if let q = native.firstIndex(of: "?"), !rqlPath || !native[..<q].contains("(") {
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
    return pairs
  }

  /// `pairs` without the paging parameters a saved filter may carry.
  package static func withoutPaging(_ pairs: [(name: String, value: String?)]) -> [(
    name: String, value: String?
  )] {
    let paging: Set<String> = ["page", "pageSize", "limit", "offset", "starting_after", "ending_before"]
    return pairs.filter { !paging.contains($0.name) }
  }
}
