import Foundation
import Testing

@testable import InvoiceQL
@testable import InvoiceQLClient
@testable import InvoiceQLImport
@testable import InvoiceQLJSON
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSavedSearches
@testable import InvoiceQLSemantics
@testable import InvoiceQLStreaming
@testable import InvoiceQLSyntax

@Suite struct RetryPolicyTests {
  let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT

  @Test func retryAfterSecondsIsRead() {
    #expect(RetryAfter.parse("1", now: now) == 1)
    #expect(RetryAfter.parse(" 120 ", now: now) == 120)
    #expect(RetryAfter.parse("0.5", now: now) == 0.5)
  }

  @Test func retryAfterHTTPDateInAllThreeSpellingsIsTheDistanceFromNow() {
    #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:40 GMT", now: now) == 3)
    #expect(RetryAfter.parse("Sunday, 06-Nov-94 08:49:47 GMT", now: now) == 10)
    #expect(RetryAfter.parse("Sun Nov  6 08:49:38 1994", now: now) == 1)
  }

  @Test func retryAfterInThePastIsZero() {
    #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:00:00 GMT", now: now) == 0)
  }

  @Test func unreadableRetryAfterIsIgnored() {
    for bad in ["", "-1", "soon", "1e3", ".5", "1.2.3", "99999999999999999999999", "+5"] {
      #expect(RetryAfter.parse(bad, now: now) == nil, "\(bad)")
    }
  }

  @Test func wethodsRateLimitHeaderIsHonouredToo() {
    let head = HTTPResponseHead(statusCode: 429, headers: ["X-RateLimit-Retry-After": "7"])
    #expect(RetryAfter.delay(in: head, now: now) == 7)
    let both = HTTPResponseHead(
      statusCode: 429, headers: ["Retry-After": "2", "x-ratelimit-retry-after": "7"])
    #expect(RetryAfter.delay(in: both, now: now) == 2)
  }

  @Test func backoffDoublesWithinHalfJitterAndIsCapped() {
    let policy = RetryPolicy(maxAttempts: 10, baseDelay: 1, maxDelay: 10)
    #expect(policy.backoff(afterAttempt: 1, unit: 0) == 0.5)
    #expect(policy.backoff(afterAttempt: 1, unit: 1) == 1)
    #expect(policy.backoff(afterAttempt: 3, unit: 0) == 2)
    #expect(policy.backoff(afterAttempt: 3, unit: 0.5) == 3)
    #expect(policy.backoff(afterAttempt: 9, unit: 0.999) <= 10)
    #expect(policy.backoff(afterAttempt: Int.max, unit: 1) == 10)
  }

  @Test func onlyTooManyRequestsAndServerErrorsAreRetried() {
    #expect(RetryPolicy.isRetryable(status: 429))
    #expect(RetryPolicy.isRetryable(status: 500))
    #expect(RetryPolicy.isRetryable(status: 503))
    #expect(!RetryPolicy.isRetryable(status: 400))
    #expect(!RetryPolicy.isRetryable(status: 404))
    #expect(!RetryPolicy.isRetryable(status: 412))
  }
}

@Suite struct ProviderErrorBodyTests {
  @Test func elevateErrorAndMessage() {
    let body = ProviderErrorBody(
      parsing: Data(#"{"error":"bad_request","message":"pageSize must be 1..1000"}"#.utf8))
    #expect(body.shape == .errorAndMessage)
    #expect(body.code == "bad_request")
    #expect(body.description == "bad_request: pageSize must be 1..1000")
  }

  @Test func problemJSONWithErrorsAndTraceId() {
    let text =
      #"{"type":"https://x/400","title":"Validation","status":400,"traceId":"00-abc","errors":{"limit":["must be <= 100"]}}"#
    let body = ProviderErrorBody(parsing: Data(text.utf8))
    #expect(body.shape == .problem)
    #expect(body.message == "Validation")
    #expect(body.details == ["limit: must be <= 100", "traceId: 00-abc"])
  }

  @Test func wethodKeyMessageFailures() {
    let text =
      #"{"key":"invalid_data","message":"You provided invalid data.","failures":[{"field":"limit","message":"too big"}]}"#
    let body = ProviderErrorBody(parsing: Data(text.utf8))
    #expect(body.shape == .keyAndMessage)
    #expect(body.code == "invalid_data")
    #expect(body.details == ["limit: too big"])
    #expect(body.description == "invalid_data: You provided invalid data. (limit: too big)")
  }

  @Test func roadsyncCodeMessage() {
    let body = ProviderErrorBody(
      parsing: Data(#"{"code":"Unauthorized","message":"API key is missing"}"#.utf8))
    #expect(body.shape == .keyAndMessage)
    #expect(body.description == "Unauthorized: API key is missing")
  }

  /// JSONSerialization read a body with a byte-order mark, or in UTF-16/32; the package's JSON
  /// reader takes UTF-8 only, so such a body must be turned into UTF-8 first, not shown as raw text.
  @Test func aBodyWithAByteOrderMarkOrInUTF16Or32IsStillParsed() {
    let json = #"{"error":"bad_request","message":"pageSize must be 1..1000 (é)"}"#
    let encodings: [(String, Data)] = [
      ("UTF-8 with a BOM", Data([0xEF, 0xBB, 0xBF]) + Data(json.utf8)),
      ("UTF-16LE", json.data(using: .utf16LittleEndian)!),
      ("UTF-16BE", json.data(using: .utf16BigEndian)!),
      ("UTF-16 with a BOM", Data([0xFF, 0xFE]) + json.data(using: .utf16LittleEndian)!),
      ("UTF-32LE", json.data(using: .utf32LittleEndian)!),
      ("UTF-32BE with a BOM", Data([0, 0, 0xFE, 0xFF]) + json.data(using: .utf32BigEndian)!),
    ]
    for (name, data) in encodings {
      let body = ProviderErrorBody(parsing: data)
      #expect(body.shape == .errorAndMessage, "\(name)")
      #expect(body.description == "bad_request: pageSize must be 1..1000 (é)", "\(name)")
      #expect(body.text == json, "\(name)")
    }
  }

  @Test func nonJSONBodyIsKeptAsClippedText() {
    let body = ProviderErrorBody(parsing: Data(("<html>" + String(repeating: "x", count: 5000)).utf8))
    #expect(body.shape == .text)
    #expect(body.text.count == ProviderErrorBody.maxTextLength + 1)
    #expect(ProviderErrorBody(parsing: Data()).description == "(empty body)")
  }
}
