import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

extension Plan {
  /// the command-line reference's plan JSON, one line: `provider`, `requests`, `pushed`, `residual`, then what a consumer
  /// needs to execute it (the plans article): `sort`, `limit`, `fields` (the projection asked for; null for the
  /// whole invoice), `sortPushed`, `limitPushed`.
  package func json() -> String { jsonValue.text(spaced: true) }

  /// The plan JSON as a value; a `warnings` list follows when there are any.
  package var jsonValue: JSONValue {
    guard case .object(let members) = baseJSON, !warnings.isEmpty else { return baseJSON }
    return .object(members + [JSONMember("warnings", .array(warnings.map(JSONValue.string)))])
  }

  private var baseJSON: JSONValue {
    .object([
      JSONMember("provider", .string(provider)),
      JSONMember("requests", .array(requests.map(\.jsonValue))),
      JSONMember(
        "pushed",
        .array(
          pushed.map {
            .object([
              JSONMember("predicate", .string($0.predicate)),
              JSONMember("exactness", .string($0.exactness.rawValue)),
            ])
          })),
      JSONMember("residual", residualText.map(JSONValue.string) ?? .null),
      JSONMember(
        "sort",
        .array(
          sort.map {
            .object([
              JSONMember("field", .string($0.field.name)),
              JSONMember("direction", .string($0.descending ? "desc" : "asc")),
            ])
          })),
      JSONMember("limit", limit.map { .number(String($0)) } ?? .null),
      JSONMember("fields", .null),
      JSONMember("sortPushed", .bool(sortPushed)),
      JSONMember("limitPushed", .bool(limitPushed)),
    ])
  }
}

extension NativeRequest {
  /// `{"method", "path", "query", "headers", "body", "url"}` as in the command-line reference.
  public func json() -> String { jsonValue.text(spaced: true) }

  /// The request as a JSON value.
  package var jsonValue: JSONValue {
    .object([
      JSONMember("method", .string(method)),
      JSONMember("path", .string(path)),
      JSONMember(
        "query", .array(query.map { .array([.string($0.name), $0.value.map(JSONValue.string) ?? .null]) })),
      JSONMember(
        "headers",
        .object(headers.sorted { $0.key < $1.key }.map { JSONMember($0.key, .string($0.value)) })),
      JSONMember("body", body.map(JSONValue.string) ?? .null),
      JSONMember("url", .string(url)),
    ])
  }
}
