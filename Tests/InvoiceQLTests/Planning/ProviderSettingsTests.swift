import Testing

@testable import InvoiceQL
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSemantics

/// `Provider.plan`'s settings: every required one must be given, a default fills the others.
@Suite struct ProviderSettingsTests {
  /// wethod with a default for `version` (no provider documents a default yet; this is the rule).
  static let wethodWithDefaultVersion: Provider = {
    let wethod = Provider.wethod
    return Provider(
      name: wethod.name, catalog: wethod.catalog, dialect: wethod.dialect, envelope: wethod.envelope,
      importer: wethod.importer,
      settings: [
        ProviderSetting("company", "the company slug", example: "acme"),
        ProviderSetting("version", "the API version", default: "2.0", example: "2.0"),
      ],
      sample: wethod.sample, pager: { request throws(PagingError) in try wethod.pager(startingAt: request) })
  }()

  static func versionHeader(_ settings: [String: String]) throws -> String? {
    let plan = try Self.wethodWithDefaultVersion.plan(BoundQuery(filter: .constant(true)), settings: settings)
    return plan.requests.first?.headers["Wethod-Version"]
  }

  /// An empty value is a missing setting (`--set version=`, the command-line reference's plan command): a required one
  /// is reported, one with a default takes the default rather than being sent empty.
  @Test func anEmptySettingIsMissingSoItsDefaultIsUsed() throws {
    #expect(try Self.versionHeader(["company": "acme"]) == "2.0")
    #expect(try Self.versionHeader(["company": "acme", "version": ""]) == "2.0")
    #expect(try Self.versionHeader(["company": "acme", "version": "3.1"]) == "3.1")
    #expect(throws: PlanningError.self) { try Self.versionHeader(["company": "", "version": "3.1"]) }
  }
}
