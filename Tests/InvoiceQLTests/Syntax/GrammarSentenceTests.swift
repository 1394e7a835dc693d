import Foundation
import Testing

@testable import InvoiceQL
@testable import InvoiceQLImport
@testable import InvoiceQLJSON
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSavedSearches
@testable import InvoiceQLSemantics
@testable import InvoiceQLStreaming
@testable import InvoiceQLSyntax

/// The grammar file is executable: sentences generated from `Grammar/invoiceql.ebnf` must parse, and
/// format → parse must give back the same tree, so the grammar and the parser cannot drift apart.
@Suite struct GrammarSentenceTests {
  static let grammarPath = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Grammar/invoiceql.ebnf").path

  static func grammar() throws -> EBNF { try EBNF(String(contentsOfFile: grammarPath, encoding: .utf8)) }

  static let specials: [String: [String]] = [
    "a Unicode combining mark": ["\u{0301}", "\u{0308}"],
    "a tab character": ["\t"],
    "any other character with the Unicode Alphabetic property": ["é", "ß", "ж", "中", "ǅ", "ª"],
    "any character except \"`\", \"\\\", CR and LF": [" ", "a", "-", "é", "😀", "\"", "'", ".", "\t"],
    "any character except '\"', \"'\", \"\\\", CR and LF": [
      " ", "a", "#", "é", "😀", "`", "\t", "\u{1}", "\u{7F}",
    ],
  ]

  static let constraints: [String: @Sendable (String) -> Bool] = [
    "DATE": { text in
      let parts = text.split(separator: "-").compactMap { Int($0) }
      return parts.count == 3 && CivilDate(year: parts[0], month: parts[1], day: parts[2]) != nil
    },
    "UNICODE-ESCAPE": { text in
      guard let v = UInt32(text.dropFirst(), radix: 16) else { return false }
      return !(0xD800...0xDFFF).contains(v)
    },
  ]

  @Test func everyRuleIsDefinedAndReachableFromQuery() throws {
    let g = try Self.grammar()
    var reachable: Set<String> = []
    var stack = ["query"]
    while let name = stack.popLast() {
      guard reachable.insert(name).inserted else { continue }
      guard let node = g.rules[name] else {
        Issue.record("undefined rule \(name)")
        continue
      }
      stack += Self.references(node)
    }
    #expect(reachable == Set(g.order))
  }

  @Test func grammarKeywordsAreTheParsersKeywords() throws {
    let g = try Self.grammar()
    let generator = SentenceGenerator(g, seed: 1, specials: Self.specials, constraints: Self.constraints)
    let keywords = try #require(g.rules["KEYWORD"].flatMap(generator.language(of:)))
    #expect(Set(keywords) == Set(Keyword.allCases.map(\.rawValue)))
  }

  @Test func twoThousandGrammarSentencesParseAndFormatRoundTrips() throws {
    let g = try Self.grammar()
    var generator = SentenceGenerator(
      g, seed: 0x1A7E_5EED, specials: Self.specials, constraints: Self.constraints)
    var failures = 0
    var totalLength = 0
    for i in 0..<2000 where failures < 5 {
      let sentence = generator.sentence("query")
      totalLength += sentence.utf8.count
      let tree: Query
      do {
        tree = try Parser.parse(sentence)
      } catch {
        failures += 1
        Issue.record("sentence \(i) rejected: \(sentence)\n\(error)")
        continue
      }
      let formatted = Formatter.format(tree)
      let reparsed = try? Parser.parse(formatted)
      #expect(reparsed == tree, "sentence \(i): \(sentence)\nformatted: \(formatted)")
      if let reparsed { #expect(Formatter.format(reparsed) == formatted, "idempotence, sentence \(i)") }
    }
    print("grammar sentences: 2000, mean length \(totalLength / 2000) bytes")
    #expect(
      generator.unknownSpecials.isEmpty, "special sequences without samples: \(generator.unknownSpecials)")
    #expect(
      generator.usedRules == Set(g.order),
      "rules never used: \(Set(g.order).subtracting(generator.usedRules))")
    for (id, choice) in g.choices.enumerated() {
      let used = generator.usedAlternatives[id]?.count ?? 0
      #expect(used == choice.count, "rule \(choice.rule): \(used) of \(choice.count) alternatives used")
    }
  }

  static func references(_ node: EBNF.Node) -> [String] {
    switch node {
    case .terminal, .special: []
    case .reference(let n): [n]
    case .sequence(let items), .choice(let items, _): items.flatMap(references)
    case .optional(let inner), .repetition(let inner): references(inner)
    case .except(let a, let b, _): references(a) + references(b)
    }
  }
}
