import InvoiceQL
import Testing

@testable import InvoiceQLCLI

@Suite struct PlanCommandTests {
  func run(_ args: [String]) async -> (InvoiceQLCLI.ExitStatus, String, String) {
    let out = StringSink()
    let err = StringSink()
    let status = await CommandLineTool.main(
      arguments: ["plan"] + args, stdin: StringSource(""), stdout: out, stderr: err)
    return (status, out.text, err.text)
  }

  @Test func specExamplePrintsThePlanJSONInTheDocumentedShape() async {
    let (status, out, err) = await run([
      "--provider", "elevate", "--now", "2025-05-10T00:00:00Z",
      "status in (open, paid) and dueDate < 2025-05-01",
    ])
    #expect(status == .success)
    #expect(err.isEmpty)
    #expect(
      out
        == #"{"provider": "elevate", "requests": [{"method": "GET", "path": "/invoices", "query": [["paymentStatus", "in:PAID,PARTIALLY_PAID,UNPAID"], ["dueDate", "lt:2025-05-01"], ["page", "1"], ["pageSize", "1000"]], "headers": {}, "body": null, "url": "/invoices?paymentStatus=in:PAID,PARTIALLY_PAID,UNPAID&dueDate=lt:2025-05-01&page=1&pageSize=1000"}], "pushed": [{"predicate": "status in (PAID, PARTIALLY_PAID, UNPAID)", "exactness": "superset"}, {"predicate": "dueDate < 2025-05-01", "exactness": "superset"}], "residual": "status in (PAID, PARTIALLY_PAID, UNPAID) and dueDate < 2025-05-01", "sort": [], "limit": null, "fields": null, "sortPushed": false, "limitPushed": false}"#
        + "\n")
  }

  @Test func settingsFillThePathAndHeaders() async {
    let (status, out, _) = await run([
      "--provider", "rhythm", "--set", "tenantId=t 1", "--set=portalContactId=../c",
      "status = writtenOff and memo contains \"x\"",
    ])
    #expect(status == .success)
    #expect(
      out
        == #"{"provider": "rhythm", "requests": [{"method": "GET", "path": "/invoices/t%201/portal/contact/%2E%2E%2Fc", "query": [["includeAllInvoices", "true"]], "headers": {}, "body": null, "url": "/invoices/t%201/portal/contact/%2E%2E%2Fc?includeAllInvoices=true"}], "pushed": [], "residual": "status = \"written off\" and memo contains \"x\"", "sort": [], "limit": null, "fields": null, "sortPushed": false, "limitPushed": false}"#
        + "\n")
  }

  @Test func contradictionPlansNoRequests() async {
    let (status, out, _) = await run([
      "--provider", "wethod", "--set", "company=a", "--set", "version=v", "value > 5 and value < 3",
    ])
    #expect(status == .success)
    #expect(
      out
        == #"{"provider": "wethod", "requests": [], "pushed": [], "residual": null, "sort": [], "limit": null, "fields": null, "sortPushed": false, "limitPushed": false}"#
        + "\n")
  }

  @Test func thePlanCarriesSortLimitAndWhatWasPushed() async throws {
    let (status, out, _) = await run(
      ["--provider", "elevate", "customerId = 7 sort by dueDate desc, total limit 5"])
    #expect(status == .success)
    let plan = try JSONValue(parsing: out)
    #expect(
      plan["sort"]?.compactText
        == #"[{"field":"dueDate","direction":"desc"},{"field":"total","direction":"asc"}]"#)
    #expect(plan["limit"] == .number("5"))
    #expect(plan["fields"] == .null)
    // A date and a number elevate sorts by value, `id` breaking ties; nothing left on the client,
    // so the limit is the page size.
    #expect(plan["sortPushed"] == .bool(true))
    #expect(plan["limitPushed"] == .bool(true))
    #expect(
      Self.firstURL(plan)
        == "/invoices?customerId=7&sort=dueDate:desc,invoiceTotalAmount,id&page=1&pageSize=5")
  }

  @Test func aLimitIsPushedOnlyToAnAPIThatTakesAPageSize() async throws {
    let (status, out, _) = await run(["--provider", "elevate", "limit 10"])
    #expect(status == .success)
    let plan = try JSONValue(parsing: out)
    #expect(plan["limitPushed"] == .bool(true))
    #expect(Self.firstURL(plan) == "/invoices?page=1&pageSize=10")
    // Rhythm chooses its own page size: the limit is the client's, and the plan says so.
    let (rhythm, rhythmOut, _) = await run(
      ["--provider", "rhythm", "--set", "tenantId=t", "--set", "portalContactId=c", "limit 10"])
    #expect(rhythm == .success)
    let rhythmPlan = try JSONValue(parsing: rhythmOut)
    #expect(rhythmPlan["limitPushed"] == .bool(false))
    #expect(Self.firstURL(rhythmPlan) == "/invoices/t/portal/contact/c?includeAllInvoices=true")
  }

  /// The `url` of the plan's first request.
  static func firstURL(_ plan: JSONValue) -> String? {
    guard case .array(let requests)? = plan["requests"], case .string(let url)? = requests.first?["url"]
    else {
      return nil
    }
    return url
  }

  @Test func aSortByTextStaysOnTheClientAndFieldsProjectTheRequest() async throws {
    let (status, out, _) = await run(
      [
        "--provider", "elevate", "--fields", "total,dueDate",
        "customerId = 7 and total > 5 sort by number limit 5",
      ])
    #expect(status == .success)
    let plan = try JSONValue(parsing: out)
    #expect(plan["fields"]?.compactText == #"["invoiceTotalAmount","dueDate"]"#)
    #expect(plan["sortPushed"] == .bool(false))
    #expect(plan["limitPushed"] == .bool(false))
    #expect(
      Self.firstURL(plan)
        == "/invoices?customerId=7&fields=id,dueDate,invoiceNumber,invoiceTotalAmount&page=1&pageSize=1000")
    let (bad, _, err) = await run(["--provider", "elevate", "--fields", "totl", "id = 1"])
    #expect(bad == .failure)
    #expect(err.contains("unknown field 'totl' on elevate (did you mean 'total'?)"))
  }

  @Test func missingSettingIsAUsageErrorNamingIt() async {
    let (status, out, err) = await run(["--provider", "wethod", "--set", "version=v", "status = paid"])
    #expect(status == .usage)
    #expect(out.isEmpty)
    #expect(err.contains("provider 'wethod' needs the setting 'company'"))
    let (both, _, bothErr) = await run(["--provider", "rhythm", "status = paid"])
    #expect(both == .usage)
    #expect(bothErr.contains("provider 'rhythm' needs the settings 'tenantId', 'portalContactId'"))
  }

  @Test func aSettingWithADefaultMayBeLeftOutOrOverridden() async {
    let (status, out, _) = await run(["--provider", "wethod", "--set", "company=a", "status = paid"])
    #expect(status == .success)
    #expect(out.contains(#""Wethod-Version": "2024-06-15""#))
    let (_, overridden, _) = await run(
      ["--provider", "wethod", "--set", "company=a", "--set", "version=2.0", "status = paid"])
    #expect(overridden.contains(#""Wethod-Version": "2.0""#))
  }

  @Test func badSetAndBadQueryAreReported() async {
    let (s1, _, e1) = await run(["--provider", "elevate", "--set", "novalue", "id = 1"])
    #expect(s1 == .usage)
    #expect(e1.contains("--set takes KEY=VALUE"))
    let (s2, _, e2) = await run(["--provider", "elevate", "dueDat < 2025-01-01"])
    #expect(s2 == .failure)
    #expect(e2.contains("unknown field 'dueDat'"))
  }

  @Test func replExplainSaysWhatIsPushedAndWhy() {
    let out = StringSink()
    let err = StringSink()
    var session = ReplSession(output: StringSink(), errors: err)
    #expect(session.handle(line: ":provider elevate") == .success)
    session.output = out
    #expect(session.handle(line: ":explain customerId = 7 and dueDate >= 2025-01-01") == .success)
    #expect(
      out.text == """
        elevate: 1 request
          pushed exactly: customerId = 7
              why: numeric id equality
          pushed as a superset: dueDate >= 2025-01-01
              why: lt:/gt: inclusivity and date matching are undocumented
          request: GET /invoices?customerId=7&dueDate=gt:2024-12-31&page=1&pageSize=1000
          residual: dueDate >= 2025-01-01

        """)
    #expect(session.handle(line: ":provider wethod") == .success)
    #expect(session.handle(line: ":explain status = paid") == .failure)
    // `version` has a default; `company` has none.
    #expect(err.text.contains("needs the setting 'company' (--set company=…"))
    #expect(session.handle(line: ":set company=acme") == .success)
    #expect(session.handle(line: ":set version=2024-06-15") == .success)
    #expect(session.handle(line: ":plan status = paid") == .success)
    #expect(
      out.text.hasSuffix(
        #""residual": "status = paid", "sort": [], "limit": null, "fields": null, "sortPushed": false, "limitPushed": false}"#
          + "\n"))
  }
}
