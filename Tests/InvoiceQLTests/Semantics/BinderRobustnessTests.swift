import InvoiceQLSimulation
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

/// Random queries over each provider's own vocabulary (with typos, wrong types and odd literals):
/// binding never crashes, diagnostics stay inside the source, `not (q)` bound from text is the
/// Kleene negation of `q`, and the streaming filter matches exactly the invoices the reference
/// evaluator finds true.
@Suite struct BinderRobustnessTests {
  static let literals = [
    "0", "-1.5", "1e3", "100.10", "\"x\"", "\"2025-05-01\"", "\"1001\"", "open", "paid", "PAID", "writtenOff",
    "draft", "sent", "Issued", "UNPAID", "true", "false", "2025-05-01", "2025-05-01T10:00:00Z",
    "2025-05-01T10:00:00", "today", "today-3mo", "now-2h", "now+1y", "today+9999y", "now-99999999999min",
    "'café'", "\"\"",
  ]

  struct Generator {
    let catalog: FieldCatalog
    var rng: SplitMix64
    mutating func pick<T>(_ xs: [T]) -> T { xs[Int.random(in: 0..<xs.count, using: &rng)] }

    mutating func field(scope: [String]) -> String {
      var names = catalog.fields.filter {
        $0.path.count > scope.count && Array($0.path.prefix(scope.count)) == scope
      }
      .map { $0.path.dropFirst(scope.count).joined(separator: ".") }
      if scope.isEmpty { names += CanonicalVocabulary.fieldNames }
      var name = pick(names.isEmpty ? ["x"] : names)
      switch Int.random(in: 0..<10, using: &rng) {
      case 0: name = name.uppercased()
      case 1: name = String(name.dropLast())
      case 2: name += "s"
      default: break
      }
      return name
    }

    mutating func predicate(scope: [String], depth: Int) -> String {
      let f = field(scope: scope)
      switch Int.random(in: 0..<10, using: &rng) {
      case 0: return "\(f) in (\(pick(literals)), \(pick(literals)))"
      case 1: return "\(f) not in (\(pick(literals)))"
      case 2: return "\(f) between \(pick(literals)) and \(pick(literals))"
      case 3: return "\(f) is \(Bool.random(using: &rng) ? "" : "not ")null"
      case 4: return "\(f) \(pick(["contains", "startswith", "endswith"])) \(pick(literals))"
      case 5 where depth < 3:
        let arrays = catalog.fields.filter {
          if case .array = $0.type {
            return $0.path.count > scope.count && Array($0.path.prefix(scope.count)) == scope
          }
          return false
        }
        guard !arrays.isEmpty else { fallthrough }
        let a = pick(arrays)
        let rel = a.path.dropFirst(scope.count).joined(separator: ".")
        return "\(pick(["any", "all"]))(\(rel), \(expression(scope: a.path, depth: depth + 1)))"
      default:
        return "\(f) \(pick(["=", "!=", "<", "<=", ">", ">="])) \(pick(literals))"
      }
    }

    mutating func expression(scope: [String], depth: Int) -> String {
      switch Int.random(in: 0..<6, using: &rng) {
      case 0 where depth < 3: return "not (\(expression(scope: scope, depth: depth + 1)))"
      case 1 where depth < 3:
        return "\(predicate(scope: scope, depth: depth)) and \(expression(scope: scope, depth: depth + 1))"
      case 2 where depth < 3:
        return "(\(predicate(scope: scope, depth: depth)) or \(expression(scope: scope, depth: depth + 1)))"
      default: return predicate(scope: scope, depth: depth)
      }
    }
  }

  /// The positions of the invoices `ResponseFilter` matches in a `provider` response body of `docs`.
  static func streamedMatches(_ provider: String, _ filter: BoundExpression, _ docs: [JSONValue]) throws
    -> Set<Int>
  {
    let items = "[" + docs.map(\.compactText).joined(separator: ",") + "]"
    let envelope = try #require(Provider.named(provider)).envelope
    let body = envelope.itemsKey.map { "{\"\($0)\": \(items)}" } ?? items
    var streaming = try #require(ResponseFilter(provider: provider, filter: filter))
    let matches = try streaming.feed(Array(body.utf8))
    _ = try streaming.finish()
    return Set(matches.map(\.index))
  }

