@testable import InvoiceQL
@testable import InvoiceQLImport
@testable import InvoiceQLJSON
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSavedSearches
@testable import InvoiceQLSemantics
@testable import InvoiceQLStreaming
@testable import InvoiceQLSyntax

/// Random filters over a small made-up catalog, and random invoices written as JSON text the way
/// providers might: any value of any type in any field, nulls, missing and repeated keys, escapes
/// anywhere in strings and keys, whitespace between tokens. For the `CompiledFilter` property test.
struct CompiledFilterGenerator {
  var random: StreamingRandom

  /// Field types a path may be read as (deliberately not always the data's).
  static let types: [FieldType] = [
    .enumeration(["open", "paid", "Ünïcode"]), .string, .decimal, .integer, .id(numeric: true),
    .id(numeric: false), .boolean, .date, .dateTime, .object, .array(element: .object),
  ]
  /// Paths from the invoice.
  static let rootPaths: [[String]] = [
    ["status"], ["amount"], ["count"], ["due"], ["at"], ["flag"], ["name"], ["café"], ["a\"b"],
    ["addr", "city"], ["addr", "zip"], ["addr", "geo", "lat"], ["missing"], ["addr"],
  ]
  /// Paths from an element of `lines`.
  static let linePaths: [[String]] = [["kind"], ["qty"], ["when"], ["status"], []]

  /// What a key usually holds (its field's type in the catalog); the data and the filters stray
  /// from it now and then. Elements of `tags` (the empty path) are strings.
  static func natural(_ path: [String]) -> FieldType {
    switch path.last ?? "tags" {
    case "status": .enumeration(["open", "paid", "Ünïcode"])
    case "amount", "zip", "lat", "qty": .decimal
    case "count": .integer
    case "due", "when": .date
    case "at": .dateTime
    case "flag": .boolean
    case "addr": .object
    default: .string
    }
  }

  // MARK: - Filters

  mutating func field(_ paths: [[String]]) -> BoundField {
    let path = random.pick(paths)
    return BoundField(
      path: path, type: random.chance(70) ? Self.natural(path) : random.pick(Self.types), name: "f")
  }

  /// The kind of constant a field of `type` compares with (nil: none does).
  static func kind(_ type: FieldType) -> Int? {
    switch type {
    case .string, .enumeration, .id(numeric: false): 0
    case .decimal, .integer, .id(numeric: true): 1
    case .boolean: 2
    case .date: 3
    case .dateTime: 4
    case .object, .array: nil
    }
  }

  /// A constant, mostly of the kind `type` compares with, and mostly one that some data value equals
  /// or nearly equals.
  mutating func constant(for type: FieldType) -> Value {
    let kind = random.chance(80) ? Self.kind(type) ?? random.below(5) : random.below(5)
    switch kind {
    case 0:
      return .string(random.pick(Self.strings))
    case 1:
      let spelling = random.pick(Self.decimalSpellings.filter { ExactDecimal(json: $0) != nil })
      return .decimal(ExactDecimal(json: spelling) ?? .zero)
    case 2: return .boolean(random.chance(50))
    case 3:
      let s = dateSpelling()
      let date = DateTimeText.date(s) ?? DateTimeText.dateTime(s)?.date
      return .date(date?.adding(days: random.pick([0, 0, 0, -1, 1])) ?? CivilDate(daysSinceEpoch: 20_000))
    default:
      let s = dateSpelling()
      var instant =
        DateTimeText.dateTime(s).map { Instant($0) }
        ?? DateTimeText.date(s).map { Instant(seconds: $0.daysSinceEpoch * 86_400, fraction: "") }
        ?? Instant(seconds: 0, fraction: "")
      instant.seconds += random.pick([0, 0, 0, -1, 1, 3600])
      if random.chance(20) {
        instant = Instant(seconds: instant.seconds, fraction: random.pick(["", "5", "36", "0000001"]))
      }
      return .instant(instant)
    }
  }

  mutating func predicate(_ paths: [[String]]) -> BoundExpression {
    let f = field(paths)
    switch random.below(5) {
    case 0: return .predicate(.isNull(f, negated: random.chance(50)))
    case 1, 2: return .predicate(.compare(f, random.pick(ComparisonOperator.allCases), constant(for: f.type)))
    case 3:
      let values = (0..<random.below(4)).map { _ in constant(for: f.type) }
      return .predicate(.member(f, values, negated: random.chance(40)))
    default:
      return .predicate(
        .text(
          f, random.pick(TextOperator.allCases),
          random.pick([
            "", "OP", "é", "ß", "SS", "n", "İ", "😀", "a\"b", "\\", "\n", "pen", "ünï", "\u{0}", "b",
          ])))
    }
  }

