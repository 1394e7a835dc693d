import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

/// Judging one invoice in place: `ReferenceEvaluator`'s rules, read off the validated bytes.
extension CompiledFilter {
  /// The truth of the filter for the validated JSON object at `start` in `bytes`, whose top-level
  /// members that the projection reads are `members` (in document order, as `ItemScanner` reports
  /// them): what `ReferenceEvaluator.evaluate` answers for the projected invoice.
  func evaluate(_ bytes: UnsafeBufferPointer<UInt8>, objectAt start: Int, members: [ItemScanner.Member])
    -> Truth
  {
    nodes.withUnsafeBufferPointer { nodes in
      links.withUnsafeBufferPointer { links in
        constants.withUnsafeBufferPointer { constants in
          pool.withUnsafeBufferPointer { pool in
            members.withUnsafeBufferPointer { members in
              let program = Program(
                nodes: nodes, links: links, constants: constants, pool: pool,
                reader: JSONReader(bytes: bytes),
                members: members)
              return program.evaluate(top, Program.Scope(value: start, isRoot: true))
            }
          }
        }
      }
    }
  }
}

/// The compiled filter's tables and one invoice, all borrowed: judging copies and counts nothing.
private struct Program {
  let nodes: UnsafeBufferPointer<CompiledFilter.Node>
  let links: UnsafeBufferPointer<Int>
  let constants: UnsafeBufferPointer<CompiledFilter.Constant>
  let pool: UnsafeBufferPointer<UInt8>
  let reader: JSONReader
  /// The invoice's members the projection reads (`ItemScanner.members`).
  let members: UnsafeBufferPointer<ItemScanner.Member>

  typealias Reading = CompiledFilter.Reading

  /// What field paths start from: the invoice, or one element of an array a quantifier ranges over.
  struct Scope {
    /// Where the scope's value starts.
    var value: Int
    /// Whether it is the invoice (whose members the scanner found).
    var isRoot: Bool
  }

  /// A field's value read as its `Reading`; positions are in the text it was read from.
  enum Scalar {
    case decimal(DecimalText)
    /// The whole text is the string's UTF-8.
    case string
    case boolean(Bool)
    /// `CompiledFilter.day(of:)` of the date.
    case date(Int)
    case instant(seconds: Int, fraction: Range<Int>)
  }

  func evaluate(_ n: Int, _ scope: Scope) -> Truth {
    switch nodes[n] {
    case .constant(let t):
      return t
    case .and(let range):
      return junction(range, scope, decisive: .false)
    case .or(let range):
      return junction(range, scope, decisive: .true)
    case .not(let inner):
      return !evaluate(inner, scope)
    case .quantified(let q, let path, let body):
      return quantify(q, value(path, scope), body)
    case .isNull(let path, let negated):
      let isNull = value(path, scope).map { reader.byte($0) == UInt8(ascii: "n") } ?? true
      return Truth(isNull != negated)
    case .compare(let path, let reading, let op, let c):
      guard let at = value(path, scope) else { return .unknown }
      return read(reading, at) { scalar, text in
        guard let scalar, let o = order(scalar, text, constants[c]) else { return .unknown }
        return Self.truth(op, o)
      }
    case .member(let path, let reading, let range, let negated, let mismatched):
      guard let at = value(path, scope) else { return .unknown }
      let found: Truth = read(reading, at) { scalar, text in
        guard let scalar else { return .unknown }
        for c in range where order(scalar, text, constants[c]) == 0 { return .true }
        return mismatched ? .unknown : .false
      }
      return negated ? !found : found
    case .text(let path, let op, let needle):
      guard let at = value(path, scope), reader.byte(at) == JSONReader.quote else { return .unknown }
      let end = Swift.max(reader.skipString(at) - 1, at + 1)
      let needle = String(decoding: UnsafeBufferPointer(rebasing: pool[needle]), as: UTF8.self)
      return Truth(TextMatching.matches(reader.decodeString(at + 1, end), op, needle))
    }
  }

