import Testing

@testable import InvoiceQLProviders
@testable import InvoiceQLSemantics
@testable import InvoiceQLSyntax

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The catalog keeps its one-word names resolved (`FieldCatalog.topLevelResolution`); the binder
/// takes those instead of working them out, so they must be what working them out gives, on every
/// provider and after the catalog changes.
@Suite struct NameResolutionTests {
  /// The parts of a resolution a bound query is made of, comparable.
  private func parts(_ r: NameResolution) -> [String] {
    [
      "\(r.arrays.map { [$0.path, $0.name] as [AnyHashable] })", "\(r.field.path)", r.field.name,
      "\(r.field.type)", "\(r.field.encoding)", "\(r.isOpenMap)", "\(r.catalogPath)", "\(r.isStatus)",
      "\(r.zoned)",
    ]
  }

  private func workedOut(_ catalog: FieldCatalog, _ name: String) -> NameResolution? {
    if case .resolved(let r) = catalog.resolution(of: [name], scope: []) { return r }
    return nil
  }

  @Test(arguments: Provider.names)
  func everyOneWordNameLooksUpToWhatResolvingItGives(provider: String) throws {
    let catalog = try #require(Provider.named(provider)?.catalog)
    let names = CanonicalVocabulary.fieldNames + catalog.fields.compactMap { $0.path.first } + ["nope", ""]
    for name in names {
      let looked = catalog.topLevelResolution(name)
      let worked = workedOut(catalog, name)
      #expect((looked == nil) == (worked == nil), "\(provider).\(name)")
      if let looked, let worked { #expect(parts(looked) == parts(worked), "\(provider).\(name)") }
    }
  }

  @Test func aCatalogChangedAfterItIsMadeLooksUpItsNewNames() throws {
    var catalog = try #require(Provider.named("stripe")?.catalog)
    #expect(catalog.topLevelResolution("total")?.field.type == .decimal)
    catalog.canonicalViews["total"] = nil
    #expect(catalog.topLevelResolution("total")?.field.type == .integer)
    catalog.canonicalFields["total"] = ["amount_due"]
    #expect(catalog.topLevelResolution("total")?.catalogPath == ["amount_due"])
    catalog.fields.append(FieldDescriptor(["brand_new"], .string))
    #expect(catalog.topLevelResolution("brand_new")?.field.name == "brand_new")
    for name in ["total", "brand_new", "issueDate", "status"] {
      #expect(
        parts(try #require(catalog.topLevelResolution(name))) == parts(try #require(workedOut(catalog, name)))
      )
    }
  }

  @Test func unixSecondsReadAsADateTakeTheQuerysZone() throws {
    let catalog = try #require(Provider.named("stripe")?.catalog)
    let zone = try #require(TimeZone(identifier: "Europe/Paris"))
    let context = BindingContext(now: Instant(seconds: 0, fraction: ""), timeZone: zone)
    let query = Expression(
      .comparison(
        FieldPath(["issueDate"], range: .at(0)), .equal,
        Literal(.date(CivilDate(year: 2025, month: 5, day: 1)!), range: .at(0))),
      range: .at(0))
    let bound = try Binder.bind(query, catalog: catalog, context: context)
    guard case .predicate(.compare(let f, _, _)) = bound else {
      Issue.record("\(bound)")
      return
    }
    #expect(f.encoding == FieldEncoding.unixSeconds(zone: zone))
    // The catalog's own resolution keeps no zone: the next query's may differ.
    #expect(catalog.topLevelResolution("issueDate")?.field.encoding == FieldEncoding.unixSeconds(zone: nil))
  }
}
