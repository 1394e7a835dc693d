extension Diagnostic {
  /// Renders like a compiler: the message, the source line, a caret under the range, then help lines.
  ///
  ///     error: unknown field 'dueDat'
  ///      | status = open and dueDat < 2025-05-01
  ///      |                   ^~~~~~
  ///      = help: did you mean 'dueDate'?
  ///
  /// Columns count characters (not bytes), so the caret stands under the right place in
  /// non-ASCII text. A range spanning lines is shown on its first line.
  public func render(source: String) -> String {
    let bytes = Array(source.utf8)
    let lower = Swift.min(Swift.max(0, range.lowerBound), bytes.count)
    let upper = Swift.min(Swift.max(lower, range.upperBound), bytes.count)
    var lineStart = lower
    while lineStart > 0 && bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
    var lineEnd = lower
    while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
    let line = Self.decode(bytes[lineStart..<lineEnd])
    let column = Self.decode(bytes[lineStart..<lower]).count
    let width = Self.decode(bytes[lower..<Swift.min(upper, lineEnd)]).count
    var out = "\(severity.rawValue): \(message)\n"
    out += " | \(line)\n"
    out += " | " + String(repeating: " ", count: column) + "^"
    if width > 1 { out += String(repeating: "~", count: width - 1) }
    for h in help { out += "\n = help: \(h)" }
    return out
  }

  /// The 1-based line and column (in characters) where the diagnostic starts.
  public func location(in source: String) -> (line: Int, column: Int) {
    let bytes = Array(source.utf8)
    let lower = Swift.min(Swift.max(0, range.lowerBound), bytes.count)
    var line = 1
    var lineStart = 0
    for i in 0..<lower where bytes[i] == 0x0A {
      line += 1
      lineStart = i + 1
    }
    return (line, Self.decode(bytes[lineStart..<lower]).count + 1)
  }

  private static func decode(_ bytes: ArraySlice<UInt8>) -> String {
    String(decoding: bytes, as: UTF8.self).replacingTabs()
  }
}

extension String {
  /// Tabs shown as one space, so caret columns line up.
  fileprivate func replacingTabs() -> String {
    String(map { $0 == "\t" ? " " : $0 })
  }
}
