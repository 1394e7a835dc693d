/// The literal-reading half of the scanner: strings, backquoted names, numbers, dates, date-times
/// and relative dates. Each reads a maximal run first and then validates it, so an error covers
/// exactly the text the user wrote as one value.
extension Scanner {
  /// Largest amount accepted in a relative date (`today-1000000d` is an error, not an overflow later).
  static let maximumRelativeAmount = 1_000_000

  /// `"…"` or `'…'` with the escapes `\" \' \\ \n \t \uXXXX` (a surrogate pair as two `\u`).
  mutating func string() -> LexedToken {
    let start = position
    let quote = bytes[position]
    position += 1
    var decoded: [UInt8] = []
    var escaped = false
    var escapeError: LexedToken?
    while true {
      let b = byte(position)
      if position >= bytes.count || b == 0x0A || b == 0x0D {
        let q = quote == UInt8(ascii: "\"") ? "\"" : "'"
        return invalid(
          .unterminatedString, "unterminated string", from: start,
          help: ["end the string with \(q) on the same line"])
      }
      if b == quote {
        position += 1
        if let escapeError { return escapeError }
        // Without escapes the value is the bytes between the quotes: no payload to keep.
        guard escaped else {
          return LexedToken(.literal, range: SourceRange(start, position), form: .plainString)
        }
        return valued(
          .literal(.string(String(decoding: decoded, as: UTF8.self))), range: SourceRange(start, position))
      }
      if b == UInt8(ascii: "\\") {
        escaped = true
        let escapeStart = position
        switch unescape() {
        case .success(let scalar): decoded.append(contentsOf: Array(String(scalar).utf8))
        case .failure(let message):
          if escapeError == nil {
            let saved = position
            defer { position = saved }
            position = Swift.max(escapeStart + 1, saved)
            escapeError = invalid(
              .invalidEscape, message, from: escapeStart,
              help: ["the escapes are \\\" \\' \\\\ \\n \\t and \\uXXXX"])
          }
        }
        continue
      }
      decoded.append(b)
      position += 1
    }
  }

  enum Unescaped {
    case success(Unicode.Scalar)
    case failure(String)
  }

  /// Reads one escape starting at the backslash; always consumes at least the backslash.
  mutating func unescape() -> Unescaped {
    position += 1
    let b = byte(position)
    guard position < bytes.count, b != 0x0A, b != 0x0D else { return .failure("incomplete escape sequence") }
    switch b {
    case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"):
      position += 1
      return .success(Unicode.Scalar(b))
    case UInt8(ascii: "n"):
      position += 1
      return .success("\n")
    case UInt8(ascii: "t"):
      position += 1
      return .success("\t")
    case UInt8(ascii: "u"):
      position += 1
      guard let high = hex4() else { return .failure("'\\u' needs four hexadecimal digits") }
      if (0xD800...0xDBFF).contains(high) {
        guard byte(position) == UInt8(ascii: "\\"), byte(position + 1) == UInt8(ascii: "u") else {
          return .failure("unpaired surrogate '\\u\(String(high, radix: 16, uppercase: true))'")
        }
        position += 2
        guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else {
          return .failure("unpaired surrogate '\\u\(String(high, radix: 16, uppercase: true))'")
        }
        let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        guard let scalar = Unicode.Scalar(value) else { return .failure("invalid escape sequence") }
        return .success(scalar)
      }
      guard let scalar = Unicode.Scalar(high) else {
        return .failure("unpaired surrogate '\\u\(String(high, radix: 16, uppercase: true))'")
      }
      return .success(scalar)
    default:
      let shown = scalar(at: position).map { String($0.scalar) } ?? "?"
      position += scalar(at: position)?.length ?? 1
      return .failure("invalid escape sequence '\\\(shown)'")
    }
  }

  /// Four hexadecimal digits, consumed only when all four are there.
  mutating func hex4() -> UInt32? {
    var value: UInt32 = 0
    for k in 0..<4 {
      guard let digit = hexValue(byte(position + k)) else { return nil }
      value = value << 4 | digit
    }
    position += 4
    return value
  }

