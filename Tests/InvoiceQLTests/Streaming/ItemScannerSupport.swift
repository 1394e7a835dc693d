@testable import InvoiceQL
@testable import InvoiceQLImport
@testable import InvoiceQLJSON
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSavedSearches
@testable import InvoiceQLSemantics
@testable import InvoiceQLStreaming
@testable import InvoiceQLSyntax

/// Random JSON objects as bytes for the `ItemScanner` property tests, with the top-level members a
/// projection reads noted as they are written; byte-level mutations; and the reference outcome.
struct ItemObjectGenerator {
  var random: StreamingRandom
  private var out: [UInt8] = []
  private var members: [ItemScanner.Member] = []

  init(seed: UInt64) { random = StreamingRandom(seed: seed) }

  static let k63 = String(repeating: "k", count: 63)
  static let k70 = String(repeating: "k", count: 70)
  /// The projection keys asked for (decoded): lengths 0 to 70, non-ASCII, a backslash.
  static let keys: [[UInt8]] = ["status", "total", "id", "é", #"a\b"#, "", k63, k70].map { Array($0.utf8) }
  /// Raw spellings (between the quotes) of each key in `keys`, most with escapes.
  static let spellings: [[String]] = [
    ["status", #"st\u0061tus"#, #"\u0073tatus"#, #"statu\u0073"#, #"\u0073\u0074\u0061\u0074\u0075\u0073"#],
    ["total", #"tot\u0061l"#, #"\u0074otal"#], ["id", #"i\u0064"#, #"\u0069\u0064"#],
    ["é", #"\u00e9"#, #"\u00E9"#], [#"a\\b"#, #"a\u005cb"#, #"a\u005Cb"#], [""],
    [k63, #"\u006b"# + String(k63.dropFirst())], [k70, String(k70.dropFirst()) + #"\u006B"#],
  ]
  /// Keys equal to none of them once decoded, several of the same length as one. Not `a\b` (a and
  /// U+0008), whose raw bytes spell a key: `escapedKeyIsNotMatchedByItsRawBytes` shows that case
  /// alone (mutations of `a\\b` still reach it here).
  static let decoys = [
    "Status", "statu", "status ", #"st\u0061tu"#, "totals", #"\u00e8"#, #"a\/b"#, #"a\\\\b"#, #"\u0000"#,
    "ids", "idé", #"\uD83D\uDE00"#, String(repeating: "k", count: 64), String(repeating: "k", count: 71),
  ]
  static let pieces = [
    "a", "Zz", " ", "   ", "abcdefghijklmnopqrstuvwxyz0123456789", #"\""#, #"\\"#, #"\/"#, #"\b"#, #"\f"#,
    #"\n"#, #"\r"#, #"\t"#, #"\u0000"#, #"\u001f"#, #"\uFFFF"#, #"\uD83D\uDE00"#, #"\udbff\udfff"#,
    "é", "ß", "€", "日本語", "😀", "\u{10FFFF}", "\u{7F}", "\u{800}", "}", "]", "{", "[", ",", ":",
  ]
  static let numbers = [
    "0", "-0", "0.5e-3", "1E+2", "-0.0", "1e308", "-1.5E-10", "123456789012345678901234567890", "7",
  ]
  /// Bytes a mutation writes: controls, structure, number and literal bytes, non-UTF-8 and lead bytes.
  static let interesting: [UInt8] = [
    0x00, 0x01, 0x08, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x22, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x3A, 0x2C, 0x2D,
    0x2E, 0x30, 0x31, 0x65, 0x45, 0x2B, 0x75, 0x74, 0x66, 0x6E, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0,
    0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF,
  ]

  /// A random object and the members of `keys` it holds (value starts counted from its `{`).
  mutating func object() -> ([UInt8], [ItemScanner.Member]) {
    out = []
    members = []
    object(depth: 0)
    return (out, members)
  }

  /// A random object or array.
  mutating func container() -> [UInt8] {
    out = []
    if random.chance(50) { array(depth: 0) } else { object(depth: 0) }
    return out
  }

  private mutating func emit(_ s: String) { out += s.utf8 }

  private mutating func space() {
    guard random.chance(45) else { return }
    let n = random.chance(15) ? 8 + random.below(24) : 1 + random.below(3)
    for _ in 0..<n { out.append(random.pick([0x20, 0x0A, 0x0D, 0x09])) }
  }

  /// A string; `prefix` keeps random keys from spelling a projection key.
  private mutating func string(prefix: String = "") {
    emit("\"" + prefix)
    for _ in 0..<random.below(7) {
      if random.chance(10) {
        var unit = random.below(0xF800)
        if unit >= 0xD800 { unit += 0x800 }
        let hex = String(unit, radix: 16)
        let padded = String(repeating: "0", count: 4 - hex.count) + hex
        emit("\\u" + (random.chance(50) ? padded.uppercased() : padded))
      } else {
        emit(random.pick(Self.pieces))
      }
    }
    emit("\"")
  }

  private mutating func number() {
    guard random.chance(60) else { return emit(random.pick(Self.numbers)) }
    var s = random.chance(30) ? "-" : ""
    s += random.chance(20) ? "0" : String(1 + random.below(Int.max >> random.below(63)))
    if random.chance(40) { s += "." + String(random.below(1_000_000)) }
    if random.chance(30) {
      s += random.pick(["e", "E"]) + random.pick(["", "+", "-"]) + String(random.below(400))
    }
    emit(s)
  }

  private mutating func value(depth: Int) {
    switch random.below(depth < 3 ? 9 : 5) {
    case 0, 1: string()
    case 2, 3: number()
    case 4: emit(random.pick(["true", "false", "null"]))
    case 5, 6: object(depth: depth + 1)
    case 7: array(depth: depth + 1)
    default: random.chance(12) ? chain(60 + random.below(80)) : array(depth: depth + 1)
    }
  }

  private mutating func key(top: Bool) {
    let roll = random.below(100)
    guard top, roll < 65 else {
      return roll < 80 ? string(prefix: top ? "x" : "") : emit("\"" + random.pick(Self.decoys) + "\"")
    }
    let k = random.below(Self.keys.count)
    emit("\"" + random.pick(Self.spellings[k]) + "\"")
    space()
    emit(":")
    space()
    members.append(ItemScanner.Member(index: k, valueStart: out.count))
  }

  private mutating func object(depth: Int) {
    emit("{")
    space()
    for m in 0..<random.below(depth == 0 ? 8 : 4) {
      if m > 0 { emit(",") }
      space()
      let before = members.count
      key(top: depth == 0)
      if members.count == before {
        space()
        emit(":")
        space()
      }
      value(depth: depth)
      space()
    }
    emit("}")
  }

  private mutating func array(depth: Int) {
    emit("[")
    space()
    for e in 0..<random.below(4) {
      if e > 0 { emit(",") }
      space()
      value(depth: depth)
      space()
    }
    emit("]")
  }

  /// `levels` nested containers of random kinds (crossing the scanner's 64-level stack words),
  /// with scalar siblings before and after some of them.
  private mutating func chain(_ levels: Int) {
    guard levels > 0 else { return value(depth: 99) }
    let isObject = random.chance(50)
    emit(isObject ? "{" : "[")
    if random.chance(20) {
      if isObject { emit(#""s":"#) }
      value(depth: 99)
      emit(",")
    }
    if isObject { emit(#""k":"#) }
    chain(levels - 1)
    if random.chance(20) {
      emit(isObject ? #","t":"# : ",")
      value(depth: 99)
    }
    emit(isObject ? "}" : "]")
  }

  /// `bytes` with one to three bytes replaced, inserted or deleted.
  static func mutate(_ bytes: [UInt8], _ random: inout StreamingRandom) -> [UInt8] {
    var b = bytes
    for _ in 0..<(random.chance(25) ? 2 + random.below(2) : 1) where !b.isEmpty {
      let i = random.below(b.count)
      let byte = random.chance(30) ? UInt8(random.below(256)) : random.pick(interesting)
      switch random.below(3) {
      case 0: b[i] = byte
      case 1: b.insert(byte, at: i + random.below(2))
      default: b.remove(at: i)
      }
    }
    return b
  }

  /// `[` repeated `depth` times already read: a scanner reporting values down to `depth + 1`.
  static let opened: [Int: JSONScanner] = {
    var scanners: [Int: JSONScanner] = [:]
    for depth in [0, 1, 2, 510, 511, 512] {
      var scanner = JSONScanner(reportDepth: depth + 1)
      try? scanner.scan([UInt8](repeating: UInt8(ascii: "["), count: depth)) { _, _ throws(JSONStreamError) in
      }
      scanners[depth] = scanner
    }
    return scanners
  }()

  /// What `ItemScanner` must answer for the object starting at `bytes[0]` inside `depth` containers
  /// (an object, so `bytes` must start with `{`), and the members of `keys` it holds (when
  /// `withMembers`): JSONScanner's reading of the bytes after `depth` open arrays (`depth` in 0, 1,
  /// 2, 510, 511, 512).
  static func reference(_ bytes: UnsafeBufferPointer<UInt8>, depth: Int, withMembers: Bool = true)
    -> (ItemScanner.Outcome, [ItemScanner.Member])
  {
    var scanner = opened[depth]!
    if !withMembers { scanner.reportDepth = depth }
    var members: [ItemScanner.Member] = []
    var key: Int?
    var i = 0
    do throws(JSONStreamError) {
      while let event = try scanner.next(in: bytes, at: &i) {
        switch event {
        case .key:
          let decoded = Array(JSONReader.unescape(scanner.keyBytes).utf8)
          key = scanner.keyIsTruncated ? nil : keys.firstIndex(of: decoded)
        case .begin(let d, _, let offset) where d == depth + 1:
          if let key { members.append(ItemScanner.Member(index: key, valueStart: offset - depth)) }
        case .end(let d) where d == depth: return (.complete(end: i), members)
        default: break
        }
      }
      return (.incomplete, [])
    } catch {
      return (.rejected, [])
    }
  }

  /// `bytes` as text for a failure message, bytes that are not printable ASCII as `\xNN`.
  static func show(_ bytes: some Collection<UInt8>) -> String {
    bytes.map { b in
      b >= 0x20 && b < 0x7F
        ? String(UnicodeScalar(b)) : "\\x" + (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true)
    }.joined()
  }
}
