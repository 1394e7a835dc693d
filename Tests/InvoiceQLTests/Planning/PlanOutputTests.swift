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

/// Exact plan JSON per provider (like GRDB's exact-SQL tests): every byte of the request is asserted.
@Suite struct PlanOutputTests {
  static let elevateStatus = BoundField(
    path: ["paymentStatus"], type: .enumeration(["PAID", "UNPAID", "PARTIALLY_PAID"]), name: "status")
  static let elevateId = BoundField(path: ["id"], type: .id(numeric: true), name: "id")
  static let elevateNumber = BoundField(path: ["invoiceNumber"], type: .string, name: "number")
  static let swoTotal = BoundField(path: ["erpData", "invoiceTotal"], type: .decimal, name: "total")
  static let swoDue = BoundField(path: ["erpData", "dueDate"], type: .date, name: "dueDate")
  static let swoStatus = BoundField(
    path: ["status"], type: .enumeration(["Issued", "Paid", "Overdue"]), name: "status")
  static let swoName = BoundField(path: ["name"], type: .string, name: "name")
  static let swoNumber = BoundField(path: ["erpData", "documentNo"], type: .string, name: "number")
  static let roadCreated = BoundField(path: ["createdAt"], type: .dateTime, name: "createdAt")
  static let roadId = BoundField(path: ["id"], type: .id(numeric: false), name: "id")
  static let wethodIssue = BoundField(path: ["issue_date"], type: .date, name: "issueDate")
  static let wethodUpdated = BoundField(path: ["updated_at"], type: .dateTime, name: "updatedAt")
  static let wethodSettings = ["company": "acme", "version": "2024-06-15"]

  func json(
    _ filter: BoundExpression, _ provider: String, _ settings: [String: String] = [:], limit: Int? = nil
  )
    throws -> String
  {
    try Planner.plan(BoundQuery(filter: filter, limit: limit), provider: provider, settings: settings).json()
  }

  static var mixedSoftwareOne: BoundExpression {
    .and([
      B.cmp(swoTotal, .greaterOrEqual, B.dec("100.10")), B.cmp(swoDue, .lessOrEqual, B.day("2025-05-01")),
      .or([
        B.cmp(swoStatus, .equal, .string("Issued")),
        .and([B.cmp(swoTotal, .less, B.dec("5")), .predicate(.text(swoName, .contains, "a&b=c"))]),
      ]),
    ])
  }

