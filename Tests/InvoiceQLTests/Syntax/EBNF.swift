/// A reader for the EBNF notation of `Grammar/invoiceql.ebnf` and a random sentence generator over
/// it, so the grammar file is executable in tests.
struct EBNF {
  indirect enum Node {
    case terminal(String)
    case reference(String)
    case special(String)
    case sequence([Node])
    /// Alternatives, with an id for coverage.
    case choice([Node], id: Int)
    case optional(Node)
    case repetition(Node)
    /// `left - right`, with an id for caching the excluded set.
    case except(Node, Node, id: Int)
  }

  struct ReadError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
  }

  var rules: [String: Node] = [:]
  /// Rule names in file order.
  var order: [String] = []
  /// For each choice id: the rule it belongs to and its number of alternatives.
  var choices: [(rule: String, count: Int)] = []
  var exceptionCount = 0

  /// Lexical rules have UPPERCASE names: their parts join without whitespace.
  static func isLexical(_ name: String) -> Bool { name.uppercased() == name }

  init(_ text: String) throws {
    var tokens = try Self.tokenize(text)
    tokens.reverse()
    while let name = tokens.popLast() {
      guard case .name(let n) = name, tokens.popLast() == .symbol("=") else {
        throw ReadError(message: "expected 'name =' at \(name)")
      }
      var currentRule = n
      let node = try parseChoice(&tokens, rule: &currentRule)
      guard tokens.popLast() == .symbol(";") else { throw ReadError(message: "expected ';' after rule \(n)") }
      rules[n] = node
      order.append(n)
    }
  }

  enum Lexeme: Equatable {
    case name(String)
    case terminal(String)
    case special(String)
    case symbol(Character)
  }

  static func tokenize(_ text: String) throws -> [Lexeme] {
    var out: [Lexeme] = []
    let chars = Array(text)
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c.isWhitespace {
        i += 1
      } else if c == "(" && i + 1 < chars.count && chars[i + 1] == "*" {
        i += 2
        while i + 1 < chars.count && !(chars[i] == "*" && chars[i + 1] == ")") { i += 1 }
        i += 2
      } else if c == "\"" || c == "'" || c == "?" {
        var j = i + 1
        while j < chars.count && chars[j] != c { j += 1 }
        guard j < chars.count else { throw ReadError(message: "unterminated \(c) at \(i)") }
        let body = String(chars[(i + 1)..<j])
        out.append(c == "?" ? .special(body.trimmingSpaces()) : .terminal(body))
        i = j + 1
      } else if c.isLetter {
        var j = i
        while j < chars.count && (chars[j].isLetter || chars[j].isNumber || chars[j] == "-") { j += 1 }
        out.append(.name(String(chars[i..<j])))
        i = j
      } else if "=;|[]{}()-".contains(c) {
        out.append(.symbol(c))
        i += 1
      } else {
        throw ReadError(message: "unexpected '\(c)' in the grammar")
      }
    }
    return out
  }

  private mutating func parseChoice(_ tokens: inout [Lexeme], rule: inout String) throws -> Node {
    var alternatives = [try parseExcept(&tokens, rule: &rule)]
    while tokens.last == .symbol("|") {
      _ = tokens.popLast()
      alternatives.append(try parseExcept(&tokens, rule: &rule))
    }
    if alternatives.count == 1 { return alternatives[0] }
    choices.append((rule, alternatives.count))
    return .choice(alternatives, id: choices.count - 1)
  }

  private mutating func parseExcept(_ tokens: inout [Lexeme], rule: inout String) throws -> Node {
    let left = try parseSequence(&tokens, rule: &rule)
    guard tokens.last == .symbol("-") else { return left }
    _ = tokens.popLast()
    exceptionCount += 1
    return .except(left, try parseSequence(&tokens, rule: &rule), id: exceptionCount - 1)
  }

  private mutating func parseSequence(_ tokens: inout [Lexeme], rule: inout String) throws -> Node {
    var items: [Node] = []
    loop: while let t = tokens.last {
      switch t {
      case .terminal(let s):
        _ = tokens.popLast()
        items.append(.terminal(s))
      case .special(let s):
        _ = tokens.popLast()
        items.append(.special(s))
      case .name(let n):
        _ = tokens.popLast()
        items.append(.reference(n))
      case .symbol(let c) where "([{".contains(c):
        _ = tokens.popLast()
        let inner = try parseChoice(&tokens, rule: &rule)
        let close: Character = c == "(" ? ")" : c == "[" ? "]" : "}"
        guard tokens.popLast() == .symbol(close) else {
          throw ReadError(message: "expected '\(close)' in \(rule)")
        }
        items.append(c == "(" ? inner : c == "[" ? .optional(inner) : .repetition(inner))
      default:
        break loop
      }
    }
    guard !items.isEmpty else { throw ReadError(message: "empty sequence in \(rule)") }
    return items.count == 1 ? items[0] : .sequence(items)
  }
}

extension String {
  fileprivate func trimmingSpaces() -> String {
    var s = Substring(self)
    while s.first?.isWhitespace == true { s = s.dropFirst() }
    while s.last?.isWhitespace == true { s = s.dropLast() }
    return String(s)
  }
}
