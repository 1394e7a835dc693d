/// Why a response body could not be read, and where: the byte offset from the start of the body.
///
/// A malformed or unexpected body is always this error, never a short or wrong result. Only the
/// offset is kept on the fast path; a caller that holds the text can turn it into a line and column.
public struct JSONStreamError: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Kind: Sendable, Hashable {
    /// A byte that cannot appear at this point of a JSON document.
    case unexpectedByte(UInt8)
    /// The body ended inside a value (or was empty).
    case unexpectedEnd
    /// A byte sequence inside a string that is not UTF-8 (overlong, surrogate, truncated, stray).
    case invalidUTF8
    /// A raw control character (below U+0020) inside a string; JSON requires it escaped.
    case controlCharacterInString(UInt8)
    /// A backslash followed by something other than `" \ / b f n r t u`.
    case invalidEscape(UInt8)
    /// `\u` not followed by four hexadecimal digits.
    case invalidUnicodeEscape
    /// A `\u` escape of a UTF-16 surrogate without its partner.
    case loneSurrogate
    /// A number with a superfluous leading zero (`01`, `-00`).
    case leadingZero
    /// A number that does not follow JSON's grammar (`-`, `1.`, `1e`, `.5`).
    case invalidNumber
    /// Something that starts like `true`, `false` or `null` but is not.
    case invalidLiteral
    /// Arrays and objects nested deeper than the limit.
    case depthLimitExceeded(limit: Int)
    /// Bytes other than whitespace after the document's single value.
    case trailingData
    /// One value (an invoice, a metadata member) bigger than the configured cap.
    case valueTooLarge(limit: Int)
    /// Valid JSON that is not shaped like the provider's response (no items array, an item that is
    /// not an object, …).
    case unexpectedShape(String)
    /// A problem the document reader describes in words (`expected ',' or ']'`), or a document of
    /// the wrong shape for what reads it (a saved-search file that is not an array).
    case syntax(String)
  }

  public var kind: Kind
  /// Bytes from the start of the body to the offending byte (or to the end, for `unexpectedEnd`).
  public var byteOffset: Int

  package init(_ kind: Kind, byteOffset: Int) {
    self.kind = kind
    self.byteOffset = byteOffset
  }

  /// One line: `malformed JSON at byte 17: unexpected ',' (0x2C)`.
  public var description: String {
    switch kind {
    case .unexpectedShape(let what):
      return "unexpected response at byte \(byteOffset): \(what)"
    case .valueTooLarge(let limit):
      return "response value at byte \(byteOffset) is larger than the limit of \(limit) bytes"
    default:
      return "malformed JSON at byte \(byteOffset): \(message)"
    }
  }

  /// What is wrong, without the offset (`unexpected ',' (0x2C)`).
  public var message: String {
    switch kind {
    case .unexpectedByte(let b): "unexpected \(Self.show(b))"
    case .unexpectedEnd: "unexpected end of input"
    case .invalidUTF8: "invalid UTF-8"
    case .controlCharacterInString(let b): "unescaped control character \(Self.show(b)) in a string"
    case .invalidEscape(let b): "invalid escape '\\' followed by \(Self.show(b))"
    case .invalidUnicodeEscape: "'\\u' must be followed by four hexadecimal digits"
    case .loneSurrogate: "unpaired UTF-16 surrogate in a '\\u' escape"
    case .leadingZero: "a number cannot have a leading zero"
    case .invalidNumber: "invalid number"
    case .invalidLiteral: "invalid literal (expected true, false or null)"
    case .depthLimitExceeded(let limit): "nesting deeper than \(limit) levels"
    case .trailingData: "unexpected data after the JSON value"
    case .valueTooLarge(let limit): "value larger than \(limit) bytes"
    case .unexpectedShape(let what): what
    case .syntax(let what): what
    }
  }

  private static func show(_ b: UInt8) -> String {
    let hex = String(b, radix: 16, uppercase: true)
    let code = "0x" + (hex.count == 1 ? "0" + hex : hex)
    if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))' (\(code))" }
    return "byte \(code)"
  }
}
