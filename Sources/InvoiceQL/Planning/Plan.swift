import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

/// How faithfully the server applies a pushed fragment.
public enum Exactness: String, Sendable, Hashable {
  /// The server returns exactly the invoices the fragment matches; the client need not re-check it.
  case exact
  /// The server returns at least those invoices (a relaxed filter); the residual re-checks it.
  case superset
}

/// One part of the query sent to the server, and how far the server can be trusted with it.
public struct PushedFragment: Sendable, Hashable {
  /// The fragment as query text (`dueDate < 2025-05-01`).
  public var predicate: String
  /// Whether the server applies it exactly or as a superset.
  public var exactness: Exactness
  /// Why it is exact, or why only a superset.
  public var reason: String

  package init(predicate: String, exactness: Exactness, reason: String) {
    self.predicate = predicate
    self.exactness = exactness
    self.reason = reason
  }

  /// Fragments are equal when they push the same predicate as faithfully: the reason explains, and
  /// the plan JSON leaves it out, so a plan read back from its JSON equals the plan.
  public static func == (a: PushedFragment, b: PushedFragment) -> Bool {
    a.predicate == b.predicate && a.exactness == b.exactness
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(predicate)
    hasher.combine(exactness)
  }
}

/// What became of one top-level conjunct of the normalised query, for `:explain`.
package struct PlanDecision: Sendable, Hashable {
  package enum Outcome: String, Sendable, Hashable {
    case pushedExactly = "pushed exactly"
    case pushedAsSuperset = "pushed as a superset"
    case residual
  }
  /// The conjunct as query text.
  package var predicate: String
  package var outcome: Outcome
  package var reason: String
}

/// A query planned for one provider: the native requests, what they push, and what the client must
/// still check (the plans article). Invariant: the server's answer contains every true match, and filtering it
/// with `residual` leaves exactly the true matches.
package struct Plan: Sendable {
  package var provider: String
  /// The first page of each native request; empty when the query cannot match.
  package var requests: [NativeRequest]
  package var pushed: [PushedFragment]
  /// What the client evaluates over the server's answer; nil when nothing is left.
  package var residual: BoundExpression?
  /// `residual` as canonical query text.
  package var residualText: String?
  /// The query's `sort by` keys (applied on the client unless `sortPushed`).
  package var sort: [BoundSortKey]
  /// The query's `limit` (the client stops after this many matches either way).
  package var limit: Int?
  /// Whether the server lists in the query's order (by a parameter, or its natural order): the
  /// client then stops reading once the limit's matches are certain.
  package var sortPushed: Bool
  /// Whether the server's page size was cut to the limit.
  package var limitPushed: Bool
  /// False when the normalised query is a contradiction: no request is needed.
  package var canMatch: Bool
  /// Per conjunct: pushed exactly, pushed as a superset, or residual, and why.
  package var decisions: [PlanDecision]
  /// The fields each match holds, when the caller asked for some (nil: the whole invoice).
  package var fields: FieldSelection?
  /// Why the sort is or is not done by the server (empty without `sort by`).
  package var sortReason: String
  /// Why the limit is or is not the server's page size (empty without `limit`).
  package var limitReason: String
  /// What the caller should know before trusting the answer (an eventually consistent endpoint may
  /// miss recent invoices); `plan` prints them and `run` repeats them on stderr.
  package var warnings: [String] = []
}

/// One HTTP request of a plan, as data. `path` is already percent-encoded; `query` holds decoded pairs
/// (a nil value is a bare component such as an RQL expression).
public struct NativeRequest: Sendable {
  /// `GET` or `POST`.
  public var method: String
  /// The percent-encoded path, settings filled in.
  public var path: String
  /// The query items, decoded, in order; a nil value is a bare component (an RQL expression).
  public var query: [(name: String, value: String?)]
  /// Headers the provider needs (settings such as `Wethod-Company`); not authentication.
  public var headers: [String: String]
  /// The JSON body of a `POST`, or nil.
  public var body: String?

