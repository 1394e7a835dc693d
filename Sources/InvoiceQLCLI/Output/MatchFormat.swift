import InvoiceQL

/// How `filter` and `run` print matches (`--format`): the command-line reference.
package enum MatchFormat: String, Sendable, CaseIterable {
  /// One compact JSON object per line, byte-exact (JSON Lines); the default.
  case ndjson
  /// One JSON array of the matches.
  case json
  /// RFC 4180 CSV with a header row (CRLF line ends; fields quoted when needed), for spreadsheets.
  case csv
  /// An aligned text table with a count, for terminals.
  case table

  /// `--format`'s value, or a usage error naming the formats.
  static func parse(_ text: String?) throws(UsageError) -> MatchFormat {
    guard let text else { return .ndjson }
    guard let format = MatchFormat(rawValue: text.lowercased()) else {
      throw UsageError(
        "unknown format '\(text)'; --format takes one of "
          + allCases.map(\.rawValue).joined(separator: ", "))
    }
    return format
  }
}

/// One column of a `csv` or `table` output: a header and the (dotted) path it reads in a match.
package struct MatchColumn: Sendable, Hashable {
  package var header: String
  package var path: [String]

  package init(header: String, path: [String]) {
    self.header = header
    self.path = path
  }

  /// The columns for a query's matches: `id`, then each field the query mentions, in the order it
  /// first mentions them, under the name written (a canonical name reads the provider's field).
  /// A quantifier contributes its array, not the fields inside it.
  package static func mentioned(by query: Query, catalog: FieldCatalog?) -> [MatchColumn] {
    var written: [FieldPath] = []
    func walk(_ e: Expression) {
      switch e.kind {
      case .and(let xs), .or(let xs): xs.forEach(walk)
      case .not(let x): walk(x)
      case .comparison(let f, _, _), .membership(let f, _, _), .between(let f, _, _), .isNull(let f, _),
        .text(let f, _, _), .quantified(_, let f, _):
        written.append(f)
      }
    }
    walk(query.filter)
    written += query.sort.map(\.field)
    var columns = [MatchColumn(header: "id", path: ["id"])]
    for field in written {
      let header = field.components.joined(separator: ".")
      guard !columns.contains(where: { $0.header == header }) else { continue }
      columns.append(MatchColumn(header: header, path: nativePath(field.components, catalog)))
    }
    return columns
  }

  /// Parses `:columns a,b.c`: names as written, canonical ones read through the catalog.
  package static func parseList(_ text: String, catalog: FieldCatalog?) -> [MatchColumn] {
    text.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }.map { name in
      let components = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
      return MatchColumn(header: name, path: nativePath(components, catalog))
    }
  }

  static func nativePath(_ components: [String], _ catalog: FieldCatalog?) -> [String] {
    guard let first = components.first, let native = catalog?.canonicalFields[first] else {
      return components
    }
    return native + components.dropFirst()
  }

  /// The columns of a match's own members (for matches that hold chosen fields only).
  static func keys(of value: JSONValue) -> [MatchColumn] {
    guard case .object(let members) = value else { return [] }
    var seen: Set<String> = []
    return members.compactMap {
      seen.insert($0.key).inserted ? MatchColumn(header: $0.key, path: [$0.key]) : nil
    }
  }

  /// The cell text of this column in `value`: a string as decoded, a number as written, `true`/`false`,
  /// empty for absent or null, compact JSON for an object or array; a path through an array lists
  /// every element's value, separated by ", ".
  func cell(in value: JSONValue) -> String {
    Self.texts(at: path[...], in: value).joined(separator: ", ")
  }

  private static func texts(at path: ArraySlice<String>, in value: JSONValue) -> [String] {
    guard let key = path.first else {
      switch value {
      case .null: return []
      case .bool(let b): return [b ? "true" : "false"]
      case .number(let n): return [n]
      case .string(let s): return [s]
      case .array, .object: return [value.compactText]
      }
    }
    switch value {
    case .object: return value[key].map { texts(at: path.dropFirst(), in: $0) } ?? []
    case .array(let elements): return elements.flatMap { texts(at: path, in: $0) }
    default: return []
    }
  }
}
