import Foundation
import InvoiceQL

/// A provider's error response, parsed whatever its shape, so a 4xx says what the server said.
///
/// The five APIs use three JSON shapes (providers/README.md): `{error, message}` (elevate),
/// RFC 7807 Problem JSON (roadsync, softwareone) and `{key, message, failures}` (wethod; roadsync's
/// 401/403 `{code, message}` reads the same way). Anything else is kept as text.
public struct ProviderErrorBody: Sendable, Hashable, CustomStringConvertible {
  public enum Shape: Sendable, Hashable {
    /// `{"error": …, "message": …}`
    case errorAndMessage
    /// RFC 7807: `type`, `title`, `status`, `detail`, `instance`, extension members.
    case problem
    /// `{"key"|"code": …, "message": …, "failures": [{field, message}]}`
    case keyAndMessage
    /// Not JSON, or JSON of no known shape: `text` holds it.
    case text
  }

  public var shape: Shape
  /// The machine-readable code: `error`, `key`, `code`, or a Problem's `type`.
  public var code: String?
  /// The human message: `message`, or a Problem's `title`/`detail`.
  public var message: String?
  /// Field-level details: wethod `failures`, a Problem's `errors`, its `traceId`.
  public var details: [String]
  /// The body as received, cut to `maxTextLength` characters.
  public var text: String

  /// How much of a body is kept and shown.
  public static let maxTextLength = 2_000

  public init(shape: Shape, code: String?, message: String?, details: [String], text: String) {
    self.shape = shape
    self.code = code
    self.message = message
    self.details = details
    self.text = text
  }

  /// Parses an error body. Never fails: an unreadable body becomes `.text`.
  public init(parsing data: Data) {
    let text = String(decoding: data.prefix(Self.maxTextLength * 4), as: UTF8.self)
    let clipped = text.count > Self.maxTextLength ? String(text.prefix(Self.maxTextLength)) + "…" : text
    guard
      let object = (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
        as? [String: Any]
    else {
      self.init(shape: .text, code: nil, message: nil, details: [], text: clipped)
      return
    }
    func string(_ key: String) -> String? {
      switch object[key] {
      case let s as String: s
      case let n as NSNumber: n.stringValue
      default: nil
      }
    }
    if object["title"] != nil || object["detail"] != nil
      || object["type"] is String && object["status"] != nil
    {
      var details: [String] = []
      if let errors = object["errors"] { details += Self.describe(errors: errors) }
      if let trace = string("traceId") { details.append("traceId: \(trace)") }
      let message = [string("title"), string("detail")].compactMap { $0 }.joined(separator: ": ")
      self.init(
        shape: .problem, code: string("type"), message: message.isEmpty ? nil : message, details: details,
        text: clipped)
    } else if let error = string("error") {
      self.init(shape: .errorAndMessage, code: error, message: string("message"), details: [], text: clipped)
    } else if let key = string("key") ?? string("code") {
      let failures = (object["failures"] as? [Any]).map(Self.describe(errors:)) ?? []
      self.init(
        shape: .keyAndMessage, code: key, message: string("message"), details: failures, text: clipped)
    } else if let message = string("message") {
      self.init(shape: .keyAndMessage, code: nil, message: message, details: [], text: clipped)
    } else {
      self.init(shape: .text, code: nil, message: nil, details: [], text: clipped)
    }
  }

  /// `[{field, message}]`, `{field: [messages]}` or `[String]` as "field: message" lines.
  private static func describe(errors: Any) -> [String] {
    switch errors {
    case let list as [Any]:
      return list.prefix(50).map { entry in
        if let item = entry as? [String: Any] {
          let field = (item["field"] ?? item["pointer"] ?? item["name"]).map { "\($0)" }
          let message = (item["message"] ?? item["detail"] ?? item["title"]).map { "\($0)" } ?? ""
          return field.map { "\($0): \(message)" } ?? message
        }
        return "\(entry)"
      }
    case let map as [String: Any]:
      return map.keys.sorted().prefix(50).map { key in
        let value = map[key]
        if let messages = value as? [Any] {
          return "\(key): " + messages.map { "\($0)" }.joined(separator: "; ")
        }
        return "\(key): \(value.map { "\($0)" } ?? "")"
      }
    default:
      return ["\(errors)"]
    }
  }

  /// One line: code, message and details, or the raw text.
  public var description: String {
    var parts: [String] = []
    if let code { parts.append(code) }
    if let message { parts.append(message) }
    if parts.isEmpty { return text.isEmpty ? "(empty body)" : text }
    var line = parts.joined(separator: ": ")
    if !details.isEmpty { line += " (" + details.joined(separator: "; ") + ")" }
    return line
  }
}
