/// A decoded JSON value that loses nothing: numbers keep their exact spelling, object members
/// keep their order (and duplicates, which the evaluator resolves as "last wins", like most parsers).
///
/// The reference evaluator reads invoices in this form; the streaming decoder builds it for only
/// the fields a residual reads.
public enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  /// The number exactly as written in the document (`100.10`, `-0`, `1E-400`).
  case number(String)
  case string(String)
  case array([JSONValue])
  case object([JSONMember])

  /// The value of the last member named `key`, when this is an object that has one. Keys match
  /// scalar for scalar, as the streaming filter reads them in place (the language reference: names are never
  /// normalised): `"primary\u212Aey"` (a Kelvin sign) is not `primaryKey`, though Swift's `==`,
  /// which compares canonical equivalents, would say it is.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.last(where: { $0.key.isSpelled(as: key) })?.value
  }
}

extension String {
  /// Equal scalar for scalar (byte for byte in UTF-8): how JSON keys and field names compare.
  /// Swift's `==` compares canonical equivalents (`"e\u{301}" == "é"`), which no key lookup may.
  @inlinable
  package func isSpelled(as other: String) -> Bool { utf8.elementsEqual(other.utf8) }
}

/// One `"key": value` pair of a JSON object.
public struct JSONMember: Sendable, Hashable {
  public var key: String
  public var value: JSONValue
  public init(_ key: String, _ value: JSONValue) {
    self.key = key
    self.value = value
  }
}
