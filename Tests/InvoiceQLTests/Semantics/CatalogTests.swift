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

@Suite struct CatalogTests {
  @Test func registryListsTheSixProviders() {
    #expect(Provider.names == ["rhythm", "elevate", "roadsync", "softwareone", "wethod", "stripe"])
    for provider in Provider.all {
      #expect(provider.catalog.provider == provider.name)
      #expect(Provider.named(provider.name) == provider)
    }
    #expect(Provider.named("Elevate") == nil)
    #expect(Provider.named("nope") == nil)
  }

  @Test(arguments: Provider.names)
  func everyCanonicalMappingPointsAtAFieldOfTheCanonicalKind(provider: String) {
    guard let catalog = Provider.named(provider)?.catalog else {
      Issue.record("no catalog \(provider)")
      return
    }
    for (name, path) in catalog.canonicalFields {
      #expect(CanonicalVocabulary.fieldNames.contains(name), "\(catalog.provider): \(name)")
      guard var field = catalog.field(at: path) else {
        Issue.record("\(catalog.provider): \(name) → \(path) is not in the catalog")
        continue
      }
      // A canonical name may read its field its own way (stripe: minor units, Unix seconds).
      if let view = catalog.canonicalViews[name] { field.type = view.type }
      switch name {
      case "issueDate", "dueDate", "paidDate":
        #expect(field.type == .date, "\(catalog.provider).\(name)")
      case "createdAt", "updatedAt":
        #expect(field.type == .dateTime, "\(catalog.provider).\(name)")
      case "total", "balance":
        #expect(field.type == .decimal, "\(catalog.provider).\(name)")
      case "id", "customerId":
        if case .id = field.type {} else { Issue.record("\(catalog.provider).\(name) is not an id") }
      case "status":
        if case .enumeration = field.type {
        } else {
          Issue.record("\(catalog.provider).status is not an enum")
        }
      default:
        break
      }
    }
  }

  @Test(arguments: Provider.names)
  func everyCanonicalStatusMapsToDocumentedValues(provider: String) {
    guard let catalog = Provider.named(provider)?.catalog else {
      Issue.record("no catalog \(provider)")
      return
    }
    #expect(Set(catalog.canonicalStatuses.keys) == Set(CanonicalVocabulary.statusValues))
    guard let path = catalog.statusPath, case .enumeration(let values)? = catalog.field(at: path)?.type
    else {
      Issue.record("\(catalog.provider) has no status enum")
      return
    }
    for (_, mapped) in catalog.canonicalStatuses {
      for v in mapped { #expect(values.contains(v), "\(catalog.provider): \(v)") }
    }
  }

  @Test(arguments: Provider.names)
  func pathsAreUniqueAndEveryNestedFieldHasItsParent(provider: String) {
    guard let catalog = Provider.named(provider)?.catalog else {
      Issue.record("no catalog \(provider)")
      return
    }
    let paths = catalog.fields.map(\.path)
    #expect(Set(paths).count == paths.count, "\(catalog.provider) repeats a path")
    for f in catalog.fields where f.path.count > 1 {
      let parent = catalog.field(at: Array(f.path.dropLast()))
      switch parent?.type {
      case .object?, .array(element: .object)?: break
      default: Issue.record("\(catalog.provider): \(f.dottedName) has no object parent")
      }
    }
  }

  @Test func spotChecksAgainstTheSeedPages() {
    let rhythm = Provider.named("rhythm")?.catalog
    #expect(rhythm?.field(at: ["number"])?.type == .integer)
    #expect(rhythm?.field(at: ["line_items", "product_id"])?.nullable == false)
    #expect(rhythm?.field(at: ["line_items"])?.type == .array(element: .object))
    #expect(rhythm?.canonicalFields["dueDate"] == ["date_due"])
    #expect(rhythm?.canonicalStatuses["writtenOff"] == ["written off"])
    let elevate = Provider.named("elevate")?.catalog
    #expect(elevate?.field(at: ["id"])?.type == .id(numeric: true))
    #expect(elevate?.canonicalStatuses["open"] == ["UNPAID", "PARTIALLY_PAID"])
    #expect(elevate?.field(at: ["paymentStatusUpdatedDate"])?.replacedBy == ["paymentStatusUpdatedTime"])
    #expect(elevate?.canonicalFields["currency"] == nil)
    let roadsync = Provider.named("roadsync")?.catalog
    #expect(roadsync?.canonicalFields["dueDate"] == nil)
    #expect(roadsync?.canonicalStatuses.values.allSatisfy(\.isEmpty) == true)
    #expect(roadsync?.field(at: ["lineItems", "product", "name"])?.type == .string)
    let swo = Provider.named("softwareone")?.catalog
    #expect(swo?.field(at: ["erpData", "dueDate"])?.type == .date)
    #expect(swo?.canonicalFields["createdAt"] == ["audit", "created", "at"])
    #expect(swo?.field(at: ["erpData", "addresses", "billTo", "country"])?.type == .string)
    let wethod = Provider.named("wethod")?.catalog
    #expect(wethod?.canonicalFields["paidDate"] == ["payment_date"])
    #expect(wethod?.canonicalStatuses["open"] == ["sent"])
  }

  @Test func fieldAtFindsTheFirstFieldOfAPathAlsoAfterTheFieldsChange() {
    var catalog = FieldCatalog(
      provider: "p", fields: [FieldDescriptor(["a"], .string), FieldDescriptor(["a"], .decimal)],
      canonicalFields: [:], canonicalStatuses: [:])
    #expect(catalog.field(at: ["a"])?.type == .string)
    #expect(catalog.field(at: ["b"]) == nil)
    catalog.fields.insert(FieldDescriptor(["b", "c"], .date), at: 0)
    catalog.fields.removeLast()
    #expect(catalog.field(at: ["b", "c"])?.type == .date)
    #expect(catalog.field(at: ["a"])?.type == .string)
    for provider in Provider.all.map(\.catalog) {
      for field in provider.fields {
        #expect(provider.field(at: field.path) == provider.fields.first { $0.path == field.path })
      }
    }
  }
}
