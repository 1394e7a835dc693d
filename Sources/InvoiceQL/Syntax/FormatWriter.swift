/// The canonical text of a tree (see `Formatter`), written into one byte buffer.
///
/// Appending the pieces to a `String` cost a few hundred instructions each (growing the string,
/// making temporary strings for dates and quoted text); the bytes are instead appended to one
/// reserved buffer and decoded into a `String` once. The text is exactly `Formatter`'s.
struct FormatWriter {
  private var bytes: [UInt8] = []

  init() { bytes.reserveCapacity(128) }

  /// What was written.
  var text: String { String(decoding: bytes, as: UTF8.self) }

  /// Writes a fixed piece (`put`, not `write`: a literal would pick the `String` overload).
  mutating func put(_ piece: StaticString) {
    bytes.append(contentsOf: UnsafeBufferPointer(start: piece.utf8Start, count: piece.utf8CodeUnitCount))
  }

  mutating func write(_ piece: String) {
    let done: Void? = piece.utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
    if done == nil { bytes.append(contentsOf: piece.utf8) }
  }

  private mutating func writeByte(_ b: UInt8) { bytes.append(b) }

  /// Writes `number` in decimal, padded with zeros to `width` digits (`0 <= number < 10^width`).
  private mutating func writeDigits(_ number: Int, width: Int) {
    var divisor = 1
    for _ in 1..<width { divisor *= 10 }
    var rest = number
    while divisor > 0 {
      writeByte(UInt8(truncatingIfNeeded: 0x30 + rest / divisor))
      rest %= divisor
      divisor /= 10
    }
  }

  // MARK: Names

  /// Whether `name` is written as it is in a field's first position: a plain identifier and no
  /// keyword (`Lexer.isPlainIdentifier` and `Keyword(word:)`, told in one pass for ASCII names).
  static func isPlainName(_ name: String) -> Bool {
    switch asciiWord(name) {
    case .plain: true
    case .keyword, .notPlain: false
    case nil: Lexer.isPlainIdentifier(name)  // Not ASCII, so no keyword.
    }
  }

  enum ASCIIWord { case plain, keyword, notPlain }

  /// How an ASCII `word` reads as a plain word; nil when it is not ASCII.
  static func asciiWord(_ word: String, relativeBaseIsKeyword: Bool = false) -> ASCIIWord? {
    let answer = word.utf8.withContiguousStorageIfAvailable { b -> ASCIIWord? in
      guard let head = b.first else { return .notPlain }
      // The run of letters, digits and `_` (the whole word, for a plain one) as the lexer reads it.
      var end = 0
      while end < b.count, Scanner.isWordByte(b[end]) { end &+= 1 }
      if end < b.count {
        for i in end..<b.count where b[i] >= 0x80 { return nil }
        return .notPlain
      }
      guard head == 0x5F || (head | 0x20) &- 0x61 < 26 else { return .notPlain }
      // The lexer's key, so a word is a keyword here exactly when the lexer reads it as one.
      guard let key = WordKey(alphanumericRun: b, 0..<b.count) else { return .plain }
      if key.keyword != nil || (relativeBaseIsKeyword && key.relativeBase != nil) { return .keyword }
      return .plain
    }
    // Not contiguous (never for native strings): the plain definitions.
    guard let answer else { return asciiWordByDefinition(word, relativeBaseIsKeyword: relativeBaseIsKeyword) }
    return answer
  }

  /// `asciiWord` by the plain definitions (`Lexer.isPlainIdentifier`, `Keyword(word:)`); the
  /// byte loop above must give the same answer for every word (`FormatterTests` compares them).
  static func asciiWordByDefinition(_ word: String, relativeBaseIsKeyword: Bool) -> ASCIIWord? {
    guard word.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
    if !Lexer.isPlainIdentifier(word) { return .notPlain }
    let reserved =
      Keyword(word: word) != nil
      || (relativeBaseIsKeyword && (word.equalsFolded("today") || word.equalsFolded("now")))
    return reserved ? .keyword : .plain
  }