  /// Kleene `and` (`decisive` false) or `or` (`decisive` true) of the nodes at `links[range]`:
  /// the first decisive part decides, and the parts after it are not judged.
  private func junction(_ range: Range<Int>, _ scope: Scope, decisive: Truth) -> Truth {
    var result = !decisive
    for k in range {
      let t = evaluate(links[k], scope)
      if t == decisive { return t }
      if t == .unknown { result = .unknown }
    }
    return result
  }

  /// Kleene quantification over the array at `at`: an absent or null array has no elements, any
  /// other value that is not an array is unknown.
  private func quantify(_ q: Quantifier, _ at: Int?, _ body: Int) -> Truth {
    let empty: Truth = q == .any ? .false : .true
    guard let at, reader.byte(at) != UInt8(ascii: "n") else { return empty }
    guard reader.byte(at) == UInt8(ascii: "[") else { return .unknown }
    let decisive: Truth = q == .any ? .true : .false
    var result = empty
    _ = reader.forEachElement(at) { element in
      if result != decisive {
        let t = evaluate(body, Scope(value: element, isRoot: false))
        if t == decisive || t == .unknown { result = t }
      }
      return reader.skipValue(element)
    }
    return result
  }

  /// Where the value at `p` from `scope` starts; nil when a key is missing or a step is not an
  /// object. A repeated key reads its last occurrence.
  private func value(_ p: CompiledFilter.Path, _ scope: Scope) -> Int? {
    var at = scope.value
    if p.root >= 0 {
      guard scope.isRoot else { return nil }
      var k = members.count - 1
      while k >= 0 && members[k].index != p.root { k -= 1 }
      guard k >= 0 else { return nil }
      at = members[k].valueStart
    }
    for k in stride(from: p.keys.lowerBound, to: p.keys.upperBound, by: 2) {
      guard reader.byte(at) == UInt8(ascii: "{"), let next = member(links[k]..<links[k + 1], in: at) else {
        return nil
      }
      at = next
    }
    return at
  }

  /// Where the value of the last member of the object at `at` whose key is `pool[key]` starts.
  private func member(_ key: Range<Int>, in at: Int) -> Int? {
    let key = UnsafeBufferPointer(rebasing: pool[key])
    var found: Int?
    _ = reader.forEachMember(at) { keyStart, keyEnd, valueStart in
      if reader.keyEquals(keyStart, keyEnd, key) { found = valueStart }
      return reader.skipValue(valueStart)
    }
    return found
  }

  /// Reads the value at `at` as `reading` (`Value.read`'s rule) and calls `body` with it (nil when
  /// it does not read so) and the text its positions are in.
  @inline(__always)
  private func read<R>(_ reading: Reading, _ at: Int, _ body: (Scalar?, UnsafeBufferPointer<UInt8>) -> R) -> R
  {
    let c = reader.byte(at)
    switch reading {
    case .decimal, .integer:
      func number(_ text: UnsafeBufferPointer<UInt8>) -> R {
        guard let d = DecimalText(text), reading == .decimal || d.isWhole else { return body(nil, text) }
        return body(.decimal(d), text)
      }
      if c == JSONReader.quote { return withString(at, number) }
      guard c == UInt8(ascii: "-") || JSONScanner.isDigit(c) else { return body(nil, reader.bytes) }
      return number(UnsafeBufferPointer(rebasing: reader.bytes[at..<reader.scalarEnd(at)]))
    case .string:
      guard c == JSONReader.quote else { return body(nil, reader.bytes) }
      return withString(at) { body(.string, $0) }
    case .boolean:
      let b: Scalar? =
        c == UInt8(ascii: "t") ? .boolean(true) : c == UInt8(ascii: "f") ? .boolean(false) : nil
      return body(b, reader.bytes)
    case .date:
      guard c == JSONReader.quote else { return body(nil, reader.bytes) }
      return withString(at) { text in
        guard let date = DateTimeText.date(utf8: text) ?? DateTimeText.parts(utf8: text)?.date,
          let day = CompiledFilter.day(of: date)
        else { return body(nil, text) }
        return body(.date(day), text)
      }
    case .instant:
      guard c == JSONReader.quote else { return body(nil, reader.bytes) }
      return withString(at) { text in
        if let p = DateTimeText.parts(utf8: text) {
          let local = p.date.daysSinceEpoch * 86_400 + p.hour * 3600 + p.minute * 60 + p.second
          return body(.instant(seconds: local - (p.offsetSeconds ?? 0), fraction: p.fraction), text)
        }
        if let d = DateTimeText.date(utf8: text) {
          return body(.instant(seconds: d.daysSinceEpoch * 86_400, fraction: 0..<0), text)
        }
        return body(nil, text)
      }
    }
  }