  /// A random expression reading from the invoice (`inLine` false) or from a line item.
  mutating func expression(depth: Int = 0, inLine: Bool = false) -> BoundExpression {
    let paths = inLine ? Self.linePaths : Self.rootPaths
    switch depth > 2 ? random.below(2) : random.below(9) {
    case 0: return predicate(paths)
    case 1: return random.chance(80) ? predicate(paths) : .constant(random.chance(50))
    case 2, 3: return .and((0..<random.below(4)).map { _ in expression(depth: depth + 1, inLine: inLine) })
    case 4, 5: return .or((0..<random.below(4)).map { _ in expression(depth: depth + 1, inLine: inLine) })
    case 6: return .not(expression(depth: depth + 1, inLine: inLine))
    default:
      let array =
        inLine
        ? BoundField(path: ["tags"], type: .array(element: .string), name: "tags")
        : BoundField(
          path: random.pick([["lines"], ["addr"], ["missing"]]), type: .array(element: .object), name: "lines"
        )
      return .quantified(random.pick(Quantifier.allCases), array, expression(depth: depth + 1, inLine: true))
    }
  }

  // MARK: - Invoices

  static let decimalSpellings = [
    "0", "-0", "100", "100.10", "100.1", "1e2", "1E+2", "100e-0", "-5", "1E-400", "12345678901234567890.000",
    "99999999999999999999.01", "0.000000000000000000001", "1.5e2", "150", "-0.0", "2.50", "0.5e-3",
    "9e999999999999999999", "1e1000000000000", "+5", ".5", "5.", "01", "1e", "--1", "100.10e1",
  ]
  static let dateSpellings = [
    "2025-05-01", "2025-04-30", "2024-02-29", "2025-02-29", "2025-13-01", "2025-4-30", "2025-05-01T00:00:00Z",
    "2025-04-30T14:30:00.0000000+00:00", "2026-03-10T18:18:59.360Z", "2020-07-21 17:32:28Z",
    "2025-03-10T08:00:00",
    "2025-05-01t23:59z", "2025-05-01T23:59:59.999-05:00", "2025-05-01T10:00+0530", "2025-05-01T10:00:00-02",
    "2025-05-01T10:00:00+02:60", "2025-05-01T10:00:00.Z", "2025-05-01X10:00:00Z", "2025-05-01T1:00:00Z",
    " 2025-05-01", "1970-01-01T00:00:00.0000001Z", "1969-12-31T23:59:59.5Z", "yesterday", "0000-01-01",
    // Out of range: never an instant, however the digits would add up.
    "2025-05-01T24:00:00Z", "2025-04-30T23:60:00Z", "2025-04-30T23:59:60Z", "2025-04-30T10:00:00+24:00",
    "2025-04-30T99:99:99-99", "2025-04-30 25:00", "2025-05-01T00:00:00-2400",
  ]
  /// Strings for data and constants alike: prefixes of each other, cases, normalisations, escapes.
  static let strings = [
    "open", "paid", "OPEN", "", "Ünïcode", "ünïcode", "cafe\u{301}", "café", "Straße", "STRASSE", "😀", "😀x",
    "a\"b",
    "back\\slash", "tab\there", "line\nbreak", "\u{0}", "İstanbul", "ope", "opened", "x\u{7F}", "é",
    "e\u{301}",
    "\u{FFFF}", "\u{10000}", "2025-05-01", "100.1",
  ]

  /// A date or datetime spelling; half the time one of a few, so that data and constants meet, and
  /// now and then any digits in a datetime's shape (hours past 23, offsets past 23:59, …).
  mutating func dateSpelling() -> String {
    if random.chance(15) { return InPlaceReadingTests.dateTimeText(&random) }
    return random.pick(random.chance(50) ? Self.hotDates : Self.dateSpellings)
  }

  static let hotDates = [
    "2025-05-01T23:59:59.999-05:00", "2025-05-01T10:00+0530", "2025-05-01", "2025-04-30T22:00:00-02",
    "2025-05-01T00:00:00.500Z", "2025-05-01T02:00:00.5+02:00",
  ]

  /// What the field `key` holds: mostly a value of its natural type, in any accepted spelling.
  mutating func value(_ key: String) -> JSONValue {
    guard random.chance(70) else { return scalar() }
    switch Self.natural([key]) {
    case .decimal, .integer:
      let n = random.pick(Self.decimalSpellings)
      return random.chance(75) && ExactDecimal(json: n) != nil ? .number(n) : .string(n)
    case .date, .dateTime: return .string(dateSpelling())
    case .boolean: return .bool(random.chance(50))
    default: return .string(random.pick(Self.strings))
    }
  }

