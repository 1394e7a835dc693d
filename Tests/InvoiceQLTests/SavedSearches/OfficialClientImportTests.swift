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

/// Native filters in the shapes SoftwareOne's official Python client (`mpt-api-client`, `RQLQuery`)
/// emits — strings and dates in single quotes, dates from `isoformat()` with `+00:00` offsets,
/// microseconds or none, `empty()`, `render()`, `order=`/`select=` before the filter — and the
/// other providers' counterparts. Each row gives the query and the kinds of the diagnostics.
@Suite("import: filters as official clients write them")
struct OfficialClientImportTests {
  typealias Row = (provider: String, native: String, query: String?, kinds: [Diagnostic.Kind])

  private static func check(_ row: Row) throws {
    let catalog = try #require(Provider.named(row.provider)?.catalog)
    let r = NativeImport.importFilterSelectingAll(row.native, catalog: catalog)
    #expect(r.query.map(Formatter.format) == row.query, "\(row.native): \(r.diagnostics.map(\.message))")
    #expect(r.diagnostics.map(\.kind) == row.kinds, "\(row.native): \(r.diagnostics.map(\.message))")
  }

  /// Quoted with `'` or `"`, percent-encoded inside the quotes as the client encodes them; a bare
  /// dotted field name in value position is the client's property reference, not a string.
  @Test(
    arguments: [
      ("softwareone", "eq(status,'Issued')", "status = Issued", []),
      ("softwareone", "in(status,('Issued','Overdue'))", "status in (Issued, Overdue)", []),
      ("softwareone", "eq(buyer.id,\"BUY-1234-5678\")", "customerId = \"BUY-1234-5678\"", []),
      ("softwareone", "eq(erpData.documentNo,'INV%2F2025%2C1%20%28a%29')", "number = \"INV/2025,1 (a)\"", []),
      ("softwareone", "eq(erpData.documentNo,'say \"hi\"')", "number = \"say \\\"hi\\\"\"", []),
      ("softwareone", "ge(erpData.invoiceTotal,'100.50')", "total >= 100.50", []),
      ("softwareone", "eq(buyer.id,erpData.documentNo)", nil, [.importBadValue]),
    ] as [Row])
  func quotedValuesOfEitherKindImportAndPropertyReferencesAreRefused(row: Row) throws { try Self.check(row) }

  /// A date field softwareone stores as a datetime with an offset, bounded by an instant: whatever
  /// its offset or fraction digits (a date alone is 00:00 UTC), imported as the dates an instant on
  /// that side of the bound can be written with, a day either side of its UTC date.
  @Test(
    arguments: [
      (
        "softwareone", "le(erpData.dueDate,'2025-05-31T23:59:59+00:00')", "dueDate <= 2025-06-01",
        [.importApproximate]
      ),
      (
        "softwareone", "lt(erpData.dueDate,'2025-05-15T23:59:59.0000000+00:00')", "dueDate <= 2025-05-16",
        [.importApproximate]
      ),
      (
        "softwareone", "lt(erpData.dueDate,\"2025-05-01T00:00:00.000Z\")", "dueDate <= 2025-05-01",
        [.importApproximate]
      ),
      ("softwareone", "lt(erpData.dueDate,'2025-05-01')", "dueDate <= 2025-05-01", [.importApproximate]),
      (
        "softwareone", "le(erpData.dueDate,'2025-05-01T01:00:00+02:00')", "dueDate <= 2025-05-01",
        [.importApproximate]
      ),
      (
        "softwareone", "ge(erpData.dueDate,'2025-05-01T00:00:00+02:00')", "dueDate >= 2025-04-29",
        [.importApproximate]
      ),
      (
        "softwareone", "gt(erpData.documentDate,'2025-05-01T12:30:00.123456+05:30')",
        "issueDate >= 2025-04-30", [.importApproximate]
      ),
      (
        "softwareone", "le(erpData.postingDate,'2025-05-31T23:59:59')", "erpData.postingDate <= 2025-06-01",
        [.importApproximate]
      ),
      (
        "softwareone", "eq(erpData.dueDate,'2025-05-01')", "dueDate between 2025-04-30 and 2025-05-01",
        [.importApproximate]
      ),
      (
        "softwareone", "in(erpData.dueDate,('2025-05-01','2025-05-03T10:00:00Z'))",
        "dueDate in (2025-04-30, 2025-05-01, 2025-05-02, 2025-05-03, 2025-05-04)", [.importApproximate]
      ),
      (
        "softwareone", "and(eq(status,'Issued'),ne(erpData.dueDate,'2025-05-01'))", "status = Issued",
        [.importApproximate]
      ),
      ("elevate", "dueDate=2025-05-01", "dueDate = 2025-05-01", []),
      ("elevate", "dueDate=lt:2025-05-01T10:00:00Z", "dueDate <= 2025-05-02", [.importApproximate]),
    ] as [Row])
  func instantsOnDateFieldsImportAsTheDatesTheirInstantsCanHave(row: Row) throws { try Self.check(row) }

