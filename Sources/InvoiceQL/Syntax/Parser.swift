/// The limits that turn hostile input into diagnostics instead of crashes or hangs.
package enum ParserLimits {
  /// Longest query accepted, in UTF-8 bytes.
  package static let maximumSourceBytes = 65_536
  /// Deepest nesting of parentheses, `not` and quantifiers (the parser recurses once per level).
  package static let maximumDepth = 256
  /// Most values in one `in (…)` list.
  package static let maximumListCount = 10_000
  /// Most diagnostics reported for one query; the parser stops after that many.
  package static let maximumDiagnostics = 20
  /// Largest `limit N` (the smallest is 0).
  package static let maximumLimit = 1_000_000_000
}

/// A recursive-descent parser for the grammar in `Grammar/invoiceql.ebnf`.
///
/// Contract:
/// - The source is lexed completely first (`Lexer.tokens`); the parser walks the token array with
///   one token of lookahead (`current`) and occasionally a second (`peek`). `advance()` never moves
///   past the final `.end` token.
/// - Each `parse…` function names the grammar rule it implements. On an error it reports a
///   diagnostic and returns nil; the caller then resynchronises at the next `and`, `or`, `)`,
///   clause keyword or the end, so one query yields all its independent errors, in source order.
/// - A lexer error token is reported (once) when the parser reaches it.
/// - Every loop that consumes tokens checks a `LoopProgressCondition`, so no input can make the
///   parser spin; recursion is capped at `ParserLimits.maximumDepth`, and parsing stops entirely
///   after `ParserLimits.maximumDiagnostics` diagnostics.
/// - `and`/`or` are flattened into n-ary nodes; parentheses leave no node of their own (they widen
///   the range of the expression they enclose).
package struct Parser {
  let source: String
  let bytes: [UInt8]
  let tokens: [LexedToken]
  /// The tokens with the values they carry (`LexedToken.payload`).
  let lexed: LexedTokens
  var index = 0
  var depth = 0
  var diagnostics: [Diagnostic] = []
  /// Set once parsing must stop (nesting too deep, too many errors); every function then unwinds.
  var aborted = false
  private var reportedInvalid: Set<Int> = []

  init(_ source: String) {
    self.source = source
    self.bytes = Array(source.utf8)
    self.lexed = Lexer.lex(utf8: bytes)
    self.tokens = lexed.tokens
  }

  /// Parses a whole query: a filter, then optional `sort by` and `limit` clauses.
  /// Throws every diagnostic found, in source order.
  package static func parse(_ source: String) throws(DiagnosticError) -> Query {
    try checkLength(source)
    var parser = Parser(source)
    let query = parser.parseQuery()
    return try parser.finish(query)
  }

  /// Parses a filter only (no clauses): for the body of saved searches and rewrite rules.
  package static func parseExpression(_ source: String) throws(DiagnosticError) -> Expression {
    try checkLength(source)
    var parser = Parser(source)
    let expression = parser.parseTopLevelExpression()
    return try parser.finish(expression)
  }

  private static func checkLength(_ source: String) throws(DiagnosticError) {
    let count = source.utf8.count
    guard count > ParserLimits.maximumSourceBytes else { return }
    let diagnostic = Diagnostic(
      kind: .queryTooLong,
      message: "query is too long (\(count) bytes; at most \(ParserLimits.maximumSourceBytes) are accepted)",
      range: .at(ParserLimits.maximumSourceBytes))
    throw DiagnosticError(source: source, diagnostics: [diagnostic])
  }

  private func finish<T>(_ result: T?) throws(DiagnosticError) -> T {
    if let result, diagnostics.isEmpty { return result }
    var sorted = diagnostics.enumerated().sorted {
      ($0.element.range.lowerBound, $0.offset) < ($1.element.range.lowerBound, $1.offset)
    }.map(\.element)
    if sorted.isEmpty {
      sorted = [Diagnostic(kind: .unexpectedToken, message: "invalid query", range: .at(0))]
    }
    throw DiagnosticError(source: source, diagnostics: sorted)
  }

  // MARK: Tokens

  var current: LexedToken { tokens[index] }

  /// The token after `current` (the `.end` token at the end).
  var peek: LexedToken { tokens[Swift.min(index + 1, tokens.count - 1)] }

  var atEnd: Bool { current.tag == .end }

  /// The text of a word token, or the name of a backquoted one, as the tree keeps it.
  func name(_ token: LexedToken) -> String {
    lexed.name(token, in: bytes)
  }

  /// The value of a `.literal` token.
  func literal(_ token: LexedToken) -> Literal.Kind? {
    lexed.literal(token, in: bytes)
  }

  /// The spelling of a number token.
  func number(_ token: LexedToken) -> String? {
    guard token.isNumber, case .number(let spelled)? = literal(token) else { return nil }
    return spelled
  }

  mutating func advance() {
    if index < tokens.count - 1 { index += 1 }
  }

  func isKeyword(_ keyword: Keyword) -> Bool {
    tokens[index].keyword == keyword
  }

  /// Consumes `current` when it is `keyword`.
  mutating func accept(_ keyword: Keyword) -> Bool {
    guard isKeyword(keyword) else { return false }
    advance()
    return true
  }

  /// How a token reads in a message: `'text'` or `the end of the query`.
  func describe(_ token: LexedToken) -> String {
    if token.tag == .end { return "the end of the query" }
    let lower = Swift.min(token.range.lowerBound, bytes.count)
    let upper = Swift.min(token.range.upperBound, bytes.count)
    var text = String(decoding: bytes[lower..<upper], as: UTF8.self)
    if text.count > 24 { text = String(text.prefix(21)) + "..." }
    return "'\(text)'"
  }

  /// The 1-based character column of a byte offset on its line.
  func column(of offset: Int) -> Int {
    Diagnostic(kind: .unexpectedToken, message: "", range: .at(offset)).location(in: source).column
  }

  // MARK: Diagnostics

  mutating func report(_ diagnostic: Diagnostic) {
    guard !aborted else { return }
    diagnostics.append(diagnostic)
    if diagnostics.count >= ParserLimits.maximumDiagnostics {
      diagnostics.append(
        Diagnostic(
          kind: .tooManyErrors, message: "too many errors; stopped after \(diagnostics.count)",
          range: .at(diagnostic.range.upperBound)))
      aborted = true
    }
  }

  mutating func report(
    _ kind: Diagnostic.Kind, _ message: String, at range: SourceRange, help: [String] = [],
    fixIts: [Diagnostic.FixIt] = []
  ) {
    report(Diagnostic(kind: kind, message: message, range: range, help: help, fixIts: fixIts))
  }

  /// Reports the lexer's diagnostic of an invalid token, once, and consumes it. False when
  /// `current` is not invalid.
  mutating func reportIfInvalid() -> Bool {
    guard current.tag == .invalid, case .invalid(let diagnostic) = lexed.payloads[Int(current.payload)] else {
      return false
    }
    if reportedInvalid.insert(index).inserted { report(diagnostic) }
    advance()
    return true
  }

  /// Reports "expected X, found Y" at `current` (or the lexer's own diagnostic when `current` is an
  /// invalid token, which is then consumed).
  mutating func reportExpected(_ what: String, help: [String] = []) {
    if reportIfInvalid() { return }
    report(
      .unexpectedToken, "expected \(what), found \(describe(current))", at: current.range,
      help: thousandsSeparatorHelp.map { [$0] } ?? help)
  }

  /// Skips to a token a caller can continue from: `and`, `or`, an unmatched `)`, `,` at the same
  /// level when `stopAtComma`, `sort`, `limit` or the end. Balanced parentheses are skipped whole;
  /// invalid tokens on the way are reported.
  mutating func synchronize(stopAtComma: Bool = false) {
    var level = 0
    var progress = LoopProgressCondition()
    while !atEnd, progress.evaluate(index) {
      switch current.tag {
      case .leftParen: level += 1
      case .rightParen:
        if level == 0 { return }
        level -= 1
      case .comma where stopAtComma && level == 0: return
      case .invalid:
        _ = reportIfInvalid()
        continue
      case .word:
        if level == 0, let k = current.keyword, [.and, .or, .sort, .limit].contains(k) { return }
      default: break
      }
      advance()
    }
  }

  /// Enters one level of nesting at `token`; false (with a diagnostic, and parsing aborted) when
  /// that would exceed `ParserLimits.maximumDepth`. On true the caller must call `leaveNesting()`.
  mutating func enterNesting(at token: LexedToken) -> Bool {
    guard depth < ParserLimits.maximumDepth else {
      report(
        .nestingTooDeep,
        "conditions are nested too deeply (more than \(ParserLimits.maximumDepth) levels)",
        at: token.range, help: ["simplify the query; remove redundant parentheses or 'not'"])
      aborted = true
      return false
    }
    depth += 1
    return true
  }

  mutating func leaveNesting() { depth -= 1 }
}

/// Proves that a loop consuming tokens moved forward since its previous iteration
/// (after swift-syntax's `LoopProgressCondition`): the loop ends instead of spinning when it did not.
struct LoopProgressCondition {
  private var last: Int?

  /// True on the first call and whenever `position` is past the one seen by the previous call.
  mutating func evaluate(_ position: Int) -> Bool {
    defer { last = position }
    guard let last else { return true }
    return position > last
  }
}
