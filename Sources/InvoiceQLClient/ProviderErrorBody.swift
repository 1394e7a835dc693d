import Foundation
import InvoiceQL

/// A provider's error response, parsed whatever its shape, so a 4xx says what the server said.
///
/// The five APIs use three JSON shapes (providers/README.md): `{error, message}` (elevate),
/// RFC 7807 Problem JSON (roadsync, softwareone) and `{key, message, failures}` (wethod; roadsync's
/// 401/403 `{code, message}` reads the same way). Anything else is kept as text.
public struct ProviderErrorBody: Sendable, Hashable, CustomStringConvertible {
  package enum Shape: Sendable, Hashable {
    /// `{"error": …, "message": …}`, or an error object `{"error": {"code", "message", …}}`
    case errorAndMessage
    /// RFC 7807: `type`, `title`, `status`, `detail`, `instance`, extension members.
    case problem
    /// `{"key"|"code": …, "message": …, "failures": [{field, message}]}`
    case keyAndMessage
    /// Not JSON, or JSON of no known shape: `text` holds it.
    case text
  }

  package var shape: Shape
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

  package init(shape: Shape, code: String?, message: String?, details: [String], text: String) {
    self.shape = shape
    self.code = code
    self.message = message
    self.details = details
    self.text = text
  }

  /// Parses an error body. Never fails: an unreadable body becomes `.text`. A byte-order mark and
  /// UTF-16/UTF-32 are read as JSON readers (and `JSONSerialization`, which this replaced) read them.
  package init(parsing received: Data) {
    let data = Self.utf8(received)
    let text = String(decoding: data.prefix(Self.maxTextLength * 4), as: UTF8.self)
    let clipped = text.count > Self.maxTextLength ? String(text.prefix(Self.maxTextLength)) + "…" : text
    guard let object = try? JSONValue(parsing: data), case .object = object else {
      self.init(shape: .text, code: nil, message: nil, details: [], text: clipped)
      return
    }
    func string(_ key: String) -> String? { object[key].flatMap(Self.scalarText) }
    if object["title"] != nil || object["detail"] != nil
      || object["type"].flatMap { if case .string = $0 { true } else { nil } } != nil
        && object["status"] != nil
    {
      var details: [String] = []
      if let errors = object["errors"] { details += Self.describe(errors: errors) }
      if let trace = string("traceId") { details.append("traceId: \(trace)") }
      let message = [string("title"), string("detail")].compactMap { $0 }.joined(separator: ": ")
      self.init(
        shape: .problem, code: string("type"), message: message.isEmpty ? nil : message, details: details,
        text: clipped)
    } else if case .object? = object["error"], let inner = object["error"] {
      // An error object (`{"error": {"type", "code", "message", "param", …}}`): its code (else its
      // type) and message, and the rest of its scalar members as details.
      func field(_ key: String) -> String? { inner[key].flatMap(Self.scalarText) }
      let details = ["type", "param", "decline_code", "doc_url", "request_log_url"].compactMap { key in
        field(key).map { "\(key): \($0)" }
      }
      self.init(
        shape: .errorAndMessage, code: field("code") ?? field("type"), message: field("message"),
        details: details, text: clipped)
    } else if let error = string("error") {
      self.init(shape: .errorAndMessage, code: error, message: string("message"), details: [], text: clipped)
    } else if let key = string("key") ?? string("code") {
      var failures: [String] = []
      if let list = object["failures"], case .array = list { failures = Self.describe(errors: list) }
      self.init(
        shape: .keyAndMessage, code: key, message: string("message"), details: failures, text: clipped)
    } else if let message = string("message") {
      self.init(shape: .keyAndMessage, code: nil, message: message, details: [], text: clipped)
    } else {
      self.init(shape: .text, code: nil, message: nil, details: [], text: clipped)
    }
  }

  /// `data` as UTF-8 without a byte-order mark: a UTF-16 or UTF-32 body (told by its mark, or by
  /// where the zero bytes of its first two ASCII characters are, RFC 4627 §3) is transcoded.
  static func utf8(_ data: Data) -> Data {
    let b = Array(data.prefix(4))
    func starts(_ p: [UInt8]) -> Bool { b.starts(with: p) }
    let encoding: String.Encoding?
    var mark = 0
    if starts([0xEF, 0xBB, 0xBF]) {
      return data.dropFirst(3)
    } else if starts([0x00, 0x00, 0xFE, 0xFF]) || starts([0xFF, 0xFE, 0x00, 0x00]) {
      (encoding, mark) = (b[0] == 0 ? .utf32BigEndian : .utf32LittleEndian, 4)
    } else if starts([0xFE, 0xFF]) || starts([0xFF, 0xFE]) {
      (encoding, mark) = (b[0] == 0xFE ? .utf16BigEndian : .utf16LittleEndian, 2)
    } else if b.count == 4 {
      let zero = b.map { $0 == 0 }
      switch (zero[0], zero[1], zero[2], zero[3]) {
      case (true, true, true, false): encoding = .utf32BigEndian
      case (false, true, true, true): encoding = .utf32LittleEndian
      case (true, false, true, false): encoding = .utf16BigEndian
      case (false, true, false, true): encoding = .utf16LittleEndian
      default: encoding = nil
      }
    } else {
      encoding = nil
    }
    guard let encoding, let text = String(data: data.dropFirst(mark), encoding: encoding) else { return data }
    return Data(text.utf8)
  }

  /// A string as is, a number as written, a boolean as a word; nil for anything else.
  private static func scalarText(_ value: JSONValue) -> String? {
    switch value {
    case .string(let s): s
    case .number(let n): n
    case .bool(let b): b ? "true" : "false"
    default: nil
    }
  }

  /// Any value as one line of text: a scalar as `scalarText`, a container as compact JSON.
  private static func line(_ value: JSONValue) -> String { scalarText(value) ?? value.compactText }

  /// `[{field, message}]`, `{field: [messages]}` or `[String]` as "field: message" lines.
  private static func describe(errors: JSONValue) -> [String] {
    switch errors {
    case .array(let list):
      return list.prefix(50).map { entry in
        if case .object = entry {
          let field = (entry["field"] ?? entry["pointer"] ?? entry["name"]).map(line)
          let message = (entry["message"] ?? entry["detail"] ?? entry["title"]).map(line) ?? ""
          return field.map { "\($0): \(message)" } ?? message
        }
        return line(entry)
      }
    case .object(let members):
      var byKey: [String: JSONValue] = [:]
      for member in members { byKey[member.key] = member.value }
      return byKey.keys.sorted().prefix(50).map { key in
        let value = byKey[key]!
        if case .array(let messages) = value {
          return "\(key): " + messages.map(line).joined(separator: "; ")
        }
        return "\(key): \(line(value))"
      }
    default:
      return [line(errors)]
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
