import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A query planned for one provider: everything needed to execute it, as data.
///
/// Send ``requests`` (following each provider's paging), filter the answer with ``residual``, then
/// apply ``sort`` and ``limit`` unless the server did (``sortPushed``, ``limitPushed``). The one
/// invariant: the server's answer holds every true match, and the residual turns it into exactly the
/// true matches. `InvoiceFilter(plan:)` and the client's `InvoiceClient` execute a plan.
///
/// `Codable`: its JSON is what `invoiceql plan` prints (`provider`, `requests`, `pushed`,
/// `residual`, `sort`, `limit`, `fields`, `sortPushed`, `limitPushed`, and `timeZone` when it is not
/// UTC).
public struct QueryPlan: Sendable, Hashable, Codable {
  /// One `sort by` key: a field name (canonical or native) and its direction.
  public struct SortKey: Sendable, Hashable, Codable {
    /// The field as the query named it.
    public var field: String
    /// Whether the order is descending (`desc`).
    public var descending: Bool

    /// A sort key on `field`.
    public init(field: String, descending: Bool = false) {
      self.field = field
      self.descending = descending
    }

    private enum CodingKeys: String, CodingKey { case field, direction }

    public init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      field = try c.decode(String.self, forKey: .field)
      switch try c.decode(String.self, forKey: .direction) {
      case "asc": descending = false
      case "desc": descending = true
      default:
        throw DecodingError.dataCorruptedError(
          forKey: .direction, in: c, debugDescription: "a sort direction is \"asc\" or \"desc\"")
      }
    }

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(field, forKey: .field)
      try c.encode(descending ? "desc" : "asc", forKey: .direction)
    }
  }

  /// The provider's name (``Provider/name``).
  public var provider: String
  /// The first request of each listing; empty when the query can never match.
  public var requests: [NativeRequest]
  /// What the requests push to the server, and whether the server applies each exactly.
  public var pushed: [PushedFragment]
  /// What the client checks over the server's answer, as a query in canonical form; nil when the
  /// server's answer is exactly the matches.
  public var residual: String?
  /// The query's `sort by` keys.
  public var sort: [SortKey]
  /// The query's `limit`.
  public var limit: Int?
  /// The fields each match keeps, when a projection was asked for; nil for whole invoices.
  public var fields: [String]?
  /// Whether the server was asked to sort (the client still merges several listings).
  public var sortPushed: Bool
  /// Whether the server's page size was cut to the limit.
  public var limitPushed: Bool
  /// The zone the residual's dates were read in (an IANA identifier).
  public var timeZone: String
  /// What to know before trusting the answer (an eventually consistent endpoint may miss recent
  /// invoices); empty for a plan whose answer is certain.
  public var warnings: [String]

  package init(_ plan: Plan, timeZone: TimeZone) {
    provider = plan.provider
    requests = plan.canMatch ? plan.requests : []
    pushed = plan.pushed
    residual = plan.residualText
    sort = plan.sort.map { SortKey(field: $0.field.name, descending: $0.descending) }
    limit = plan.limit
    fields = plan.fields.map(\.dottedPaths)
    sortPushed = plan.sortPushed
    limitPushed = plan.limitPushed
    self.timeZone = Self.isUTC(timeZone.identifier) ? "UTC" : timeZone.identifier
    warnings = plan.warnings
  }

  private enum CodingKeys: String, CodingKey {
    case provider, requests, pushed, residual, sort, limit, fields, sortPushed, limitPushed, warnings,
      timeZone
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    provider = try c.decode(String.self, forKey: .provider)
    requests = try c.decode([NativeRequest].self, forKey: .requests)
    pushed = try c.decode([PushedFragment].self, forKey: .pushed)
    residual = try c.decodeIfPresent(String.self, forKey: .residual)
    sort = try c.decodeIfPresent([SortKey].self, forKey: .sort) ?? []
    limit = try c.decodeIfPresent(Int.self, forKey: .limit)
    fields = try c.decodeIfPresent([String].self, forKey: .fields)
    sortPushed = try c.decodeIfPresent(Bool.self, forKey: .sortPushed) ?? false
    limitPushed = try c.decodeIfPresent(Bool.self, forKey: .limitPushed) ?? false
    timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone) ?? "UTC"
    warnings = try c.decodeIfPresent([String].self, forKey: .warnings) ?? []
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(provider, forKey: .provider)
    try c.encode(requests, forKey: .requests)
    try c.encode(pushed, forKey: .pushed)
    if let residual { try c.encode(residual, forKey: .residual) } else { try c.encodeNil(forKey: .residual) }
    try c.encode(sort, forKey: .sort)
    if let limit { try c.encode(limit, forKey: .limit) } else { try c.encodeNil(forKey: .limit) }
    if let fields { try c.encode(fields, forKey: .fields) } else { try c.encodeNil(forKey: .fields) }
    try c.encode(sortPushed, forKey: .sortPushed)
    try c.encode(limitPushed, forKey: .limitPushed)
    if !warnings.isEmpty { try c.encode(warnings, forKey: .warnings) }
    if !Self.isUTC(timeZone) { try c.encode(timeZone, forKey: .timeZone) }
  }

  /// The UTC zone.
  package static var utc: TimeZone { BindingContext.utcZone }

  static func isUTC(_ identifier: String) -> Bool {
    ["UTC", "GMT", "Etc/UTC", "Etc/GMT"].contains(identifier)
  }

  /// The plan as one line of JSON, keys in the documented order (what `invoiceql plan` prints).
  public var json: String { jsonValue.text(spaced: true) }

  package var jsonValue: JSONValue {
    var members: [JSONMember] = [
      JSONMember("provider", .string(provider)),
      JSONMember("requests", .array(requests.map(\.jsonValue))),
      JSONMember(
        "pushed",
        .array(
          pushed.map {
            .object([
              JSONMember("predicate", .string($0.predicate)),
              JSONMember("exactness", .string($0.exactness.rawValue)),
            ])
          })),
      JSONMember("residual", residual.map(JSONValue.string) ?? .null),
      JSONMember(
        "sort",
        .array(
          sort.map {
            .object([
              JSONMember("field", .string($0.field)),
              JSONMember("direction", .string($0.descending ? "desc" : "asc")),
            ])
          })),
      JSONMember("limit", limit.map { .number(String($0)) } ?? .null),
      JSONMember("fields", fields.map { .array($0.map(JSONValue.string)) } ?? .null),
      JSONMember("sortPushed", .bool(sortPushed)),
      JSONMember("limitPushed", .bool(limitPushed)),
    ]
    if !warnings.isEmpty { members.append(JSONMember("warnings", .array(warnings.map(JSONValue.string)))) }
    if !Self.isUTC(timeZone) { members.append(JSONMember("timeZone", .string(timeZone))) }
    return .object(members)
  }
}
