import Testing

@testable import InvoiceQL

@Suite("import: native filters to queries")
struct NativeImportTests {
  private func run(_ native: String, _ provider: String) throws -> (text: String?, diagnostics: [Diagnostic])
  {
    let catalog = try #require(Catalogs.named(provider))
    let r = NativeImport.importFilter(native, catalog: catalog)
    return (r.query.map(Formatter.format), r.diagnostics)
  }

  @Test(arguments: [
    (
      "elevate", "dueDate=lt:2025-05-01&paymentStatus=in:PAID,UNPAID",
      "dueDate < 2025-05-01 and status in (PAID, UNPAID)"
    ),
    (
      "elevate", "/invoices?invoiceDate=gt:2025-01-01&page=1&pageSize=1000&sort=dueDate:desc,id",
      "issueDate > 2025-01-01 sort by dueDate desc, id asc"
    ),
    ("elevate", "customerId=5&invoiceNumber=INV%2D1", "customerId = 5 and number = \"INV-1\""),
    (
      "wethod", "issue_date=gt:2024-01-01&updated_at=lt:2024-01-01T20:00:00%2B02:00&project_id=7&limit=100",
      "issueDate > 2024-01-01 and updatedAt < 2024-01-01T20:00:00+02:00 and project_id = 7"
    ),
    (
      "wethod", "payment_date=bt:2024-01-01,2024-02-01&updated_at=2024-03-01",
      "paidDate between 2024-01-01 and 2024-02-01 and updatedAt = 2024-03-01"
    ),
    (
      "softwareone",
      "?and(eq(status,Issued),gt(erpData.invoiceTotal,5))&select=+erpData&order=-audit.created.at&limit=100",
      "status = Issued and total > 5 sort by createdAt desc"
    ),
    (
      "softwareone", "or(in(erpData.invoiceTotal,(1,2)),not(eq(buyer.id,null())))&select=+erpData,+buyer",
      "total in (1, 2) or not customerId is null"
    ),
    (
      "softwareone",
      "ilike(erpData.documentNo,*INV*)&ilike(buyer.name,ACME*)&ilike(buyer.name,*\\*)&select=+erpData,+buyer",
      "number contains \"INV\" and buyer.name startswith \"ACME\" and buyer.name endswith \"*\""
    ),
    (
      "roadsync",
      "{\"filters\": [{\"field\": \"invoiceids\", \"type\": \"list\", \"value\": \"a,b\"}, {\"field\": \"includevoided\", \"type\": \"boolean\", \"value\": \"true\"}]}",
      "id in (a, b)"
    ),
  ])
  func importsEachProvidersNativeForm(provider: String, native: String, expected: String) throws {
    let (text, diagnostics) = try run(native, provider)
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    #expect(text == expected)
  }

  @Test func unknownOperatorsAreWarningsAndLeftOutNeverGuessed() throws {
    let (text, diagnostics) = try run(
      "invoiceNumber=like:INV%&dueDate=gtn:2025-01-01&customerId=5", "elevate")
    #expect(text == "customerId = 5")
    #expect(diagnostics.map(\.severity) == [.warning, .warning])
    #expect(diagnostics.map(\.kind) == [.importUnknownOperator, .importUnknownOperator])
    #expect(diagnostics.map(\.range) == [SourceRange(14, 23), SourceRange(32, 46)])
  }

  /// softwareone stores due dates as datetimes with offsets and compares instants; a query compares
  /// dates as written. The import is the nearest query, with a warning that it is not the same.
  @Test func anInstantBoundOnADateFieldIsImportedWithAWarning() throws {
    let (text, diagnostics) = try run(
      "?and(eq(status,Issued),lt(erpData.dueDate,\"2025-05-01T00:00:00.000Z\"))&select=+erpData",
      "softwareone")
    #expect(text == "status = Issued and dueDate < 2025-05-01")
    #expect(diagnostics.map(\.kind) == [.importApproximate])
    #expect(diagnostics.map(\.severity) == [.warning])
  }

