import TestSupport
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

/// Hostile input becomes a diagnostic: never a crash, a stack overflow or a hang.
@Suite struct LimitsTests {
  func diagnostics(_ source: String) -> [Diagnostic] {
    do {
      _ = try Parser.parse(source)
      return []
    } catch {
      return error.diagnostics
    }
  }

  @Test func tenThousandNestedParenthesesAreANestingError() {
    let source = String(repeating: "(", count: 10_000) + "a = 1" + String(repeating: ")", count: 10_000)
    let found = diagnostics(source)
    #expect(found.map(\.kind) == [.nestingTooDeep])
    #expect(found.first?.range == SourceRange(256, 257))
    #expect(found.first?.message == "conditions are nested too deeply (more than 256 levels)")
  }

  @Test func nestingUpToTheLimitIsAccepted() throws {
    let ok = String(repeating: "(", count: 256) + "a = 1" + String(repeating: ")", count: 256)
    #expect(try Parser.parse(ok).filter == Parser.parse("a = 1").filter)
    let over = String(repeating: "(", count: 257) + "a = 1" + String(repeating: ")", count: 257)
    #expect(diagnostics(over).map(\.kind) == [.nestingTooDeep])
  }

  @Test func deepNotsAndQuantifiersAreNestingErrorsToo() {
    #expect(diagnostics(String(repeating: "not ", count: 10_000) + "a = 1").map(\.kind) == [.nestingTooDeep])
    let quantifiers =
      String(repeating: "any(x, ", count: 5_000) + "a = 1" + String(repeating: ")", count: 5_000)
    #expect(diagnostics(quantifiers).map(\.kind) == [.nestingTooDeep])
    #expect(diagnostics(String(repeating: "(", count: 10_000)).map(\.kind) == [.nestingTooDeep])
  }

  @Test func longFlatChainsParseWithoutRecursion() throws {
    let source = Array(repeating: "a = 1", count: 5_000).joined(separator: " and ")
    guard case .and(let operands) = try Parser.parse(source).filter.kind else {
      Issue.record("not an and")
      return
    }
    #expect(operands.count == 5_000)
  }

  @Test func tooLongQueryIsRejectedBeforeLexing() {
    let source = "a = \"" + String(repeating: "x", count: 70_000) + "\""
    let found = diagnostics(source)
    #expect(found.map(\.kind) == [.queryTooLong])
    #expect(found.first?.message == "query is too long (70006 bytes; at most 65536 are accepted)")
    #expect(found.first?.range == .at(65_536))
  }

  @Test func tooLongListIsAnError() {
    let source = "a in (" + Array(repeating: "1", count: 10_001).joined(separator: ",") + ")"
    let found = diagnostics(source)
    #expect(found.map(\.kind) == [.listTooLong])
    #expect(found.first?.range == SourceRange(6 + 20_000, 6 + 20_001))
    #expect(found.first?.message == "list is too long (more than 10000 values)")
  }

  @Test func diagnosticsStopAfterTheLimit() {
    let source = Array(repeating: "a = #", count: 100).joined(separator: " and ")
    let found = diagnostics(source)
    #expect(found.count == ParserLimits.maximumDiagnostics + 1)
    #expect(found.last?.kind == .tooManyErrors)
    #expect(found.last?.message == "too many errors; stopped after 20")
    #expect(found.dropLast().allSatisfy { $0.kind == .invalidCharacter })
  }

  @Test func loopProgressConditionStopsALoopThatDidNotAdvance() {
    var condition = LoopProgressCondition()
    let first = condition.evaluate(0)
    let advanced = condition.evaluate(1)
    let stalled = condition.evaluate(1)
    #expect(first && advanced && !stalled)
  }

  static let alphabet = Array("ab =<>!()`\"'\\.,-+:0123456789eTZ #\n\té😀")
  static let fragments = [
    "and ", "or ", "not ", " in (", ")", "(", "null", "today-", "2025-02-", "any(", "sort by ", "limit ",
    "\"", "`", "\\u", "-", ".", ",",
  ]

  @Test func randomlyMutatedQueriesNeverCrashAndAlwaysExplainTheirErrors() throws {
    var rng = SplitMix64(seed: 0xBAD_1DEA)
    var generator = TreeGenerator(seed: 99)
    var rejected = 0
    for i in 0..<3_000 {
      var chars = Array(Formatter.format(generator.query()))
      for _ in 0..<Int.random(in: 1...4, using: &rng) {
        let at = Int.random(in: 0...chars.count, using: &rng)
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: chars.insert(contentsOf: Self.fragments.randomElement(using: &rng) ?? "", at: at)
        case 1: if at < chars.count { chars.remove(at: at) }
        default: if at < chars.count { chars[at] = Self.alphabet.randomElement(using: &rng) ?? "x" }
        }
      }
      let source = String(chars)
      let count = source.utf8.count
      let tokens = Lexer.tokens(source)
      var previous = 0
      for token in tokens {
        #expect(token.range.lowerBound >= previous && token.range.upperBound <= count, "case \(i)")
        previous = token.range.upperBound
      }
      if case .end = tokens.last?.kind {} else { Issue.record("case \(i): no end token") }
      do {
        let query = try Parser.parse(source)
        #expect(try Parser.parse(Formatter.format(query)) == query, "case \(i): \(source)")
      } catch {
        rejected += 1
        #expect(!error.diagnostics.isEmpty)
        for d in error.diagnostics {
          #expect(d.range.lowerBound >= 0 && d.range.upperBound <= count, "case \(i): \(source)")
          #expect(!d.message.isEmpty)
          #expect(d.render(source: source).hasPrefix("error: "))
        }
      }
    }
    #expect(rejected > 1_000)
  }
}
