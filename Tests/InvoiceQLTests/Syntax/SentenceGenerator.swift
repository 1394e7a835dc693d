import TestSupport

/// Random sentences from an `EBNF` grammar: uniform choices while shallow, then the cheapest
/// alternatives so every sentence is finite. Records which rules and alternatives it used, so a
/// test can require that every production was exercised.
struct SentenceGenerator {
  let grammar: EBNF
  var rng: SplitMix64
  /// Samples for each `? special sequence ?` of the grammar, by its text.
  let specials: [String: [String]]
  /// Constraints the notation cannot state, per lexical rule (rejection sampling).
  let constraints: [String: @Sendable (String) -> Bool]
  var maxDepth = 6
  private(set) var usedRules: Set<String> = []
  private(set) var usedAlternatives: [Int: Set<Int>] = [:]
  private(set) var unknownSpecials: Set<String> = []
  private var cost: [String: Int] = [:]
  private var choiceCosts: [Int: [Int]] = [:]
  private var excludedSets: [Int: Set<String>] = [:]
  private var markedExceptions: Set<Int> = []

  init(
    _ grammar: EBNF, seed: UInt64, specials: [String: [String]],
    constraints: [String: @Sendable (String) -> Bool]
  ) {
    self.grammar = grammar
    self.rng = SplitMix64(seed: seed)
    self.specials = specials
    self.constraints = constraints
    var cost = Dictionary(uniqueKeysWithValues: grammar.order.map { ($0, 1_000_000) })
    var changed = true
    while changed {
      changed = false
      for name in grammar.order {
        guard let node = grammar.rules[name] else { continue }
        let c = Self.cost(node, cost)
        if c < cost[name, default: 1_000_000] {
          cost[name] = c
          changed = true
        }
      }
    }
    self.cost = cost
    for name in grammar.order {
      if let node = grammar.rules[name] { prepare(node) }
    }
  }

  /// Caches each choice's alternative costs and each exception's excluded set.
  private mutating func prepare(_ node: EBNF.Node) {
    switch node {
    case .choice(let alternatives, let id):
      choiceCosts[id] = alternatives.map { Self.cost($0, cost) }
      alternatives.forEach { prepare($0) }
    case .sequence(let items): items.forEach { prepare($0) }
    case .optional(let inner), .repetition(let inner): prepare(inner)
    case .except(let left, let right, let id):
      excludedSets[id] = Set((language(of: right) ?? []).map { $0.lowercased() })
      prepare(left)
    case .terminal, .special, .reference: break
    }
  }

  private static func cost(_ node: EBNF.Node, _ table: [String: Int]) -> Int {
    switch node {
    case .terminal, .special, .optional, .repetition: 0
    case .reference(let n): EBNF.isLexical(n) ? 0 : 1 + table[n, default: 1_000_000]
    case .sequence(let items): items.map { cost($0, table) }.max() ?? 0
    case .choice(let alternatives, _): alternatives.map { cost($0, table) }.min() ?? 0
    case .except(let left, _, _): cost(left, table)
    }
  }

  static let punctuation: Set<String> = ["(", ")", ",", ".", "=", "!=", "<", "<=", ">", ">="]
  static let spaces = [" ", " ", " ", "  ", "\t", "\n"]

  /// One sentence of `rule`, its tokens separated by random whitespace (or none next to punctuation).
  mutating func sentence(_ rule: String) -> String {
    let tokens = generate(.reference(rule), depth: 0, lexical: false)
    var out = ""
    for (i, token) in tokens.enumerated() {
      if i > 0 {
        let canTouch = Self.punctuation.contains(token) || Self.punctuation.contains(tokens[i - 1])
        out +=
          canTouch && Int.random(in: 0..<3, using: &rng) == 0
          ? "" : Self.spaces.randomElement(using: &rng) ?? " "
      }
      out += token
    }
    return out
  }

