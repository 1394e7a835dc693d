import InvoiceQL

/// rhythm: `LastEvaluatedKey` in the body, sent back as `exclusiveStartKey`; absent, null or empty
/// ends the listing; any JSON value may come.
struct RhythmPaging: PagingModel {
  func page(itemCount: Int, kind: UInt8, value: UInt8) -> PagingPage {
    let v = Int(value % 16)
    let keys: [JSONValue?] = [
      nil, .null, .string(""), .string("k\(v)"), .number("\(v)"),
      .object([JSONMember("id", .string("k\(v)"))]),
      .string("k\(v)&x=1 /é"), .bool(v % 2 == 0),
    ]
    let cursor = keys[Int(kind % 8)]
    var values: [String: JSONValue] = [:]
    if let key = cursor { values["LastEvaluatedKey"] = key }
    return PagingPage(metadata: PageMetadata(values: values, itemCount: itemCount), cursor: cursor)
  }

  func firstRequest(size: Int, start: Int) -> NativeRequest {
    NativeRequest(
      method: "GET", path: "/invoices/t/portal/contact/c", query: [("includeAllInvoices", "true")])
  }

  func position(_ request: NativeRequest) -> PagingPosition {
    PagingPosition(position: nil, cursor: PagingModels.parameter("exclusiveStartKey", request))
  }

  func checkNext(
    _ page: PagingPage, from request: NativeRequest, here: PagingPosition, to next: NativeRequest,
    there: PagingPosition, _ state: inout PagingState
  ) throws(PropertyViolation) {
    let sent = page.cursor.map { $0.cursorTextForTest }
    guard there.cursor == sent else {
      throw PropertyViolation("rhythm: cursor \(sent ?? "nil") went back as \(there.cursor ?? "nil")")
    }
    state.seenCursors.insert(sent ?? "")
  }

  func checkEnd(_ page: PagingPage, here: PagingPosition, size: Int?, _ state: PagingState)
    throws(PropertyViolation)
  {
    if let cursor = page.cursor, cursor != .null, cursor != .string("") {
      throw PropertyViolation("rhythm: the listing ended with a cursor \(cursor.compactText)")
    }
  }

  func justifies(_ error: PagingError, _ page: PagingPage, request: NativeRequest, _ state: PagingState)
    -> Bool
  {
    guard case .cursorRepeated = error, let c = page.cursor else { return false }
    return state.seenCursors.contains(c.cursorTextForTest)
  }
}
