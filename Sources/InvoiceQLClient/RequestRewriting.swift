import Foundation
import InvoiceQL

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Rewrites of a planned request for paging: one query parameter or one JSON body member at a time,
/// leaving every other byte of the request as the planner wrote it (an RQL expression or a filter
/// value is never re-encoded).
extension URLRequest {
  /// Sets query parameter `name` to `value` (percent-encoded strictly: only unreserved characters are
  /// left as is, so `+`, `&`, `=` and `#` in a cursor cannot change the query). Replaces the first
  /// parameter of that name in place and drops any later ones; appends it when absent.
  func settingQueryParameter(_ name: String, to value: String) -> URLRequest {
    let component = Self.percentEncode(name) + "=" + Self.percentEncode(value)
    return rewritingQuery { parts in
      var replaced = false
      parts = parts.compactMap { part in
        guard Self.parameterName(part) == name else { return part }
        if replaced { return nil }
        replaced = true
        return component
      }
      if !replaced { parts.append(component) }
    }
  }

  /// Removes every query parameter named `name`.
  func removingQueryParameter(_ name: String) -> URLRequest {
    rewritingQuery { parts in parts.removeAll { Self.parameterName($0) == name } }
  }

  /// The decoded value of the first query parameter named `name`.
  func queryParameter(_ name: String) -> String? {
    guard
      let query = url.flatMap({ URLComponents(url: $0, resolvingAgainstBaseURL: false) })?.percentEncodedQuery
    else { return nil }
    for part in query.split(separator: "&", omittingEmptySubsequences: true) {
      let text = String(part)
      guard Self.parameterName(text) == name, let equals = text.firstIndex(of: "=") else { continue }
      let raw = text[text.index(after: equals)...]
      return raw.removingPercentEncoding ?? String(raw)
    }
    return nil
  }

  private func rewritingQuery(_ change: (inout [String]) -> Void) -> URLRequest {
    guard let url, var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
      return self
    }
    var parts = (components.percentEncodedQuery ?? "").split(separator: "&", omittingEmptySubsequences: true)
      .map(String.init)
    change(&parts)
    components.percentEncodedQuery = parts.isEmpty ? nil : parts.joined(separator: "&")
    var copy = self
    copy.url = components.url ?? url
    return copy
  }

  /// The decoded name of one `name=value` (or bare) query component.
  private static func parameterName(_ component: String) -> String {
    let name = component.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
    return name.removingPercentEncoding ?? String(name)
  }

  /// RFC 3986 unreserved characters stay; every other byte becomes `%XX`.
  static func percentEncode(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "~"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
      }
    }
    return out
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
