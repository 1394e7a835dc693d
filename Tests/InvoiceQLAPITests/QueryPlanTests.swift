import Foundation
import InvoiceQL
import Testing

/// `QueryPlan` as data: its JSON round-trips through `Codable`, and a decoded plan executes.
@Suite struct QueryPlanTests {
  static let now = Date(timeIntervalSince1970: 1_747_310_400)  // 2025-05-15T12:00:00Z

  static func plans(in zone: TimeZone) throws -> [QueryPlan] {
    try Provider.all.flatMap { provider in
      try ([provider.sample.query] + provider.sample.moreQueries).map {
        try InvoiceQuery($0).plan(for: provider, settings: provider.exampleSettings, now: now, timeZone: zone)
      }
    }
  }

  @Test(arguments: ["UTC", "America/New_York"])
  func everySamplePlanRoundTripsThroughCodableAndItsOwnJSON(zone: String) throws {
    let plans = try Self.plans(in: try #require(TimeZone(identifier: zone)))
    #expect(plans.count >= Provider.all.count)
    for plan in plans {
      let encoded = try JSONEncoder().encode(plan)
      let decoded = try JSONDecoder().decode(QueryPlan.self, from: encoded)
      #expect(decoded.json == plan.json)
      #expect(decoded == plan)
      let fromText = try JSONDecoder().decode(QueryPlan.self, from: Data(plan.json.utf8))
      #expect(fromText.json == plan.json)
      #expect(fromText.requests == plan.requests)
      #expect(plan.json.contains("\"timeZone\"") == (zone != "UTC"))
    }
  }

  @Test func aDecodedPlanFinishesWhatTheServerLeftToTheClient() throws {
    let text = "status in (open, paid) and dueDate < 2025-06-01 sort by total desc limit 2"
    let plan = try InvoiceQuery(text).plan(for: .elevate, now: Self.now)
    // Every fragment is a superset, so the whole sample page is an answer the server may give.
    #expect(!plan.pushed.isEmpty && plan.pushed.allSatisfy { $0.exactness == .superset })
    let decoded = try JSONDecoder().decode(QueryPlan.self, from: Data(plan.json.utf8))
    let body = Data(Provider.elevate.sample.body.utf8)
    let viaPlan = try InvoiceFilter(plan: decoded).matches(in: body)
    let direct = try InvoiceFilter(text, provider: .elevate, now: Self.now).matches(in: body)
    #expect(direct.count == 2)
    #expect(viaPlan.map(\.json) == direct.map(\.json))
  }

  @Test func aPlanThatCannotBeReadBackIsAQueryError() throws {
    var plan = try InvoiceQuery("total > 5").plan(for: .elevate, now: Self.now)
    plan.residual = "total >"
    #expect(throws: QueryError.self) { try InvoiceFilter(plan: plan) }
    plan.provider = "nowhere"
    let error = try #require(throws: QueryError.self) { try InvoiceFilter(plan: plan) }
    #expect(error.message == "unknown provider 'nowhere'")
  }

  @Test func malformedPlanJSONIsADecodingError() {
    let bad =
      #"{"provider": "elevate", "requests": [{"method": "GET", "path": "/x", "query": [["a", "b", "c"]]}], "pushed": []}"#
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(QueryPlan.self, from: Data(bad.utf8)) }
    let direction =
      #"{"provider": "elevate", "requests": [], "pushed": [], "sort": [{"field": "total", "direction": "up"}]}"#
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(QueryPlan.self, from: Data(direction.utf8))
    }
  }
}

/// One error story: each stage's failure is a `QueryError` with its diagnostics and rendered carets.
@Suite struct QueryErrorTests {
  @Test func aSyntaxErrorKeepsItsRangeAndRendersWithCarets() throws {
    let error = try #require(throws: QueryError.self) { try InvoiceQuery("status = open and (total > ") }
    #expect(error.kind == .syntax)
    #expect(error.diagnostics.first?.range.lowerBound ?? -1 >= 18)
    #expect(error.description.contains("^"))
    #expect(error.description.hasPrefix("error: "))
  }

