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

/// Parse-and-bind helpers over query text, for tests that read like the command line.
enum QueryText {
  static func bind(_ text: String, _ provider: String, _ context: BindingContext = BinderFixture.utc)
    -> BoundQuery?
  {
    do {
      let q = try Parser.parse(text)
      return try Binder.bind(q, catalog: BinderFixture.catalog(provider), context: context, source: text)
    } catch {
      Issue.record("\(text) on \(provider):\n\(error)")
      return nil
    }
  }

  /// The rendered diagnostics of a query that must fail to bind (parsing must succeed).
  static func errors(_ text: String, _ provider: String, _ context: BindingContext = BinderFixture.utc)
    -> String
  {
    let q: Query
    do { q = try Parser.parse(text) } catch {
      Issue.record("parse error in \(text):\n\(error)")
      return ""
    }
    do {
      _ = try Binder.bind(q, catalog: BinderFixture.catalog(provider), context: context, source: text)
      Issue.record("\(text) bound without errors on \(provider)")
      return ""
    } catch {
      return error.description
    }
  }

  /// Which of `invoices` (JSON texts) the query matches, by index.
  static func matching(
    _ text: String, _ provider: String, _ invoices: [String],
    _ context: BindingContext = BinderFixture.utc
  ) -> [Int] {
    guard let b = bind(text, provider, context) else { return [] }
    return invoices.indices.filter { ReferenceEvaluator.matches(b.filter, on: Build.json(invoices[$0])) }
  }
}