  @Test func elevateStatusListAndStrictDateAreSupersets() throws {
    let e = BoundExpression.and([
      B.member(Self.elevateStatus, [.string("UNPAID"), .string("PARTIALLY_PAID"), .string("PAID")]),
      B.cmp(B.field("dueDate", .date), .less, B.day("2025-05-01")),
    ])
    #expect(
      try json(e, "elevate")
        == #"{"provider": "elevate", "requests": [{"method": "GET", "path": "/invoices", "query": [["paymentStatus", "in:PAID,PARTIALLY_PAID,UNPAID"], ["dueDate", "lt:2025-05-01"], ["page", "1"], ["pageSize", "1000"]], "headers": {}, "body": null, "url": "/invoices?paymentStatus=in:PAID,PARTIALLY_PAID,UNPAID&dueDate=lt:2025-05-01&page=1&pageSize=1000"}], "pushed": [{"predicate": "status in (PAID, PARTIALLY_PAID, UNPAID)", "exactness": "superset"}, {"predicate": "dueDate < 2025-05-01", "exactness": "superset"}], "residual": "status in (PAID, PARTIALLY_PAID, UNPAID) and dueDate < 2025-05-01", "sort": [], "limit": null, "fields": null, "sortPushed": false, "limitPushed": false}"#
    )
  }

  @Test func elevateIdListIsNotPushedBecauseIdsTakeOnlyEquality() throws {
    #expect(
      try json(B.member(Self.elevateId, [B.dec("5"), B.dec("7")]), "elevate", limit: 10)
        == #"{"provider": "elevate", "requests": [{"method": "GET", "path": "/invoices", "query": [["page", "1"], ["pageSize", "1000"]], "headers": {}, "body": null, "url": "/invoices?page=1&pageSize=1000"}], "pushed": [], "residual": "id in (5, 7)", "sort": [], "limit": 10, "fields": null, "sortPushed": false, "limitPushed": false}"#
    )
  }

  @Test func elevateExactIdPushesTheLimitAsPageSize() throws {
    #expect(
      try json(B.cmp(Self.elevateId, .equal, B.dec("5")), "elevate", limit: 10)
        == #"{"provider": "elevate", "requests": [{"method": "GET", "path": "/invoices", "query": [["id", "5"], ["page", "1"], ["pageSize", "10"]], "headers": {}, "body": null, "url": "/invoices?id=5&page=1&pageSize=10"}], "pushed": [{"predicate": "id = 5", "exactness": "exact"}], "residual": null, "sort": [], "limit": 10, "fields": null, "sortPushed": false, "limitPushed": true}"#
    )
  }

  @Test func elevateValuesCannotAddParameters() throws {
    #expect(
      try json(B.cmp(Self.elevateNumber, .equal, .string("a&b=c#d%e+f")), "elevate")
        == #"{"provider": "elevate", "requests": [{"method": "GET", "path": "/invoices", "query": [["invoiceNumber", "a&b=c#d%e+f"], ["page", "1"], ["pageSize", "1000"]], "headers": {}, "body": null, "url": "/invoices?invoiceNumber=a%26b%3Dc%23d%25e%2Bf&page=1&pageSize=1000"}], "pushed": [{"predicate": "number = \"a&b=c#d%e+f\"", "exactness": "superset"}], "residual": "number = \"a&b=c#d%e+f\"", "sort": [], "limit": null, "fields": null, "sortPushed": false, "limitPushed": false}"#
    )
    #expect(
      try json(B.cmp(Self.elevateNumber, .equal, .string("x\ny")), "elevate")
        == #"{"provider": "elevate", "requests": [{"method": "GET", "path": "/invoices", "query": [["page", "1"], ["pageSize", "1000"]], "headers": {}, "body": null, "url": "/invoices?page=1&pageSize=1000"}], "pushed": [], "residual": "number = \"x\\ny\"", "sort": [], "limit": null, "fields": null, "sortPushed": false, "limitPushed": false}"#
    )
    #expect(
      try json(B.cmp(Self.elevateNumber, .equal, .string("lt:5")), "elevate")
        == #"{"provider": "elevate", "requests": [{"method": "GET", "path": "/invoices", "query": [["page", "1"], ["pageSize", "1000"]], "headers": {}, "body": null, "url": "/invoices?page=1&pageSize=1000"}], "pushed": [], "residual": "number = \"lt:5\"", "sort": [], "limit": null, "fields": null, "sortPushed": false, "limitPushed": false}"#
    )
    #expect(
      try json(B.cmp(Self.elevateNumber, .equal, .string("../x")), "elevate")
        == #"{"provider": "elevate", "requests": [{"method": "GET", "path": "/invoices", "query": [["invoiceNumber", "../x"], ["page", "1"], ["pageSize", "1000"]], "headers": {}, "body": null, "url": "/invoices?invoiceNumber=../x&page=1&pageSize=1000"}], "pushed": [{"predicate": "number = \"../x\"", "exactness": "superset"}], "residual": "number = \"../x\"", "sort": [], "limit": null, "fields": null, "sortPushed": false, "limitPushed": false}"#
    )
    #expect(
      try json(B.cmp(Self.elevateNumber, .equal, .string("é ü")), "elevate")
        == #"{"provider": "elevate", "requests": [{"method": "GET", "path": "/invoices", "query": [["invoiceNumber", "é ü"], ["page", "1"], ["pageSize", "1000"]], "headers": {}, "body": null, "url": "/invoices?invoiceNumber=%C3%A9%20%C3%BC&page=1&pageSize=1000"}], "pushed": [{"predicate": "number = \"é ü\"", "exactness": "superset"}], "residual": "number = \"é ü\"", "sort": [], "limit": null, "fields": null, "sortPushed": false, "limitPushed": false}"#
    )
  }

  @Test func softwareOneWritesAndOrAsRQLWithWidenedDates() throws {
    #expect(
      try json(Self.mixedSoftwareOne, "softwareone")
        == #"{"provider": "softwareone", "requests": [{"method": "GET", "path": "/public/v1/billing/invoices", "query": [["and(ge(erpData.invoiceTotal,100.1),lt(erpData.dueDate,\"2025-05-03T00:00:00.000Z\"),or(eq(status,\"Issued\"),lt(erpData.invoiceTotal,5)))", null], ["select", "+erpData,+name,+status"], ["limit", "100"], ["offset", "0"]], "headers": {}, "body": null, "url": "/public/v1/billing/invoices?and(ge(erpData.invoiceTotal,100.1),lt(erpData.dueDate,%222025-05-03T00:00:00.000Z%22),or(eq(status,%22Issued%22),lt(erpData.invoiceTotal,5)))&select=%2BerpData,%2Bname,%2Bstatus&limit=100&offset=0"}], "pushed": [{"predicate": "total >= 100.1", "exactness": "exact"}, {"predicate": "dueDate <= 2025-05-01", "exactness": "superset"}, {"predicate": "status = Issued or total < 5 and name contains \"a&b=c\"", "exactness": "superset"}], "residual": "dueDate <= 2025-05-01 and (status = Issued or total < 5 and name contains \"a&b=c\")", "sort": [], "limit": null, "fields": null, "sortPushed": false, "limitPushed": false}"#
    )
  }

  @Test func softwareOneQuotesWithTheOtherQuoteKind() throws {
    #expect(
      try json(B.cmp(Self.swoNumber, .equal, .string("it's")), "softwareone")
        == #"{"provider": "softwareone", "requests": [{"method": "GET", "path": "/public/v1/billing/invoices", "query": [["eq(erpData.documentNo,\"it's\")", null], ["select", "+erpData"], ["limit", "100"], ["offset", "0"]], "headers": {}, "body": null, "url": "/public/v1/billing/invoices?eq(erpData.documentNo,%22it's%22)&select=%2BerpData&limit=100&offset=0"}], "pushed": [{"predicate": "number = \"it's\"", "exactness": "superset"}], "residual": "number = \"it's\"", "sort": [], "limit": null, "fields": null, "sortPushed": false, "limitPushed": false}"#
    )
    #expect(
      try json(B.cmp(Self.swoNumber, .equal, .string("say \"hi\"")), "softwareone")
        == #"{"provider": "softwareone", "requests": [{"method": "GET", "path": "/public/v1/billing/invoices", "query": [["eq(erpData.documentNo,'say \"hi\"')", null], ["select", "+erpData"], ["limit", "100"], ["offset", "0"]], "headers": {}, "body": null, "url": "/public/v1/billing/invoices?eq(erpData.documentNo,'say%20%22hi%22')&select=%2BerpData&limit=100&offset=0"}], "pushed": [{"predicate": "number = \"say \\\"hi\\\"\"", "exactness": "superset"}], "residual": "number = \"say \\\"hi\\\"\"", "sort": [], "limit": null, "fields": null, "sortPushed": false, "limitPushed": false}"#
    )
    #expect(
      try json(B.cmp(Self.swoNumber, .equal, .string("both ' \"")), "softwareone")
        == #"{"provider": "softwareone", "requests": [{"method": "GET", "path": "/public/v1/billing/invoices", "query": [["select", "+erpData"], ["limit", "100"], ["offset", "0"]], "headers": {}, "body": null, "url": "/public/v1/billing/invoices?select=%2BerpData&limit=100&offset=0"}], "pushed": [], "residual": "number = \"both ' \\\"\"", "sort": [], "limit": null, "fields": null, "sortPushed": false, "limitPushed": false}"#
    )
    #expect(
      try json(B.cmp(Self.swoNumber, .equal, .string("a,b)c&d/(e")), "softwareone")
        == #"{"provider": "softwareone", "requests": [{"method": "GET", "path": "/public/v1/billing/invoices", "query": [["eq(erpData.documentNo,\"a,b)c&d/(e\")", null], ["select", "+erpData"], ["limit", "100"], ["offset", "0"]], "headers": {}, "body": null, "url": "/public/v1/billing/invoices?eq(erpData.documentNo,%22a%2Cb%29c%26d%2F%28e%22)&select=%2BerpData&limit=100&offset=0"}], "pushed": [{"predicate": "number = \"a,b)c&d/(e\"", "exactness": "superset"}], "residual": "number = \"a,b)c&d/(e\"", "sort": [], "limit": null, "fields": null, "sortPushed": false, "limitPushed": false}"#
    )
  }

  /// A number is pushed only when every number type a server may use reads it exactly (at most 15
  /// significant digits, below 10^15): a binary double rounds 9007199254740993 to …992, and a
  /// bound sent that way would drop a true match.
  @Test func numbersPastFifteenDigitsStayOnTheClient() throws {
    func plan(_ e: BoundExpression, _ provider: String) throws -> Plan {
      try Planner.plan(BoundQuery(filter: e), provider: provider, settings: [:])
    }
    for big in [
      "9007199254740993", "123456789012345678901234567890.5", "1000000000000000", "0.0000000000000001",
    ] {
      let e = B.cmp(Self.swoTotal, .less, .decimal(try #require(ExactDecimal(json: big))))
      let p = try plan(e, "softwareone")
      #expect(p.pushed.isEmpty && p.residual == e, "\(big): \(p.requests.first?.url ?? "")")
    }
    for fine in ["900719925474099", "100.25", "-0.000000000000001"] {
      let e = B.cmp(Self.swoTotal, .less, .decimal(try #require(ExactDecimal(json: fine))))
      let p = try plan(e, "softwareone")
      #expect(p.pushed.map(\.exactness) == [.exact] && p.residual == nil, "\(fine)")
    }
    let id = B.cmp(Self.elevateId, .equal, .decimal(try #require(ExactDecimal(json: "99999999999999999999"))))
    #expect(try plan(id, "elevate").pushed.isEmpty)
    let small = B.cmp(Self.elevateId, .equal, .decimal(try #require(ExactDecimal(json: "999999999999999"))))
    #expect(try plan(small, "elevate").pushed.map(\.exactness) == [.exact])
  }

  @Test func contradictionPlansNoRequest() throws {
    let e = BoundExpression.and([
      B.cmp(Self.swoTotal, .greater, B.dec("5")), B.cmp(Self.swoTotal, .less, B.dec("3")),
    ])
    #expect(
      try json(e, "softwareone")
        == #"{"provider": "softwareone", "requests": [], "pushed": [], "residual": null, "sort": [], "limit": null, "fields": null, "sortPushed": false, "limitPushed": false}"#
    )
    #expect(try Planner.plan(BoundQuery(filter: e), provider: "softwareone", settings: [:]).canMatch == false)
  }

  @Test func rhythmEncodesPathSegmentsAndAsksForWholeInvoices() throws {
    let settings = ["tenantId": "t/../x", "portalContactId": "c 1"]
    #expect(
      try json(Self.mixedSoftwareOne, "rhythm", settings)
        == #"{"provider": "rhythm", "requests": [{"method": "GET", "path": "/invoices/t%2F%2E%2E%2Fx/portal/contact/c%201", "query": [["includeAllInvoices", "true"]], "headers": {}, "body": null, "url": "/invoices/t%2F%2E%2E%2Fx/portal/contact/c%201?includeAllInvoices=true"}], "pushed": [], "residual": "total >= 100.1 and dueDate <= 2025-05-01 and (status = Issued or total < 5 and name contains \"a&b=c\")", "sort": [], "limit": null, "fields": null, "sortPushed": false, "limitPushed": false}"#
    )
  }

  @Test func roadsyncWidensDatetimesAndKeepsListsWithCommasResidual() throws {
    let created = B.cmp(
      Self.roadCreated, .greaterOrEqual, .instant(Instant(seconds: 1_746_000_000, fraction: "5")))
    let withComma = BoundExpression.and([created, B.member(Self.roadId, [.string("A,1"), .string("B")])])
    #expect(
      try json(withComma, "roadsync")
        == #"{"provider": "roadsync", "requests": [{"method": "POST", "path": "/invoice/search", "query": [], "headers": {"Content-Type": "application/json"}, "body": "{\"filters\": [{\"type\": \"boolean\", \"field\": \"includevoided\", \"value\": \"true\"}, {\"type\": \"datetime\", \"field\": \"fromcreated\", \"value\": \"2025-04-30 07:59:59Z\"}], \"pagination\": {\"ItemsPerPage\": 100, \"PageNumber\": 1}}", "url": "/invoice/search"}], "pushed": [{"predicate": "createdAt >= 2025-04-30T08:00:00.5Z", "exactness": "superset"}], "residual": "createdAt >= 2025-04-30T08:00:00.5Z and id in (\"A,1\", \"B\")", "sort": [], "limit": null, "fields": null, "sortPushed": false, "limitPushed": false}"#
    )
    let withQuote = BoundExpression.and([created, B.member(Self.roadId, [.string("A\"1"), .string("B")])])
    #expect(
      try json(withQuote, "roadsync")
        == #"{"provider": "roadsync", "requests": [{"method": "POST", "path": "/invoice/search", "query": [], "headers": {"Content-Type": "application/json"}, "body": "{\"filters\": [{\"type\": \"boolean\", \"field\": \"includevoided\", \"value\": \"true\"}, {\"type\": \"datetime\", \"field\": \"fromcreated\", \"value\": \"2025-04-30 07:59:59Z\"}, {\"type\": \"list\", \"field\": \"invoiceids\", \"value\": \"A\\\"1,B\"}], \"pagination\": {\"ItemsPerPage\": 100, \"PageNumber\": 1}}", "url": "/invoice/search"}], "pushed": [{"predicate": "createdAt >= 2025-04-30T08:00:00.5Z", "exactness": "superset"}, {"predicate": "id in (\"A\\\"1\", \"B\")", "exactness": "superset"}], "residual": "createdAt >= 2025-04-30T08:00:00.5Z and id in (\"A\\\"1\", \"B\")", "sort": [], "limit": null, "fields": null, "sortPushed": false, "limitPushed": false}"#
    )
  }

  @Test func wethodSendsOneBoundPerParameterAndTheHeaders() throws {
    let range = BoundExpression.and([
      B.cmp(Self.wethodIssue, .greaterOrEqual, B.day("2025-01-01")),
      B.cmp(Self.wethodIssue, .lessOrEqual, B.day("2025-01-31")),
    ])
    #expect(
      try json(range, "wethod", Self.wethodSettings)
        == #"{"provider": "wethod", "requests": [{"method": "GET", "path": "/api/invoices", "query": [["issue_date", "gt:2024-12-31"], ["limit", "100"], ["offset", "0"]], "headers": {"Wethod-Company": "acme", "Wethod-Version": "2024-06-15"}, "body": null, "url": "/api/invoices?issue_date=gt:2024-12-31&limit=100&offset=0"}], "pushed": [{"predicate": "issueDate >= 2025-01-01 and issueDate <= 2025-01-31", "exactness": "superset"}], "residual": "issueDate >= 2025-01-01 and issueDate <= 2025-01-31", "sort": [], "limit": null, "fields": null, "sortPushed": false, "limitPushed": false}"#
    )
    let updated = BoundExpression.and([
      B.cmp(Self.wethodUpdated, .less, .instant(Instant(seconds: 1_746_000_000, fraction: ""))),
      B.cmp(Self.wethodUpdated, .greater, .instant(Instant(seconds: 1_745_000_000, fraction: ""))),
    ])
    #expect(
      try json(updated, "wethod", ["company": "a b", "version": "v"])
        == #"{"provider": "wethod", "requests": [{"method": "GET", "path": "/api/invoices", "query": [["updated_at", "gt:2025-04-15T18:13:20Z"], ["limit", "100"], ["offset", "0"]], "headers": {"Wethod-Company": "a b", "Wethod-Version": "v"}, "body": null, "url": "/api/invoices?updated_at=gt:2025-04-15T18:13:20Z&limit=100&offset=0"}], "pushed": [{"predicate": "updatedAt > 2025-04-18T18:13:20Z and updatedAt < 2025-04-30T08:00:00Z", "exactness": "superset"}], "residual": "updatedAt > 2025-04-18T18:13:20Z and updatedAt < 2025-04-30T08:00:00Z", "sort": [], "limit": null, "fields": null, "sortPushed": false, "limitPushed": false}"#
    )
  }

  @Test func missingSettingsAndUnknownProvidersAreClearErrors() {
    #expect(
      throws: PlanningError(
        "provider 'rhythm' needs the setting 'tenantId' (--set tenantId=… or :set tenantId=…)",
        missingSettings: ["tenantId"])
    ) {
      try Planner.plan(
        BoundQuery(filter: .constant(true)), provider: "rhythm", settings: ["portalContactId": "c"])
    }
    #expect(throws: PlanningError("the setting 'company' contains a control character")) {
      try Planner.plan(
        BoundQuery(filter: .constant(true)), provider: "wethod",
        settings: ["company": "a\r\nX-Evil: 1", "version": "v"])
    }
    #expect(throws: PlanningError.self) {
      try Planner.plan(BoundQuery(filter: .constant(true)), provider: "acme", settings: [:])
    }
  }
}