  mutating func write(_ field: FieldPath) {
    for (i, component) in field.components.enumerated() {
      if i > 0 { put(".") }
      let plain = i == 0 ? Self.isPlainName(component) : Lexer.isPlainIdentifier(component)
      if plain { write(component) } else { write(Formatter.quoteName(component)) }
    }
  }

  // MARK: Literals

  /// Writes `text` in double quotes (as `Formatter.quote`).
  mutating func writeQuoted(_ text: String) {
    if Formatter.needsEscapes(text) {
      write(Formatter.quote(text))
    } else {
      writeByte(0x22)
      write(text)
      writeByte(0x22)
    }
  }

  mutating func write(_ literal: Literal) {
    switch literal.kind {
    case .string(let s): writeQuoted(s)
    case .word(let w):
      let bare =
        switch Self.asciiWord(w, relativeBaseIsKeyword: true) {
        case .plain: true
        case .keyword, .notPlain: false
        case nil: Formatter.isBareWord(w)
        }
      if bare { write(w) } else { writeQuoted(w) }
    case .number(let n):
      // The lexer's canonical spelling: the exponent letter lowercased.
      guard Scanner.isNumber(n.utf8) else {
        writeQuoted(n)
        return
      }
      for b in n.utf8 { writeByte(b == UInt8(ascii: "E") ? UInt8(ascii: "e") : b) }
    case .date(let d): write(d)
    case .dateTime(let dt): write(dt.description)
    case .relative(let r): write(r.description)
    case .boolean(let b): put(b ? "true" : "false")
    }
  }

  /// `CivilDate.description` (`YYYY-MM-DD`) without its temporary strings.
  mutating func write(_ d: CivilDate) {
    guard (0...9999).contains(d.year), (0...99).contains(d.month), (0...99).contains(d.day) else {
      write(d.description)
      return
    }
    writeDigits(d.year, width: 4)
    writeByte(UInt8(ascii: "-"))
    writeDigits(d.month, width: 2)
    writeByte(UInt8(ascii: "-"))
    writeDigits(d.day, width: 2)
  }

  // MARK: Expressions

  /// Binding strength: what may appear unparenthesised where.
  private enum Level: Int, Comparable {
    case or = 1, and, not, primary
    static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
  }

  private static func level(_ e: Expression) -> Level {
    switch e.kind {
    case .or: .or
    case .and: .and
    case .not: .not
    default: .primary
    }
  }

  /// Writes `e`, parenthesised when it binds less tightly than `minimum`.
  private mutating func write(_ e: Expression, atLeast minimum: Level) {
    if Self.level(e) < minimum {
      put("(")
      write(e)
      put(")")
    } else {
      write(e)
    }
  }

  mutating func write(_ e: Expression) {
    switch e.kind {
    case .or(let operands):
      // An `or` directly inside an `or` is parenthesised: that keeps a hand-built tree's shape.
      for (i, operand) in operands.enumerated() {
        if i > 0 { put(" or ") }
        write(operand, atLeast: .and)
      }
    case .and(let operands):
      for (i, operand) in operands.enumerated() {
        if i > 0 { put(" and ") }
        write(operand, atLeast: .not)
      }
    case .not(let operand):
      put("not ")
      write(operand, atLeast: .not)
    case .comparison(let field, let op, let value):
      write(field)
      writeByte(0x20)
      write(op.rawValue)
      writeByte(0x20)
      write(value)
    case .membership(let field, let values, let negated):
      write(field)
      put(negated ? " not in (" : " in (")
      for (i, value) in values.enumerated() {
        if i > 0 { put(", ") }
        write(value)
      }
      put(")")
    case .between(let field, let low, let high):
      write(field)
      put(" between ")
      write(low)
      put(" and ")
      write(high)
    case .isNull(let field, let negated):
      write(field)
      put(negated ? " is not null" : " is null")
    case .text(let field, let op, let value):
      write(field)
      writeByte(0x20)
      write(op.rawValue)
      writeByte(0x20)
      write(value)
    case .quantified(let q, let field, let body):
      write(q.rawValue)
      put("(")
      write(field)
      put(", ")
      write(body)
      put(")")
    }
  }
}