  @Test func anUnknownFieldIsASemanticErrorWithAHelpLine() throws {
    let error = try #require(throws: QueryError.self) {
      try InvoiceQuery("status = open and dueDat < 2025-05-01").check(for: .elevate)
    }
    #expect(error.kind == .semantics)
    #expect(error.message == "unknown field 'dueDat'")
    #expect(error.diagnostics.first?.help.contains { $0.contains("dueDate") } == true)
    #expect(error.diagnostics.first?.range == SourceRange(18, 24))
  }

  @Test func everyMissingSettingIsReportedAtOnce() throws {
    let provider = try #require(Provider.all.first { $0.requiredSettings.count >= 2 })
    let error = try #require(throws: QueryError.self) { try InvoiceQuery("total > 5").plan(for: provider) }
    #expect(error.kind == .missingSettings)
    #expect(error.missingSettings == provider.requiredSettings)
  }

  @Test func aFailedImportNamesTheNativeParameter() throws {
    let error = try #require(throws: QueryError.self) {
      try InvoiceQuery.importing("invoiceTotalAmount=gt:1000", from: .elevate)
    }
    #expect(error.kind == .importFailed)
    #expect(error.source == "invoiceTotalAmount=gt:1000")
    #expect(error.description.contains("invoiceTotalAmount"))
  }

  @Test func aQueryDecodesFromItsTextAndRejectsBadText() throws {
    let query = try JSONDecoder().decode([InvoiceQuery].self, from: Data(#"["total  >  5"]"#.utf8))
    #expect(query.first?.canonicalText == "total > 5")
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode([InvoiceQuery].self, from: Data(#"["total >"]"#.utf8))
    }
  }
}

/// A projection: each match holds just the fields asked for, canonical or native names alike.
@Suite struct ProjectionTests {
  @Test func aFilterWithFieldsKeepsJustThoseOfEachMatch() throws {
    let body = Data(Provider.elevate.sample.body.utf8)
    let whole = try InvoiceFilter("total > 100", provider: .elevate).matches(in: body)
    let projected = try InvoiceFilter("total > 100", provider: .elevate, fields: ["total", "dueDate"])
      .matches(in: body)
    #expect(!whole.isEmpty)
    #expect(projected.map(\.id) == whole.map(\.id))
    for (full, part) in zip(whole, projected) {
      guard case .object(let members) = part.value(), case .object(let all) = full.value() else {
        Issue.record("not an object: \(part.json)")
        continue
      }
      #expect(Set(members.map(\.key)) == ["invoiceTotalAmount", "dueDate"])
      for member in members { #expect(all.first { $0.key == member.key }?.value == member.value) }
    }
  }

  @Test func anUnknownFieldIsAQueryError() throws {
    let error = try #require(throws: QueryError.self) {
      try InvoiceFilter("total > 100", provider: .elevate, fields: ["totl"])
    }
    #expect(error.kind == .semantics)
  }

  @Test func aPlanWithFieldsProjectsWhenExecuted() throws {
    var plan = try InvoiceQuery("total > 100").plan(for: .elevate)
    plan.fields = ["invoiceTotalAmount"]
    let decoded = try JSONDecoder().decode(QueryPlan.self, from: Data(plan.json.utf8))
    #expect(decoded.fields == ["invoiceTotalAmount"])
    let matches = try InvoiceFilter(plan: decoded).matches(in: Data(Provider.elevate.sample.body.utf8))
    #expect(!matches.isEmpty)
    #expect(
      matches.allSatisfy { $0.json.hasPrefix("{\"invoiceTotalAmount\":") && !$0.json.contains("dueDate") })
  }
}

/// A decoded plan is data: its claim that the server sorts is checked against the provider.
@Suite struct DecodedSortClaimTests {
  @Test func aPlansClaimThatTheServerSortsIsTakenOnlyWhereTheProviderSorts() throws {
    let text = "total > 5 sort by total desc limit 3"
    var rhythm = try InvoiceQuery(text).plan(for: .rhythm, settings: Provider.rhythm.exampleSettings)
    #expect(!rhythm.sortPushed)
    rhythm.sortPushed = true
    #expect(try InvoiceFilter.finishing(rhythm).serverSorted == false)
    let elevate = try InvoiceQuery(text).plan(for: .elevate)
    #expect(elevate.sortPushed)
    #expect(try InvoiceFilter.finishing(elevate).serverSorted)
  }
}
