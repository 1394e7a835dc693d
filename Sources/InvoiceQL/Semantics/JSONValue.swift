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

  /// The value of the last member named `key`, when this is an object that has one.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.last(where: { $0.key == key })?.value
  }
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