  private mutating func generate(_ node: EBNF.Node, depth: Int, lexical: Bool) -> [String] {
    switch node {
    case .terminal(let s):
      guard !lexical, s.first?.isLetter == true else { return [s] }
      switch Int.random(in: 0..<10, using: &rng) {
      case 0: return [s.uppercased()]
      case 1: return [s.prefix(1).uppercased() + s.dropFirst()]
      default: return [s]
      }
    case .special(let text):
      guard let pool = specials[text], let pick = pool.randomElement(using: &rng) else {
        unknownSpecials.insert(text)
        return ["x"]
      }
      return [pick]
    case .reference(let name):
      usedRules.insert(name)
      guard let rule = grammar.rules[name] else { return ["<undefined \(name)>"] }
      if EBNF.isLexical(name) {
        // Lexical rules do not recurse (only repeat), so they start afresh at any depth.
        var text = generate(rule, depth: 0, lexical: true).joined()
        if let accept = constraints[name] {
          for _ in 0..<100 where !accept(text) { text = generate(rule, depth: 0, lexical: true).joined() }
        }
        return [text]
      }
      return generate(rule, depth: depth + 1, lexical: false)
    case .sequence(let items):
      return items.flatMap { generate($0, depth: depth, lexical: lexical) }
    case .choice(let alternatives, let id):
      var candidates = Array(alternatives.indices)
      if depth > maxDepth {
        let costs = choiceCosts[id] ?? alternatives.map { _ in 0 }
        let best = costs.min() ?? 0
        candidates = candidates.filter { costs[$0] == best }
      }
      let pick = candidates.randomElement(using: &rng) ?? 0
      usedAlternatives[id, default: []].insert(pick)
      return generate(alternatives[pick], depth: depth, lexical: lexical)
    case .optional(let inner):
      guard depth <= maxDepth, Bool.random(using: &rng) else { return [] }
      return generate(inner, depth: depth, lexical: lexical)
    case .repetition(let inner):
      let count = depth > maxDepth ? 0 : Int.random(in: 0...(lexical ? 3 : 2), using: &rng)
      return (0..<count).flatMap { _ in generate(inner, depth: depth, lexical: lexical) }
    case .except(let left, let right, let id):
      if markedExceptions.insert(id).inserted { markUsed(right) }
      let excluded = excludedSets[id] ?? []
      var pieces = generate(left, depth: depth, lexical: lexical)
      for _ in 0..<100 where excluded.contains(pieces.joined().lowercased()) {
        pieces = generate(left, depth: depth, lexical: lexical)
      }
      return pieces
    }
  }

  /// Records the rules and alternatives of an exception's right side as exercised: the generator
  /// checks every sentence against all of them.
  private mutating func markUsed(_ node: EBNF.Node) {
    switch node {
    case .reference(let n):
      if usedRules.insert(n).inserted, let rule = grammar.rules[n] { markUsed(rule) }
    case .choice(let alternatives, let id):
      usedAlternatives[id, default: []].formUnion(alternatives.indices)
      alternatives.forEach { markUsed($0) }
    case .sequence(let items): items.forEach { markUsed($0) }
    case .optional(let inner), .repetition(let inner): markUsed(inner)
    case .except(let a, let b, _):
      markUsed(a)
      markUsed(b)
    case .terminal, .special: break
    }
  }

  /// Every string `node` can produce, when that is a finite set of terminals.
  func language(of node: EBNF.Node) -> [String]? {
    switch node {
    case .terminal(let s): return [s]
    case .reference(let n): return grammar.rules[n].flatMap(language(of:))
    case .choice(let alternatives, _):
      var all: [String] = []
      for alternative in alternatives {
        guard let l = language(of: alternative) else { return nil }
        all += l
      }
      return all
    case .sequence(let items):
      var all = [""]
      for item in items {
        guard let l = language(of: item) else { return nil }
        all = all.flatMap { prefix in l.map { prefix + $0 } }
      }
      return all
    default: return nil
    }
  }
}
