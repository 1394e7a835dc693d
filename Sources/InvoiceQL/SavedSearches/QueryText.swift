/// How saved-search rewriting spells names and values in query text, when it splices a rename into
/// a query without reformatting the rest.
enum QueryText {
  /// The language's reserved words, which a bare value may not be.
  static let keywords: Set<String> = [
    "and", "or", "not", "in", "between", "is", "null", "true", "false", "contains", "startswith",
    "endswith", "any", "all", "sort", "by", "asc", "desc", "limit", "today", "now",
  ]

  /// `[A-Za-z_][A-Za-z0-9_]*`: a field-name component or a bare word that needs no quotes.
  static func isIdentifier(_ s: String) -> Bool {
    guard let first = s.utf8.first, isLetter(first) else { return false }
    return s.utf8.allSatisfy { isLetter($0) || ($0 >= 48 && $0 <= 57) }
  }

  private static func isLetter(_ c: UInt8) -> Bool {
    (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == UInt8(ascii: "_")
  }

  /// Whether `s` can be written as a bare word and read back as the same word.
  static func isBareWord(_ s: String) -> Bool {
    isIdentifier(s) && !keywords.contains(s.lowercased())
  }

  /// A dotted field path.
  static func path(_ components: [String]) -> String { components.joined(separator: ".") }

  /// A double-quoted string literal with the language's escapes.
  static func quoted(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 || u.value == 0x7F {
          let hex = String(u.value, radix: 16, uppercase: true)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }

  /// Replaces byte ranges of `source`; edits must not overlap.
  static func splice(_ source: String, _ edits: [(SourceRange, String)]) -> String {
    let bytes = Array(source.utf8)
    var out: [UInt8] = []
    var cursor = 0
    for (range, text) in edits.sorted(by: { $0.0.lowerBound < $1.0.lowerBound })
    where range.lowerBound >= cursor && range.upperBound <= bytes.count {
      out += bytes[cursor..<range.lowerBound]
      out += Array(text.utf8)
      cursor = range.upperBound
    }
    out += bytes[cursor...]
    return String(decoding: out, as: UTF8.self)
  }
}
