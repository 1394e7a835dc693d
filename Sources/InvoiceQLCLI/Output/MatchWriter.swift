import InvoiceQL

/// Writes matches in one `MatchFormat` as they come: JSON Lines and CSV stream; `json` streams one
/// array; `table` holds its rows until `finish` (it needs every width), so prefer the others for
/// large outputs.
///
/// Each match is given as its compact JSON text — a whole invoice or only chosen fields; `csv` and
/// `table` read the cells of `columns`, or when none are given, the members of the first match.
package struct MatchWriter {
  package let format: MatchFormat
  private var columns: [MatchColumn]?
  let sink: OutputSink
  private let style: TerminalStyle
  private var pending = ""
  private var rows: [[String]] = []
  package private(set) var count = 0

  package init(format: MatchFormat, columns: [MatchColumn]?, sink: OutputSink, style: TerminalStyle? = nil) {
    self.format = format
    self.columns = columns
    self.sink = sink
    self.style = style ?? TerminalStyle.for(sink)
  }

  /// Adds one match.
  package mutating func write(json: String) {
    defer { count += 1 }
    switch format {
    case .ndjson:
      pending += json + "\n"
    case .json:
      pending += (count == 0 ? "[" : ",\n") + json
    case .csv, .table:
      let value = (try? JSONValue(parsing: json)) ?? .null
      let columns = self.columns ?? MatchColumn.keys(of: value)
      if self.columns == nil {
        self.columns = columns
      }
      let cells = columns.map { $0.cell(in: value) }
      if format == .csv {
        if count == 0 { pending += Self.csvRow(columns.map(\.header)) }
        pending += Self.csvRow(cells)
      } else {
        rows.append(cells)
      }
    }
    if pending.utf8.count >= 1 << 16 { flush() }
  }

  /// Writes what is buffered.
  package mutating func flush() {
    if !pending.isEmpty { sink.write(pending) }
    pending = ""
  }

  /// Ends the output: closes the JSON array, prints the table and its count.
  package mutating func finish() {
    switch format {
    case .ndjson: break
    case .json: pending += count == 0 ? "[]\n" : "]\n"
    case .csv:
      if count == 0, let columns { pending += Self.csvRow(columns.map(\.header)) }
    case .table:
      pending += Self.table(header: (columns ?? []).map(\.header), rows: rows, style: style)
      pending += style.dim("\(count) match\(count == 1 ? "" : "es")") + "\n"
    }
    flush()
  }

  /// One CSV record (RFC 4180): a field is quoted when it holds a comma, a quote, CR or LF, or
  /// starts or ends with a space; quotes inside are doubled. Records end with CRLF.
  static func csvRow(_ fields: [String]) -> String {
    fields.map { field in
      let needsQuotes =
        field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
        || field.hasPrefix(" ") || field.hasSuffix(" ")
      guard needsQuotes else { return field }
      return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
    }.joined(separator: ",") + "\r\n"
  }

  /// An aligned table: the header (bold on a terminal), a rule, then the rows. A cell's line
  /// breaks and tabs print as spaces, so one row stays one line.
  static func table(header: [String], rows: [[String]], style: TerminalStyle) -> String {
    guard !header.isEmpty else { return "" }
    let clean = rows.map { $0.map(singleLine) }
    var widths = header.map(\.count)
    for row in clean {
      for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
    }
    func line(_ cells: [String], _ decorate: (String) -> String = { $0 }) -> String {
      var out = ""
      for (i, cell) in cells.enumerated() {
        let last = i == cells.count - 1
        out += decorate(cell) + (last ? "" : String(repeating: " ", count: widths[i] - cell.count + 2))
      }
      while out.last == " " { out.removeLast() }
      return out + "\n"
    }
    var out = line(header, style.bold)
    out += line(widths.map { String(repeating: "─", count: $0) }, style.dim)
    for row in clean { out += line(row) }
    return out
  }

  private static func singleLine(_ text: String) -> String {
    String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
  }
}

extension String {
  /// Every occurrence of `target` replaced (without Foundation).
  func replacingAll(_ target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