  @Test(arguments: Provider.names)
  func randomQueriesBindOrDiagnoseWithinTheSourceNegateKleeneAndStreamAsTheReferenceEvaluates(
    provider: String
  ) throws {
    let catalog = try #require(Provider.named(provider)?.catalog)
    var gen = Generator(catalog: catalog, rng: SplitMix64(seed: 0x5E_4A_0000 &+ UInt64(provider.utf8.count)))
    var invoices = RandomInvoices(catalog: catalog, rng: SplitMix64(seed: 0x1A_FACE))
    let docs = (0..<6).map { _ in invoices.invoice() }
    var bound = 0
    var diagnosed = 0
    for _ in 0..<250 {
      let text = gen.expression(scope: [], depth: 0)
      guard let query = try? Parser.parse(text) else { continue }
      do {
        let b = try Binder.bind(query, catalog: catalog, context: BinderFixture.utc, source: text)
        bound += 1
        // Negated in the text, through the parser and the binder: Kleene negation.
        let negatedText = "not (\(text))"
        let negated = try Binder.bind(
          Parser.parse(negatedText), catalog: catalog, context: BinderFixture.utc, source: negatedText)
        // The streaming filter, an evaluator written apart from the reference, over the same invoices.
        let streamed = try Self.streamedMatches(provider, b.filter, docs)
        for (k, doc) in docs.enumerated() {
          let t = ReferenceEvaluator.evaluate(b.filter, on: doc)
          #expect(ReferenceEvaluator.evaluate(negated.filter, on: doc) == !t, "\(text) on \(doc.compactText)")
          #expect(streamed.contains(k) == (t == .true), "\(text) streamed on \(doc.compactText)")
        }
      } catch let error as DiagnosticError {
        diagnosed += 1
        #expect(!error.diagnostics.isEmpty)
        for d in error.diagnostics {
          #expect(d.range.lowerBound >= 0 && d.range.upperBound <= text.utf8.count, "\(text): \(d)")
          #expect(!d.message.isEmpty)
        }
      }
    }
    #expect(bound >= 10, "too few queries bound on \(provider)")
    #expect(diagnosed >= 10, "too few queries diagnosed on \(provider)")
  }

  /// A dotted path through an array means `any` over it: `a.b op v` ≡ `any(a, b op v)`, also negated.
  @Test(arguments: Provider.names)
  func pathThroughAnArrayEqualsAnyOverIt(provider: String) throws {
    let catalog = try #require(Provider.named(provider)?.catalog)
    var invoices = RandomInvoices(catalog: catalog, rng: SplitMix64(seed: 0xA11_0001))
    let pairs = catalog.fields.compactMap { f -> (String, String, String)? in
      // A field of the elements of an array that no other array holds (`lines.data.amount`).
      let parent = Array(f.path.dropLast())
      guard let last = f.path.last, case .array = catalog.field(at: parent)?.type,
        !(1..<parent.count).contains(where: { k in
          if case .array? = catalog.field(at: Array(parent.prefix(k)))?.type { return true }
          return false
        })
      else { return nil }
      let array = parent.joined(separator: ".")
      switch f.type {
      case .decimal, .integer: return (array, last, "> 1")
      case .string: return (array, last, "contains \"a\"")
      case .id(let numeric): return (array, last, numeric ? "= 5" : "= \"5\"")
      case .boolean: return (array, last, "= true")
      default: return nil
      }
    }
    #expect(!pairs.isEmpty || provider == "wethod", "\(provider) has arrays of objects")
    let bound = try pairs.map { (array, field, test) in
      (
        try #require(QueryText.bind("not (\(array).\(field) \(test))", provider)),
        try #require(QueryText.bind("not any(\(array), \(field) \(test))", provider))
      )
    }
    for _ in 0..<60 {
      let doc = invoices.invoice()
      for (dotted, explicit) in bound {
        #expect(
          ReferenceEvaluator.evaluate(dotted.filter, on: doc)
            == ReferenceEvaluator.evaluate(explicit.filter, on: doc))
      }
    }
  }
}
