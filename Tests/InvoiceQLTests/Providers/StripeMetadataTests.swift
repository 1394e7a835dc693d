import Foundation
import InvoiceQLSimulation
import Testing

@testable import InvoiceQL
@testable import InvoiceQLJSON
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSemantics
@testable import InvoiceQLStreaming
@testable import InvoiceQLSyntax

/// Stripe's `metadata`, an open map (any key, string values): `metadata.<key>` is a nullable string
/// field of the catalog, read on the client by the streaming filter as by the reference, kept on the
/// client by the list endpoint, and sent to the opt-in search endpoint as `metadata["key"]:"value"`
/// only where that holds every match (a case-insensitive token match, re-checked).
@Suite struct StripeMetadataTests {
  static func bind(_ text: String) throws -> BoundQuery {
    try StripePlanningTests.bind(text)
  }

  @Test func anyKeyOfTheMapIsANullableStringField() throws {
    let catalog = Provider.stripe.catalog
    for (text, key) in [
      ("metadata.plan = gold", "plan"), ("metadata.`order-ref` startswith \"PO\"", "order-ref"),
      ("parent.subscription_details.metadata.tier in (a, b)", "tier"),
    ] {
      let bound = try Self.bind(text)
      guard case .predicate(let p) = bound.filter else {
        Issue.record("\(text) bound to \(bound.filter)")
        continue
      }
      #expect(p.field.type == .string && p.field.path.last == key, "\(text)")
      #expect(catalog.field(at: p.field.path)?.nullable == true)
    }
    // The map itself is not a value; a key path deeper than one, or a key holding a dot (which a
    // dotted name could not tell from a path), is not a field.
    for (text, message) in [
      ("metadata = gold", "'metadata' is a map of free keys; compare the value of one key"),
      ("metadata.plan.tier = gold", "unknown field 'metadata.plan.tier'"),
      ("metadata.`a.b` = gold", "unknown field"),
    ] {
      let error = try #require(throws: DiagnosticError.self) { try Self.bind(text) }
      #expect(error.diagnostics.contains { $0.message.hasPrefix(message) }, "\(text): \(error.diagnostics)")
    }
    // A catalog that lists no open map has no such fields.
    #expect(Provider.elevate.catalog.field(at: ["customFields", "plan"]) == nil)
  }