  func hexValue(_ b: UInt8) -> UInt32? {
    switch b {
    case 0x30...0x39: UInt32(b - 0x30)
    case 0x41...0x46: UInt32(b - 0x41 + 10)
    case 0x61...0x66: UInt32(b - 0x61 + 10)
    default: nil
    }
  }

  /// `` `name` `` with the escapes `` \` `` and `\\`: a field-name component that is not a plain word.
  mutating func quotedName() -> LexedToken {
    let start = position
    position += 1
    var decoded: [UInt8] = []
    while true {
      let b = byte(position)
      if position >= bytes.count || b == 0x0A || b == 0x0D {
        return invalid(
          .unterminatedString, "unterminated backquoted name", from: start,
          help: ["end the name with ` on the same line"])
      }
      if b == UInt8(ascii: "`") {
        position += 1
        if decoded.isEmpty { return invalid(.unexpectedToken, "empty field name", from: start) }
        return valued(
          .quotedName(String(decoding: decoded, as: UTF8.self)), range: SourceRange(start, position))
      }
      if b == UInt8(ascii: "\\") {
        let next = byte(position + 1)
        if next == UInt8(ascii: "`") || next == UInt8(ascii: "\\") {
          decoded.append(next)
          position += 2
          continue
        }
        let escapeStart = position
        position += 1
        while position < bytes.count, byte(position) != UInt8(ascii: "`"), byte(position) != 0x0A {
          position += 1
        }
        if position < bytes.count, byte(position) == UInt8(ascii: "`") { position += 1 }
        let saved = position
        position = escapeStart + 2 <= bytes.count ? escapeStart + 2 : escapeStart + 1
        let token = invalid(
          .invalidEscape, "invalid escape sequence in a backquoted name", from: escapeStart,
          help: ["a backquoted name knows only the escapes \\` and \\\\"])
        position = saved
        return token
      }
      decoded.append(b)
      position += 1
    }
  }

  /// A number (`-3.5`, `1e3`), a date (`2025-05-01`) or a date-time (`2025-05-01T10:00:00Z`).
  mutating func numberOrDate() -> LexedToken {
    let start = position
    var digits = 0
    while Self.isDigit(byte(position + digits)) { digits += 1 }
    if digits == 4, byte(position + 4) == UInt8(ascii: "-"), Self.isDigit(byte(position + 5)) {
      return dateOrDateTime()
    }
    if byte(position) == UInt8(ascii: "-") { position += 1 }
    // The maximal run: alphanumerics and points, and a sign right after an exponent letter.
    while true {
      let b = byte(position)
      if Self.isASCIIAlnum(b) || b == UInt8(ascii: ".") {
        position += 1
      } else if (b == UInt8(ascii: "+") || b == UInt8(ascii: "-")),
        byte(position - 1) | 0x20 == UInt8(ascii: "e"), Self.isDigit(byte(position + 1))
      {
        position += 1
      } else {
        break
      }
    }
    let end = position
    // Validated in place; the parser reads the spelling from the bytes (`canonicalNumber`).
    guard
      bytes.withUnsafeBufferPointer({ Self.isNumber(bytes: UnsafeBufferPointer(rebasing: $0[start..<end])) })
    else {
      let spelled = text(start..<position)
      return invalid(
        .invalidNumber, "invalid number '\(spelled)'", from: start,
        help: ["numbers are written like 100, -3.5 or 1e3; quote text: \"\(spelled)\""])
    }
    return LexedToken(.literal, range: SourceRange(start, position), form: .number)
  }

  /// The canonical spelling of the valid number `bytes[range]`: the exponent letter lowercased.
  static func canonicalNumber(_ bytes: [UInt8], _ range: Range<Int>) -> String {
    let spelled = bytes[range]
    guard spelled.contains(UInt8(ascii: "E")) else { return LexedTokens.text(bytes, range) }
    return String(decoding: spelled.map { $0 == UInt8(ascii: "E") ? UInt8(ascii: "e") : $0 }, as: UTF8.self)
  }

  /// Whether `utf8` spells `-? digits ( "." digits )? ( [eE] [+-]? digits )?`.
  static func isNumber(_ utf8: String.UTF8View) -> Bool {
    utf8.withContiguousStorageIfAvailable { isNumber(bytes: $0) } ?? isNumber(bytes: Array(utf8))
  }