  /// A native filter compares an enum value as sent; a query matches enum values regardless of
  /// case and canonical statuses by meaning. Only an exact spelling of one of the field's values
  /// imports.
  @Test func enumValuesImportOnlyWhenSpelledExactlyAsTheFieldsValues() throws {
    for (provider, native) in [
      ("elevate", "paymentStatus=open"), ("elevate", "paymentStatus=in:open,PAID"),
      ("elevate", "paymentStatus=unpaid"),
      ("softwareone", "eq(status,paid)"), ("softwareone", "eq(status,open)"),
    ] {
      let (text, diagnostics) = try run(native, provider)
      #expect(text == nil, "\(native) → \(text ?? "")")
      #expect(diagnostics.map(\.kind).contains(.importBadValue), "\(native)")
    }
    #expect(try run("paymentStatus=UNPAID", "elevate").text == "status = UNPAID")
    #expect(try run("eq(status,Paid)", "softwareone").text == "status = Paid")
  }

  @Test func caseSensitiveLikeIsImportedBroaderWithAWarning() throws {
    let (text, diagnostics) = try run("like(buyer.name,*Fleet*)&select=+buyer", "softwareone")
    #expect(text == "buyer.name contains \"Fleet\"")
    #expect(diagnostics.map(\.kind) == [.importApproximate])
  }

  @Test(arguments: [
    ("elevate", "foo=1", "elevate has no filter parameter 'foo'"),
    ("elevate", "dueDate=lt:2025-02-30", "'2025-02-30' is not a valid value for dueDate (a date YYYY-MM-DD)"),
    ("elevate", "%FF=1", "percent-encoded bytes that are not UTF-8"),
    ("softwareone", "and(eq(status,Issued)", "missing ')'"),
    ("softwareone", "eq(nope,1)", "softwareone has no field 'nope'"),
    ("softwareone", "frob(status,1)", "unknown RQL operator 'frob'"),
    (
      "softwareone", "like(buyer.name,a*b)",
      "a '*' wildcard may only stand at the start or end of a like pattern"
    ),
    (
      "softwareone",
      String(repeating: "not(", count: 300) + "eq(status,Paid)" + String(repeating: ")", count: 300),
      "RQL nested deeper than 256 levels"
    ),
    (
      "roadsync", "{\"filters\": [{\"field\": \"nope\", \"value\": \"1\"}]}",
      "roadsync has no search filter 'nope'"
    ),
    ("roadsync", "{\"filters\": [", "unexpected end of input, expected a value"),
    (
      "rhythm", "includeAllInvoices=true&fields=id",
      "nothing to import: this rhythm filter has no condition a query can state"
    ),
  ])
  func badNativeFiltersAreErrorsNotCrashes(provider: String, native: String, message: String) throws {
    let (text, diagnostics) = try run(native, provider)
    #expect(text == nil)
    #expect(
      diagnostics.contains { $0.severity == .error && $0.message == message }, "\(diagnostics.map(\.message))"
    )
  }

  @Test func propertyRandomBytesNeverCrashAndEitherImportOrExplain() throws {
    var rng = SavedSearchRandom(seed: 0xBADF00D)
    let alphabet =
      Array("()&=,:*'\"%2Fa1-.{}[]eqinltgtoruwhand ").map(String.init) + [
        "eq(", "in:", "lt:", "filters", "\\",
      ]
    for _ in 0..<600 {
      let provider = rng.pick(Catalogs.providerNames)
      let text = (0..<rng.int(0...30)).map { _ in rng.pick(alphabet) }.joined()
      let (query, diagnostics) = try run(text, provider)
      #expect(query != nil || diagnostics.contains { $0.severity == .error })
      if let query { #expect((try? Parser.parse(query)) != nil, "\(provider): \(text) → \(query)") }
    }
  }
}