  /// Where the API compares in UTC, a value without an offset is UTC, and the query says so: it must
  /// not follow `--tz`. Where the zone is not documented, every instant the value can name is kept.
  @Test(
    arguments: [
      ("softwareone", "ge(audit.created.at,'2025-05-01')", "createdAt >= 2025-05-01T00:00:00Z", []),
      ("softwareone", "lt(audit.updated.at,'2025-05-01T10:00:00')", "updatedAt < 2025-05-01T10:00:00Z", []),
      (
        "softwareone", "lt(audit.created.at,'2025-05-01T10:00:00.123456+02:00')",
        "createdAt < 2025-05-01T10:00:00.123456+02:00", []
      ),
      (
        "softwareone", "in(audit.created.at,('2025-05-01','2025-05-02T10:00:00'))",
        "createdAt in (2025-05-01T00:00:00Z, 2025-05-02T10:00:00Z)", []
      ),
      (
        "softwareone", "any(lines,gt(period.start,'2025-01-01'))",
        "any(lines, period.start > 2025-01-01T00:00:00Z)", []
      ),
      (
        "roadsync",
        #"{"filters":[{"field":"fromcreated","type":"datetime","value":"2020-07-21 17:32:28"},{"field":"tocreated","type":"datetime","value":"2020-07-31"},{"field":"includevoided","type":"boolean","value":"true"}]}"#,
        "createdAt >= 2020-07-20T17:32:28Z and createdAt <= 2020-08-02T00:00:00Z",
        [.importApproximate, .importApproximate, .importApproximate, .importApproximate]
      ),
      (
        "wethod", "updated_at=2024-03-01", "updatedAt between 2024-02-29T00:00:00Z and 2024-03-03T00:00:00Z",
        [.importApproximate]
      ),
      (
        "wethod", "updated_at=gt:2024-03-01T10:00:00%2B02:00", "updatedAt >= 2024-02-27T08:00:00Z",
        [.importApproximate]
      ),
      (
        "wethod", "updated_at=lte:2024-03-01T10:00:00", "updatedAt <= 2024-03-05T10:00:00Z",
        [.importApproximate]
      ),
      (
        "elevate", "createdDate=in:2025-05-01,2025-05-02T10:00:00%2B02:00",
        "createdDate between 2025-04-30T00:00:00Z and 2025-05-03T00:00:00Z or createdDate = 2025-05-02T10:00:00+02:00",
        [.importApproximate]
      ),
    ] as [Row])
  func valuesWithoutAnOffsetAreReadAsTheAPIReadsThemAndTheQueryIgnoresTheTimeZone(row: Row) throws {
    try Self.check(row)
    let catalog = try #require(Provider.named(row.provider)?.catalog)
    let query = try #require(NativeImport.importFilterSelectingAll(row.native, catalog: catalog).query)
    let now = Instant(seconds: 1_746_000_000, fraction: "")
    let bound = try ["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Berlin"].map { zone in
      let context = BindingContext(now: now, timeZone: try #require(TimeZone(identifier: zone)))
      return try Binder.bind(query, catalog: catalog, context: context).filter
    }
    #expect(Set(bound).count == 1, "\(row.native) means something else in another --tz")
  }

  /// `empty()` is documented only as an empty value: the empty string, and for `eq`/`in` absent or
  /// null too, with a warning.
  @Test(
    arguments: [
      (
        "softwareone", "eq(erpData.documentNo,empty())", "number = \"\" or number is null",
        [.importApproximate]
      ),
      ("softwareone", "ne(erpData.documentNo,empty())", "number != \"\"", [.importApproximate]),
      (
        "softwareone", "in(erpData.documentNo,('A',empty()))", "number in (A, \"\") or number is null",
        [.importApproximate]
      ),
      (
        "softwareone", "out(erpData.documentNo,('A',empty()))", "number not in (A, \"\")",
        [.importApproximate]
      ),
      (
        "softwareone", "and(eq(status,'Paid'),not(eq(erpData.documentNo,empty())))", "status = Paid",
        [.importApproximate]
      ),
      ("softwareone", "eq(erpData.invoiceTotal,empty())", nil, [.importBadValue]),
    ] as [Row])
  func emptyImportsWithAWarningAsTheEmptyStringOrNull(row: Row) throws { try Self.check(row) }

  /// Output options choose no invoices: skipped, with a note where skipping one changes what the
  /// saved request listed (a projection, a page past the first, an ordering the query cannot state).
  @Test(
    arguments: [
      ("softwareone", "eq(status,'Paid')&render()", "status = Paid", [.importOptionSkipped]),
      (
        "softwareone",
        "order=-audit.created.at&select=+erpData,+audit&and(eq(status,'Issued'),gt(erpData.invoiceTotal,5))&render()",
        "status = Issued and total > 5 sort by createdAt desc", [.importOptionSkipped]
      ),
      (
        "softwareone", "select=id,name&eq(status,Paid)&limit=100&offset=0", "status = Paid",
        [.importOptionSkipped]
      ),
      ("softwareone", "eq(status,Paid)&limit=100&offset=200", "status = Paid", [.importOptionSkipped]),
      (
        "softwareone", "order=-nope,erpData.invoiceTotal&eq(status,Paid)", "status = Paid sort by total asc",
        [.importOptionSkipped]
      ),
      ("softwareone", "order=lines.lineNo&eq(status,Paid)", "status = Paid", [.importOptionSkipped]),
      (
        "elevate", "customerId=5&fields=id,total&page=2&pageSize=10", "customerId = 5",
        [.importOptionSkipped, .importOptionSkipped]
      ),
      ("wethod", "project_id=7&offset=100&limit=100", "project_id = 7", [.importOptionSkipped]),
    ] as [Row])
  func outputOptionsAreSkippedWithANoteWhenSkippingDropsSomething(row: Row) throws { try Self.check(row) }

  /// A condition imported broader makes a query narrower under `not`: there it is left out with
  /// what holds it, up to where leaving out widens again. When nothing is left, the import is the
  /// empty filter (every invoice), never an error.
  @Test(
    arguments: [
      (
        "softwareone", "and(eq(status,'Issued'),not(like(buyer.name,'*Fleet*')))", "status = Issued",
        [.importApproximate]
      ),
      (
        "softwareone", "not(or(eq(status,'Paid'),lt(erpData.dueDate,'2025-05-01')))", "not status = Paid",
        [.importApproximate]
      ),
      (
        "softwareone", "not(and(eq(status,'Paid'),lt(erpData.dueDate,'2025-05-01')))", "",
        [.importApproximate]
      ),
      (
        "softwareone", "not(not(like(buyer.name,'*Fleet*')))", "not not buyer.name contains \"Fleet\"",
        [.importApproximate]
      ),
      (
        "softwareone", "or(eq(status,'Paid'),ilike(buyer.name,'acme'))", "",
        [.importUnknownOperator]
      ),
    ] as [Row])
  func aBroaderConditionUnderANegationIsLeftOutNeverNarrowed(row: Row) throws { try Self.check(row) }
}