  private static func isNumber(bytes b: some RandomAccessCollection<UInt8>) -> Bool {
    var i = b.startIndex
    func digits() -> Bool {
      let from = i
      while i < b.endIndex, isDigit(b[i]) { b.formIndex(after: &i) }
      return i > from
    }
    if i < b.endIndex, b[i] == UInt8(ascii: "-") { b.formIndex(after: &i) }
    guard digits() else { return false }
    if i < b.endIndex, b[i] == UInt8(ascii: ".") {
      b.formIndex(after: &i)
      guard digits() else { return false }
    }
    if i < b.endIndex, b[i] | 0x20 == UInt8(ascii: "e") {
      b.formIndex(after: &i)
      if i < b.endIndex, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { b.formIndex(after: &i) }
      guard digits() else { return false }
    }
    return i == b.endIndex
  }

  /// `YYYY-MM-DD`, optionally followed by `T` and a time with an optional offset.
  mutating func dateOrDateTime() -> LexedToken {
    let start = position
    while true {
      let b = byte(position)
      guard
        Self.isASCIIAlnum(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: ":")
          || b == UInt8(ascii: ".") || b == UInt8(ascii: "+")
      else { break }
      position += 1
    }
    let end = position
    let read = bytes.withUnsafeBufferPointer {
      DateLiteralReader.read(utf8: UnsafeBufferPointer(rebasing: $0[start..<end]))
    }
    switch read {
    case .date(let date): return LexedToken.date(date, range: SourceRange(start, position))
    case .dateTime(let dt): return valued(.literal(.dateTime(dt)), range: SourceRange(start, position))
    case .invalid(let kind, let message, let help):
      return invalid(kind, message, from: start, help: help)
    }
  }

  /// `today±N unit` / `now±N unit`; the position is at the sign. Spaces after the sign are allowed.
  mutating func relative(base: RelativeDate.Base, start: Int) -> LexedToken {
    let negative = byte(position) == UInt8(ascii: "-")
    position += 1
    while byte(position) == 0x20 || byte(position) == 0x09 { position += 1 }
    let amountStart = position
    while Self.isDigit(byte(position)) { position += 1 }
    let amountEnd = position
    while let (s, length) = scalar(at: position), Lexer.isIdentifierContinue(s) { position += length }
    let spelled = text(start..<position)
    let amountText = text(amountStart..<amountEnd)
    let unitText = text(amountEnd..<position).lowercased()
    let allowed = base == .today ? RelativeDate.Unit.dateUnits : RelativeDate.Unit.allCases
    let unitList = allowed.map(\.rawValue).joined(separator: " ")
    guard !amountText.isEmpty else {
      return invalid(
        .invalidRelativeDate, "invalid relative date '\(spelled)': expected a number after the sign",
        from: start, help: ["write it like \(base == .today ? "today-30d" : "now-2h")"])
    }
    guard amountText.count <= 7, let amount = Int(amountText), amount <= Self.maximumRelativeAmount else {
      return invalid(
        .invalidRelativeDate, "relative date '\(spelled)' is too far away", from: start,
        help: ["the amount can be at most \(Self.maximumRelativeAmount)"])
    }
    guard let unit = RelativeDate.Unit(rawValue: unitText), allowed.contains(unit) else {
      var help = ["after '\(base.rawValue)' the units are \(unitList)"]
      if base == .today, RelativeDate.Unit(rawValue: unitText) != nil {
        help.append(
          "'today' is a date; for a time of day write now\(negative ? "-" : "+")\(amount)\(unitText)")
      }
      let message =
        unitText.isEmpty
        ? "invalid relative date '\(spelled)': missing unit"
        : RelativeDate.Unit(rawValue: unitText) != nil
          ? "invalid relative date '\(spelled)': '\(base.rawValue)' takes no unit '\(unitText)'"
          : "invalid relative date '\(spelled)': unknown unit '\(unitText)'"
      return invalid(.invalidRelativeDate, message, from: start, help: help)
    }
    let date = RelativeDate(base: base, amount: negative ? -amount : amount, unit: unit)
    return valued(.literal(.relative(date)), range: SourceRange(start, position))
  }
}
