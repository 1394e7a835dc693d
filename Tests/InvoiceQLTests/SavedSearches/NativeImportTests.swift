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

@Suite("import: native filters to queries")
struct NativeImportTests {
  private func run(_ native: String, _ provider: String) throws -> (text: String?, diagnostics: [Diagnostic])
  {
    let catalog = try #require(Provider.named(provider)?.catalog)
    let r = NativeImport.importFilterSelectingAll(native, catalog: catalog)
    return (r.query.map(Formatter.format), r.diagnostics)
  }

  /// A native filter without a condition (the language reference) imports as the empty filter, clauses kept.
  @Test(arguments: [
    ("rhythm", "includeAllInvoices=true&fields=id", ""),
    ("rhythm", "includeAllInvoices=true", ""),
    ("elevate", "page=1&pageSize=1000&sort=invoiceTotalAmount:desc", "sort by total desc"),
  ])
  func aNativeFilterWithoutAConditionImportsAsTheEmptyFilter(provider: String, native: String, query: String)
    throws
  {
    let (text, diagnostics) = try run(native, provider)
    #expect(text == query, "\(diagnostics.map(\.message))")
    #expect(diagnostics.allSatisfy { $0.severity != .error })
  }

  @Test(arguments: [
    (
      "elevate", "dueDate=2025-05-01&paymentStatus=in:PAID,UNPAID",
      "dueDate = 2025-05-01 and status in (PAID, UNPAID)"
    ),
    (
      "elevate", "/invoices?invoiceDate=2025-01-01&page=1&pageSize=1000&sort=dueDate:desc,id",
      "issueDate = 2025-01-01 sort by dueDate desc, id asc"
    ),
    ("elevate", "customerId=5&invoiceNumber=INV%2D1", "customerId = 5 and number = \"INV-1\""),
    (
      "wethod", "issue_date=lte:2024-01-01&project_id=7&limit=100",
      "issueDate <= 2024-01-01 and project_id = 7"
    ),
    ("wethod", "payment_date=bt:2024-01-01,2024-02-01", "paidDate between 2024-01-01 and 2024-02-01"),
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
  /// dates as written, which can be a day either side of the instant's UTC date. The import is the
  /// narrowest date range that keeps every invoice the native bound does, with a warning.
  @Test func anInstantBoundOnADateFieldIsImportedAsTheDatesItsInstantsCanHaveWithAWarning() throws {
    let (text, diagnostics) = try run(
      "?and(eq(status,Issued),lt(erpData.dueDate,\"2025-05-01T00:00:00.000Z\"))&select=+erpData",
      "softwareone")
    // An invoice due 2025-05-01T05:00:00+08:00 is before the bound (2025-04-30T21:00Z).
    #expect(text == "status = Issued and dueDate <= 2025-05-01")
    #expect(diagnostics.map(\.kind) == [.importApproximate])
    #expect(diagnostics.map(\.severity) == [.warning])
  }

  /// `lt:`/`gt:` are "less/greater than", but whether the bound is included is undocumented
  /// (roadsync's `from`/`to` alike): imported inclusive, with a warning.
  @Test(arguments: [
    ("elevate", "dueDate=lt:2025-05-01&paymentStatus=UNPAID", "dueDate <= 2025-05-01 and status = UNPAID"),
    ("elevate", "invoiceDate=gt:2025-01-01", "issueDate >= 2025-01-01"),
    ("wethod", "issue_date=gt:2024-01-01&project_id=7", "issueDate >= 2024-01-01 and project_id = 7"),
  ])
  func strictBoundsWhoseInclusivityIsUndocumentedImportInclusive(
    provider: String, native: String, expected: String
  )
    throws
  {
    let (text, diagnostics) = try run(native, provider)
    #expect(text == expected)
    #expect(diagnostics.map(\.kind) == [.importApproximate])
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

  /// A query takes a fraction in a whole-number field as a type error, so such a native value
  /// does not import; a whole value does, however it is spelled.
  @Test func aFractionInAWholeNumberFieldDoesNotImport() throws {
    for (provider, native) in [
      ("elevate", "id=1.5"), ("wethod", "project_id=2.5"), ("elevate", "customerId=-0.5"),
    ] {
      let (text, diagnostics) = try run(native, provider)
      #expect(text == nil, "\(native) → \(text ?? "")")
      #expect(diagnostics.map(\.kind) == [.importBadValue], "\(native)")
      #expect(diagnostics.first?.message.contains("whole-number id") == true, "\(native)")
    }
    #expect(try run("id=1.0", "elevate").text == "id = 1.0")
    #expect(try run("eq(erpData.invoiceTotal,2.5)", "softwareone").text == "total = 2.5")
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
    ("elevate", "customerId=5r2", "'5r2' is not a valid value for customerId (a whole-number id)"),
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
  ])
  func badNativeFiltersAreErrorsNotCrashes(provider: String, native: String, message: String) throws {
    let (text, diagnostics) = try run(native, provider)
    #expect(text == nil)
    #expect(
      diagnostics.contains { $0.severity == .error && $0.message == message }, "\(diagnostics.map(\.message))"
    )
  }

  /// Random native texts of every provider, from its parts, often with a few characters inserted or
  /// removed: importing never crashes, every diagnostic points inside the native text, and a query,
  /// when one is produced, parses and binds on the provider (it means something there).
  @Test func propertyRandomNativeTextNeverCrashesAndImportsOnlyQueriesThatBind() throws {
    var rng = SavedSearchRandom(seed: 0xBADF00D)
    let alphabet = Array("()&=,:*'\"%2Fa1-.{}[]eqinltgtoruwhand \\+Z")
    var imported = 0
    for _ in 0..<1500 {
      let provider = rng.pick(Provider.names)
      // Each provider's parts and how they join (`ProviderTestRows`, beside its own tests).
      let rows = try #require(ProviderTestRows.all[provider])
      let chosen = (0..<rng.int(1...3)).map { _ in rng.pick(rows.nativeParts) }
      var text = Array(rows.joinParts(chosen))
      if rng.chance(50) {
        for _ in 0..<rng.int(1...3) where !text.isEmpty {
          let at = rng.int(0...(text.count - 1))
          if rng.chance(50) { text.remove(at: at) } else { text.insert(rng.pick(alphabet), at: at) }
        }
      }
      let native = String(text)
      let catalog = try #require(Provider.named(provider)?.catalog)
      let result = NativeImport.importFilter(native, catalog: catalog)
      for d in result.diagnostics {
        #expect(
          d.range.lowerBound >= 0 && d.range.upperBound <= native.utf8.count, "\(provider): \(native): \(d)")
      }
      guard let query = result.query else { continue }
      imported += 1
      let formatted = Formatter.format(query)
      let context = BindingContext.utc(now: Instant(seconds: 0, fraction: ""))
      #expect(
        (try? Binder.bind(Parser.parse(formatted), catalog: catalog, context: context)) != nil,
        "\(provider): \(native) → \(formatted)")
    }
    #expect(imported > 300, "too few random texts imported to say anything")
  }
}
