import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

extension Plan {
  /// SPEC §4's plan JSON: keys in the documented order, one line.
  public func json() -> String {
    var out = "{\"provider\": " + JSONText.quote(provider) + ", \"requests\": ["
    out += requests.map { $0.json() }.joined(separator: ", ")
    out += "], \"pushed\": ["
    out += pushed.map {
      "{\"predicate\": " + JSONText.quote($0.predicate) + ", \"exactness\": "
        + JSONText.quote($0.exactness.rawValue) + "}"
    }.joined(separator: ", ")
    out += "], \"residual\": " + (residualText.map(JSONText.quote) ?? "null") + "}"
    return out
  }
}

extension NativeRequest {
  /// `{"method", "path", "query", "headers", "body", "url"}` as in SPEC §4.
  public func json() -> String {
    let pairs = query.map {
      "[" + JSONText.quote($0.name) + ", " + ($0.value.map(JSONText.quote) ?? "null") + "]"
    }
    let heads = headers.sorted { $0.key < $1.key }.map {
      JSONText.quote($0.key) + ": " + JSONText.quote($0.value)
    }
    return "{\"method\": " + JSONText.quote(method) + ", \"path\": " + JSONText.quote(path)
      + ", \"query\": [" + pairs.joined(separator: ", ") + "], \"headers\": {"
      + heads.joined(separator: ", ") + "}, \"body\": " + (body.map(JSONText.quote) ?? "null")
      + ", \"url\": " + JSONText.quote(url) + "}"
  }
}

/// JSON string literals.
package enum JSONText {
  package static func quote(_ s: String) -> String { JSONValue.quoted(s) }
}