  /// A request to `path` with `query`, `headers` and `body`.
  public init(
    method: String, path: String, query: [(name: String, value: String?)],
    headers: [String: String] = [:], body: String? = nil
  ) {
    self.method = method
    self.path = path
    self.query = query
    self.headers = headers
    self.body = body
  }

  /// The percent-encoded path and query; a literal `+` is always `%2B`. A bare component is an
  /// expression (RQL): its quoted values are encoded more strictly (`URLText.encodeExpression`).
  public var url: String {
    guard !query.isEmpty else { return path }
    let parts = query.map { item -> String in
      guard let value = item.value else { return URLText.encodeExpression(item.name) }
      let name = URLText.encodeQueryComponent(item.name)
      return name + "=" + URLText.encodeQueryComponent(value)
    }
    return path + "?" + parts.joined(separator: "&")
  }

  /// The value of the first query item named `name`.
  package func queryValue(_ name: String) -> String? {
    query.first { $0.name == name }?.value ?? nil
  }
}

/// Percent-encoding that no value can escape from.
package enum URLText {
  /// Unreserved characters plus a few that are harmless inside one query component. Everything that
  /// could end or restructure a component (`&`, `=`, `#`, `%`, `+`, `;`, space, quotes, controls,
  /// non-ASCII) is encoded.
  static let queryAllowed: Set<UInt8> = Set(
    Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:,()*!@/'".utf8))
  /// Unreserved characters only: a path segment value can never add a segment or climb (`.` too).
  static let segmentAllowed: Set<UInt8> = Set(
    Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_~".utf8))

  package static func encodeQueryComponent(_ s: String) -> String { encode(s, allowed: queryAllowed) }
  package static func encodePathSegment(_ s: String) -> String { encode(s, allowed: segmentAllowed) }

  /// Punctuation that is structure in an expression outside quotes and data inside them.
  static let expressionStructure: Set<UInt8> = Set(Array("(),/".utf8))

  /// A bare expression component (RQL): encoded as a query component, and inside a value quoted
  /// with `'` or `"` its `( ) , /` too, as SoftwareOne's official client does, so that no parser
  /// (nor a proxy) can read a value's punctuation as structure. Decoding gives the expression back.
  package static func encodeExpression(_ s: String) -> String {
    let inside = queryAllowed.subtracting(expressionStructure)
    var out = ""
    var run: [UInt8] = []
    var quote: UInt8?
    func flush(_ allowed: Set<UInt8>) {
      out += encode(String(decoding: run, as: UTF8.self), allowed: allowed)
      run.removeAll()
    }
    for b in s.utf8 {
      if let q = quote {
        if b == q {
          flush(inside)
          quote = nil
          run.append(b)
        } else {
          run.append(b)
        }
      } else {
        run.append(b)
        if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") {
          flush(queryAllowed)
          quote = b
        }
      }
    }
    flush(quote == nil ? queryAllowed : inside)
    return out
  }

  static func encode(_ s: String, allowed: Set<UInt8>) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    for b in s.utf8 {
      if allowed.contains(b) {
        out.append(b)
      } else {
        out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 15)]]
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Decodes `%XX` escapes (and nothing else: `+` stays `+`). Nil for a malformed escape or bad UTF-8.
  package static func decode(_ s: Substring) -> String? {
    var out: [UInt8] = []
    var bytes = Array(s.utf8)[...]
    func nibble(_ c: UInt8) -> UInt8? {
      switch c {
      case 48...57: c - 48
      case 65...70: c - 55
      case 97...102: c - 87
      default: nil
      }
    }
    while let b = bytes.popFirst() {
      if b == UInt8(ascii: "%") {
        guard let h = bytes.popFirst().flatMap(nibble), let l = bytes.popFirst().flatMap(nibble) else {
          return nil
        }
        out.append(h << 4 | l)
      } else {
        out.append(b)
      }
    }
    return String(validating: out, as: UTF8.self)
  }
}