  /// Calls `body` with the UTF-8 of the string whose opening quote is at `at`: its bytes in place,
  /// or decoded when it holds an escape.
  @inline(__always)
  private func withString<R>(_ at: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    let (end, escaped) = reader.stringEnd(at)
    let contentEnd = Swift.max(end - 1, at + 1)
    guard escaped else { return body(UnsafeBufferPointer(rebasing: reader.bytes[(at + 1)..<contentEnd])) }
    var decoded = reader.decodeString(at + 1, contentEnd)
    return decoded.withUTF8(body)
  }

  /// Orders `scalar` (read from `text`) against constant `c`, as `Value.order` orders the values:
  /// -1, 0 or 1; nil for values of different kinds.
  private func order(_ scalar: Scalar, _ text: UnsafeBufferPointer<UInt8>, _ c: CompiledFilter.Constant)
    -> Int?
  {
    switch (scalar, c) {
    case (.decimal(let d), .decimal(let negative, let digits, let exponent)):
      return d.order(in: text, negative, UnsafeBufferPointer(rebasing: pool[digits]), exponent)
    case (.string, .string(let bytes)):
      return Self.order(text, UnsafeBufferPointer(rebasing: pool[bytes]))
    case (.boolean(let x), .boolean(let y)):
      return x == y ? 0 : (x ? 1 : -1)
    case (.date(let x), .date(let y)):
      return x < y ? -1 : (x == y ? 0 : 1)
    case (.instant(let s, let f), .instant(let cs, let cf)):
      if s != cs { return s < cs ? -1 : 1 }
      return Self.orderDigits(
        UnsafeBufferPointer(rebasing: text[f]), UnsafeBufferPointer(rebasing: pool[cf]))
    default:
      return nil
    }
  }

  /// Lexicographic byte order, a prefix first: for UTF-8, Unicode scalar order (`Value.scalarOrder`).
  static func order(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
    let n = Swift.min(a.count, b.count)
    for k in 0..<n where a[k] != b[k] { return a[k] < b[k] ? -1 : 1 }
    return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
  }

  /// Orders two fractions of a second digit by digit, the shorter padded with zeros (`Instant`'s `<`).
  static func orderDigits(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
    for k in 0..<Swift.max(a.count, b.count) {
      let x = k < a.count ? a[k] : 48
      let y = k < b.count ? b[k] : 48
      if x != y { return x < y ? -1 : 1 }
    }
    return 0
  }

  /// `a op b` for two values that `order` to `o` (`Value.compare`).
  static func truth(_ op: ComparisonOperator, _ o: Int) -> Truth {
    switch op {
    case .equal: Truth(o == 0)
    case .notEqual: Truth(o != 0)
    case .less: Truth(o < 0)
    case .lessOrEqual: Truth(o <= 0)
    case .greater: Truth(o > 0)
    case .greaterOrEqual: Truth(o >= 0)
    }
  }
}
