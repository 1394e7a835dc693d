import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// A provider's way to fetch the rest of an array its listing sends only the first page of, in each
/// invoice (Stripe's `lines`: `lines.data` with `lines.has_more`, the rest at
/// `GET /v1/invoices/{id}/lines`).
///
/// The catalog marks the array `.partialArray(more:)`; in one body (`filter`) a quantifier over an
/// incomplete array is unknown unless the elements at hand decide it. A client running a query that
/// quantifies over the array fetches the rest for each invoice still undecided, then judges it whole.
package struct ItemCompletion: Sendable {
  /// The partial array's path in the invoice (`["lines", "data"]`).
  package let array: [String]
  /// The flag beside the array that says elements are missing (`has_more`).
  package let more: String
  /// Where the rest is listed: a body in this envelope, its elements as the "invoices".
  package let envelope: Envelope
  private let makeRequest: @Sendable (JSONValue, NativeRequest) -> NativeRequest?
  private let makePager: @Sendable (NativeRequest) throws(PagingError) -> any Pager

  package init(
    array: [String], more: String, envelope: Envelope,
    request: @escaping @Sendable (JSONValue, NativeRequest) -> NativeRequest?,
    pager: @escaping @Sendable (NativeRequest) throws(PagingError) -> any Pager
  ) {
    self.array = array
    self.more = more
    self.envelope = envelope
    self.makeRequest = request
    self.makePager = pager
  }

  /// The flag's path in the invoice (`["lines", "has_more"]`).
  package var morePath: [String] { array.dropLast() + [more] }

  /// The first request listing the whole array of `invoice`, which the listing request `listing`
  /// returned (its headers, such as an API version, are kept); nil when the invoice has no id.
  package func request(for invoice: JSONValue, listing: NativeRequest) -> NativeRequest? {
    makeRequest(invoice, listing)
  }

  /// The paging state machine for that listing.
  package func pager(startingAt request: NativeRequest) throws(PagingError) -> any Pager {
    try makePager(request)
  }

  /// Whether `e` quantifies over the array (at the invoice level), so judging it may need the rest.
  package func isRead(by e: BoundExpression) -> Bool {
    switch e {
    case .constant, .predicate: false
    case .and(let xs), .or(let xs): xs.contains(where: isRead)
    case .not(let x): isRead(by: x)
    case .quantified(_, let f, _): f.path == array
    }
  }

  /// `invoice` with the array replaced by `elements` and the flag cleared: the invoice whole.
  package func completed(_ invoice: JSONValue, with elements: [JSONValue]) -> JSONValue {
    Self.setting(array, to: .array(elements), in: Self.setting(morePath, to: .bool(false), in: invoice))
  }

  static func setting(_ path: [String], to value: JSONValue, in json: JSONValue) -> JSONValue {
    guard let key = path.first, case .object(let members) = json else { return json }
    var out = members
    if let k = out.lastIndex(where: { $0.key == key }) {
      out[k] = JSONMember(
        key, path.count == 1 ? value : setting(Array(path.dropFirst()), to: value, in: out[k].value))
    }
    return .object(out)
  }
}
