import Foundation
import InvoiceQL

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

extension NativeRequest {
  /// A `URLRequest` against `baseURL` (its path is kept as a prefix: `https://host/v1` + `/invoices`).
  public func urlRequest(baseURL: URL) -> URLRequest {
    var request = URLRequest(url: target(baseURL: baseURL) ?? baseURL)
    request.httpMethod = method
    for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
      request.setValue(value, forHTTPHeaderField: name)
    }
    if let body {
      request.httpBody = Data(body.utf8)
      if request.value(forHTTPHeaderField: "Content-Type") == nil {
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
      }
    }
    return request
  }

  /// The URL this request is sent to against `baseURL`; nil when the text is not a URL.
  package func target(baseURL: URL) -> URL? {
    var base = baseURL.absoluteString
    while base.hasSuffix("/") { base.removeLast() }
    return URL(string: base + url)
  }
}