  /// Invoices with the map absent, null, not an object, without the key, with it null, a number,
  /// or strings differing in case: the streaming filter selects exactly what the reference does.
  @Test(arguments: [
    "metadata.plan = gold", "metadata.plan != gold", "metadata.plan is null", "metadata.plan is not null",
    "metadata.plan in (gold, Gold)", "metadata.plan contains \"OL\"", "metadata.plan > \"g\"",
    "not (metadata.plan = gold) and metadata.region = \"eu\"",
    "metadata.plan = gold or metadata.`x-y` = \"1\"",
  ])
  func theStreamingFilterAgreesWithTheReference(query: String) throws {
    let invoices = [
      #"{"id": "a"}"#, #"{"id": "b", "metadata": null}"#, #"{"id": "c", "metadata": "gold"}"#,
      #"{"id": "d", "metadata": {}}"#, #"{"id": "e", "metadata": {"plan": null}}"#,
      #"{"id": "f", "metadata": {"plan": 7}}"#, #"{"id": "g", "metadata": {"plan": "gold", "region": "eu"}}"#,
      #"{"id": "h", "metadata": {"plan": "Gold", "x-y": "1"}}"#,
      #"{"id": "i", "metadata": {"plan": "GOLD "}}"#,
    ]
    let body = #"{"object": "list", "has_more": false, "data": ["# + invoices.joined(separator: ",") + "]}"
    let filter = try Self.bind(query).filter
    var streaming = Provider.stripe.responseFilter(filter)
    let ids = try streaming.feed(Array(body.utf8)).compactMap(\.id)
    _ = try streaming.finish()
    let reference = try invoices.map { try JSONValue(parsing: $0) }.filter {
      ReferenceEvaluator.matches(filter, on: $0)
    }
    #expect(ids == reference.compactMap { $0["id"]?.cursorText }, "\(query)")
    if query == "metadata.plan = gold" { #expect(ids == ["g"]) }
    if query == "metadata.plan is null" { #expect(ids == ["a", "b", "c", "d", "e"]) }
  }

  @Test func theListEndpointKeepsMetadataOnTheClient() throws {
    let plan = try Provider.stripe.plan(Self.bind("status = open and metadata.plan = gold"), settings: [:])
    #expect(plan.requests.count == 1)
    #expect(!plan.requests[0].url.contains("metadata"))
    #expect(plan.requests[0].queryValue("status") == "open")
    #expect(plan.residualText == "metadata.plan = \"gold\"")
    #expect(
      plan.decisions.contains {
        $0.outcome == .residual && $0.reason == "the API cannot filter on 'metadata.plan'"
      }, "\(plan.decisions)")
  }

  /// On the search endpoint `metadata["key"]:"value"` matches the whole value ignoring case: a
  /// superset of `=`, pushed and re-checked. Nothing else on a key is sent: not a negation, a list
  /// (which would need OR), an empty value, nor a key or value the grammar's escaping could break.
  @Test func theSearchEndpointGetsAnEqualityAsASupersetAndTheClientReChecksIt() throws {
    let settings = ["endpoint": "search"]
    let plan = try Provider.stripe.plan(
      Self.bind("metadata.plan = gold and status = open"), settings: settings)
    let query = try #require(plan.requests.first?.queryValue("query"))
    #expect(query == #"metadata["plan"]:"gold" AND status:"open""#)
    #expect(plan.pushed.allSatisfy { $0.exactness == .superset })
    #expect(plan.residualText?.contains("metadata.plan = \"gold\"") == true)
    let invoices = try [
      #"{"id": "g", "status": "open", "metadata": {"plan": "gold"}}"#,
      #"{"id": "h", "status": "open", "metadata": {"plan": "GOLD"}}"#,
      #"{"id": "i", "status": "open", "metadata": {"plan": "golden"}}"#, #"{"id": "j", "status": "open"}"#,
    ].map { try JSONValue(parsing: $0) }
    let answer = try StripeServer().answer(
      ParsedRequest(plan.requests[0]), invoices, .literal, settings: settings)
    #expect(answer.compactMap { $0["id"]?.cursorText } == ["g", "h"])
    let kept = answer.filter { invoice in
      plan.residual.map { ReferenceEvaluator.matches($0, on: invoice) } ?? true
    }
    #expect(kept.compactMap { $0["id"]?.cursorText } == ["g"])
    for text in [
      "metadata.plan != gold", "metadata.plan in (gold, silver)", "metadata.plan = \"\"",
      "metadata.plan = \"say \\\"hi\\\"\"", "metadata.`a[b]` = gold", "metadata.plan contains gold",
      "parent.subscription_details.metadata.plan = gold",
    ] {
      let other = try Provider.stripe.plan(Self.bind(text), settings: settings)
      #expect(other.requests.first?.queryValue("query")?.contains("metadata") != true, "\(text)")
    }
  }

  @Test func aSearchClauseOnMetadataImportsAsABroaderQueryWithAWarning() {
    let result = Provider.stripe.importFilter(#"metadata["plan"]:"gold" AND status:"open""#)
    #expect(
      result.query.map(Formatter.format)
        == "metadata.plan startswith \"gold\" and metadata.plan endswith \"gold\" and status = open")
    #expect(result.diagnostics.map(\.kind) == [.importApproximate])
    let keyed = Provider.stripe.importFilter(#"metadata["order-ref"]:'PO 7781'"#)
    #expect(
      keyed.query.map(Formatter.format)
        == "metadata.`order-ref` startswith \"PO 7781\" and metadata.`order-ref` endswith \"PO 7781\"")
    // Emptiness (`:null`), an empty value, a negation and a dotted key are left out, with a warning.
    for native in [
      #"metadata["plan"]:null"#, #"metadata["plan"]:"""#, #"-metadata["plan"]:"gold""#,
      #"metadata["a.b"]:"x""#, "metadata[\"a\u{2}\nb\"]:\"x\"",
    ] {
      let r = Provider.stripe.importFilter(native + #" AND status:"open""#)
      #expect(r.query.map(Formatter.format) == "status = open", "\(native)")
      #expect(r.errors.isEmpty && r.warnings.count == 1, "\(native): \(r.diagnostics.map(\.message))")
    }
    // No name holds a line break, not even a backquoted one: such a key is no field.
    #expect(Provider.stripe.catalog.field(at: ["metadata", "a\nb"]) == nil)
    #expect(Provider.stripe.catalog.field(at: ["metadata", "a\rb"]) == nil)
    #expect(Provider.stripe.catalog.field(at: ["metadata", "a b"]) != nil)
  }
}
