import InvoiceQL

/// A failure of the plan under test seen by a simulated server (a parameter it must never receive,
/// a malformed URL …): the property test reports it.
package struct SimulationError: Error, Sendable, CustomStringConvertible {
  package var description: String
  package init(_ d: String) { description = d }
}

/// The undocumented behaviours, each resolved one way or the other; every combination is simulated.
package struct Unknowns: Sendable, CustomStringConvertible {
  /// `lt:`/`gt:`/`from`/`to` read inclusively (else strictly).
  package var inclusiveBounds: Bool
  /// Text equality and lists ignore case (SQL collation) (else exact).
  package var caseInsensitive: Bool
  /// The server stores instants at a coarser precision (seconds; RQL milliseconds) and truncates.
  package var coarsePrecision: Bool
  /// Negative filters (`ne`, `out`) also return invoices without the field.
  package var negationKeepsAbsent: Bool
  /// Numbers are read as binary doubles, constants and stored values alike (RQL on a `double`
  /// property; numeric ids parsed as floats).
  package var binaryNumbers = false
  /// A datetime bound is compared by dates alone, the stored instant's date taken in the zone
  /// least favourable to the bound (UTC−12 under `gt:`, UTC+14 under `lt:`) (wethod's "updated
  /// after a date").
  package var datesOnly = false

  /// One reading of the unknowns (`all` lists every combination; `literal` is the one a query states).
  package init(
    inclusiveBounds: Bool, caseInsensitive: Bool, coarsePrecision: Bool, negationKeepsAbsent: Bool,
    binaryNumbers: Bool = false, datesOnly: Bool = false
  ) {
    self.inclusiveBounds = inclusiveBounds
    self.caseInsensitive = caseInsensitive
    self.coarsePrecision = coarsePrecision
    self.negationKeepsAbsent = negationKeepsAbsent
    self.binaryNumbers = binaryNumbers
    self.datesOnly = datesOnly
  }

  /// Every unknown read literally, as a query states it: strict bounds, exact text and numbers,
  /// instants as stored, negations that leave out absent fields (what `import` assumes).
  package static let literal = Unknowns(
    inclusiveBounds: false, caseInsensitive: false, coarsePrecision: false, negationKeepsAbsent: false)

  /// Every combination of the first four, each with and without the last two (which concern
  /// different fields, so they vary together).
  package static let all: [Unknowns] = (0..<32).map {
    Unknowns(
      inclusiveBounds: $0 & 1 != 0, caseInsensitive: $0 & 2 != 0, coarsePrecision: $0 & 4 != 0,
      negationKeepsAbsent: $0 & 8 != 0, binaryNumbers: $0 & 16 != 0, datesOnly: $0 & 16 != 0)
  }
  package var description: String {
    "inclusive=\(inclusiveBounds) ci=\(caseInsensitive) coarse=\(coarsePrecision) negAbsent=\(negationKeepsAbsent)"
      + " binary=\(binaryNumbers) datesOnly=\(datesOnly)"
  }
}

/// The request as a server sees it: only the URL text, the headers and the body — never the plan.
package struct ParsedRequest: Sendable {
  package var method: String
  package var segments: [String]
  package var parameters: [(name: String, value: String?)]
  /// Each parameter as it stood in the URL, still percent-encoded.
  package var rawParameters: [String]
  package var headers: [String: String]
  package var body: String?

  package init(_ r: NativeRequest) throws {
    method = r.method
    headers = r.headers
    body = r.body
    let url = r.url
    let pathPart: Substring
    let queryPart: Substring?
    if let q = url.firstIndex(of: "?") {
      pathPart = url[..<q]
      queryPart = url[url.index(after: q)...]
    } else {
      pathPart = url[...]
      queryPart = nil
    }
    for ch in url.unicodeScalars where ch.value <= 0x20 || ch.value >= 0x7F || ch == "#" || ch == "+" {
      throw SimulationError("unencoded character \(ch.escaped(asASCII: true)) in URL \(url)")
    }
    segments = try pathPart.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
      guard let s = URLText.decode($0) else { throw SimulationError("bad escape in path \(pathPart)") }
      return s
    }
    parameters = []
    rawParameters = []
    if let queryPart {
      for component in queryPart.split(separator: "&", omittingEmptySubsequences: false) {
        rawParameters.append(String(component))
        if let eq = component.firstIndex(of: "=") {
          guard let n = URLText.decode(component[..<eq]),
            let v = URLText.decode(component[component.index(after: eq)...])
          else { throw SimulationError("bad escape in \(component)") }
          parameters.append((n, v))
        } else {
          guard let n = URLText.decode(component) else { throw SimulationError("bad escape") }
          parameters.append((n, nil))
        }
      }
    }
  }

  /// Every parameter's value, failing on a repeated one (its meaning is undocumented).
  package func uniqueParameters() throws -> [String: String] {
    var out: [String: String] = [:]
    for (n, v) in parameters {
      guard out[n] == nil else { throw SimulationError("parameter '\(n)' repeated") }
      guard let v else { throw SimulationError("bare component '\(n)'") }
      out[n] = v
    }
    return out
  }
}

/// Shared server-side readings of stored values (a server's storage is typed like the catalog).
package enum Stored {
  package static func value(_ invoice: JSONValue, _ path: [String], _ type: FieldType) -> Value? {
    Value.read(ReferenceEvaluator.lookup(path, in: invoice), as: type)
  }

  /// Under `caseInsensitive`, SQL collation: case ignored, and trailing spaces (`= 'a '` is `'a'`).
  package static func textEqual(_ a: String, _ b: String, _ u: Unknowns) -> Bool {
    guard u.caseInsensitive else { return Array(a.unicodeScalars) == Array(b.unicodeScalars) }
    func padded(_ s: String) -> String {
      String(s.lowercased().reversed().drop(while: { $0 == " " }).reversed())
    }
    return padded(a) == padded(b)
  }

  /// Numbers compared as the server reads them: exactly, or as binary doubles under
  /// `binaryNumbers`. Nil when either is not a number.
  package static func numberOrder(_ a: ExactDecimal, _ b: ExactDecimal, _ u: Unknowns) -> Int {
    guard u.binaryNumbers, let x = Double(a.description), let y = Double(b.description) else {
      return a < b ? -1 : a == b ? 0 : 1
    }
    return x < y ? -1 : x == y ? 0 : 1
  }

  /// An instant truncated to `digits` fractional digits when the server is coarse.
  package static func truncated(_ i: Instant, digits: Int, _ u: Unknowns) -> Instant {
    guard u.coarsePrecision else { return i }
    return Instant(seconds: i.seconds, fraction: String(decoding: i.fraction.prefix(digits), as: UTF8.self))
  }

  package static func compare(_ a: Value, _ b: Value) -> Int? { Value.order(a, b) }

  /// `data (>|>=) bound` or `data (<|<=) bound` as the server reads its bounds.
  package static func within(_ data: Value, lower: Value?, upper: Value?, _ u: Unknowns) -> Bool {
    if let lower, let c = compare(data, lower) {
      if u.inclusiveBounds ? c < 0 : c <= 0 { return false }
    } else if lower != nil {
      return false
    }
    if let upper, let c = compare(data, upper) {
      if u.inclusiveBounds ? c > 0 : c >= 0 { return false }
    } else if upper != nil {
      return false
    }
    return true
  }

  /// The top-level keys listed, the rest dropped (a `fields` projection).
  package static func project(_ invoice: JSONValue, _ keys: Set<String>) -> JSONValue {
    guard case .object(let members) = invoice else { return invoice }
    return .object(members.filter { keys.contains($0.key) })
  }
}
