import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// One invoice of a response that the filter holds for.
public struct InvoiceMatch: Sendable, Hashable {
  /// The invoice as compact JSON (UTF-8): whitespace between tokens removed, strings and numbers
  /// byte-exact as received.
  public var jsonBytes: [UInt8]
  /// The invoice's identifier: a string decoded, a number as written; nil when absent or neither.
  public var id: String?
  /// The fields the filter read (plus the id and any extra paths asked for), decoded.
  package var projected: JSONValue
  /// The invoice's position in the response (0 for the first).
  package var index: Int

  /// The invoice as compact JSON text (made from `jsonBytes` when asked for).
  public var json: String { String(decoding: jsonBytes, as: UTF8.self) }

  package init(jsonBytes: [UInt8], id: String?, projected: JSONValue, index: Int) {
    self.jsonBytes = jsonBytes
    self.id = id
    self.projected = projected
    self.index = index
  }

  package init(json: String, id: String?, projected: JSONValue, index: Int) {
    self.init(jsonBytes: Array(json.utf8), id: id, projected: projected, index: index)
  }

  /// The whole invoice decoded (exact numbers, ordered members).
  public func value() -> JSONValue {
    jsonBytes.withUnsafeBufferPointer { JSONReader(bytes: $0).decode(0).0 }
  }

  /// The invoice decoded into any `Decodable` type.
  public func decode<T: Decodable>(_ type: T.Type, using decoder: JSONDecoder = JSONDecoder()) throws -> T {
    try decoder.decode(type, from: Data(jsonBytes))
  }
}