  /// Any JSON value, of any type: what a field may hold.
  mutating func scalar() -> JSONValue {
    switch random.below(10) {
    case 0: return .null
    case 1: return .bool(random.chance(50))
    case 2, 3:
      return .number(random.pick(Self.decimalSpellings.filter { ExactDecimal(json: $0) != nil }))
    case 4: return .string(random.pick(Self.decimalSpellings))
    case 5, 6: return .string(random.pick(Self.dateSpellings))
    case 7: return random.chance(50) ? .array([.string("a"), .number("1")]) : .object([])
    default: return .string(random.pick(Self.strings))
    }
  }

  mutating func line() -> JSONValue {
    if random.chance(10) { return scalar() }
    var members: [JSONMember] = []
    for key in ["kind", "qty", "when", "status"] where random.chance(70) {
      members.append(JSONMember(key, value(key)))
    }
    if random.chance(70) {
      let tags = (0..<random.below(4)).map { _ in value("tags") }
      members.append(JSONMember("tags", random.chance(90) ? .array(tags) : scalar()))
    }
    if random.chance(15), let repeated = members.first {
      members.append(JSONMember(repeated.key, value(repeated.key)))
    }
    members.shuffle(using: &random)
    return .object(members)
  }

  mutating func invoice() -> JSONValue {
    var members: [JSONMember] = [JSONMember("id", .string("inv-\(random.below(1000))"))]
    for key in ["status", "amount", "count", "due", "at", "flag", "name", "café", "a\"b", "other"]
    where random.chance(75) {
      members.append(JSONMember(key, value(key)))
    }
    if random.chance(80) {
      var addr: [JSONMember] = []
      for key in ["city", "zip"] where random.chance(75) { addr.append(JSONMember(key, value(key))) }
      if random.chance(50) {
        addr.append(
          JSONMember("geo", random.chance(80) ? .object([JSONMember("lat", value("lat"))]) : scalar()))
      }
      if random.chance(15), let repeated = addr.first {
        addr.append(JSONMember(repeated.key, value(repeated.key)))
      }
      members.append(JSONMember("addr", random.chance(90) ? .object(addr) : scalar()))
    }
    if random.chance(80) {
      let lines = (0..<random.below(4)).map { _ in line() }
      members.append(JSONMember("lines", random.chance(90) ? .array(lines) : scalar()))
    }
    // Repeated keys: the last one counts.
    for _ in 0..<random.below(3) {
      let key = random.pick(["status", "amount", "due", "addr", "lines", "café"])
      members.append(
        JSONMember(key, random.chance(50) ? value(key) : .object([JSONMember("city", value("city"))])))
    }
    members.shuffle(using: &random)
    return .object(members)
  }

  // MARK: - Writing JSON

  mutating func space() -> String { random.pick(["", "", "", " ", "\n  ", "\t", " \r\n "]) }

  /// `s` as a JSON string literal, each character escaped at random (`\u` and the short forms).
  mutating func quoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      let mustEscape = scalar == "\"" || scalar == "\\" || scalar.value < 0x20
      if !mustEscape && !random.chance(15) {
        out.unicodeScalars.append(scalar)
        continue
      }
      switch scalar {
      case "\"" where random.chance(50): out += "\\\""
      case "\\" where random.chance(50): out += "\\\\"
      case "\n" where random.chance(50): out += "\\n"
      case "\t" where random.chance(50): out += "\\t"
      case "/": out += random.chance(50) ? "\\/" : "/"
      default:
        for unit in String(scalar).utf16 {
          let hex = String(unit, radix: 16, uppercase: random.chance(50))
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
      }
    }
    return out + "\""
  }

  /// `value` as JSON text with random whitespace and escapes.
  mutating func write(_ value: JSONValue) -> String {
    switch value {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .number(let n): return n
    case .string(let s): return quoted(s)
    case .array(let items):
      guard !items.isEmpty else { return "[" + space() + "]" }
      return "[" + items.map { space() + write($0) + space() }.joined(separator: ",") + "]"
    case .object(let members):
      guard !members.isEmpty else { return "{" + space() + "}" }
      return "{"
        + members.map { space() + quoted($0.key) + space() + ":" + space() + write($0.value) + space() }
        .joined(separator: ",") + "}"
    }
  }
}

extension StreamingRandom: RandomNumberGenerator {}
