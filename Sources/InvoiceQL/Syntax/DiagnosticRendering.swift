extension Diagnostic {
  /// Renders like a compiler: the message, the source line, a caret under the range, then help lines.
  ///
  ///     error: unknown field 'dueDat'
  ///      | status = open and dueDat < 2025-05-01
  ///      |                   ^~~~~~
  ///      = help: did you mean 'dueDate'?
  ///
  /// Columns count characters (not bytes), so the caret stands under the right place in
  /// non-ASCII text. A range spanning lines is shown on its first line. A line longer than
  /// `maxLineWidth` characters is shown as a window around the range, elided with `…`, so a hostile
  /// 64 KiB query still renders as a few readable lines.
  public func render(source: String) -> String {
    let bytes = Array(source.utf8)
    let lower = Swift.min(Swift.max(0, range.lowerBound), bytes.count)
    let upper = Swift.min(Swift.max(lower, range.upperBound), bytes.count)
    var lineStart = lower
    while lineStart > 0 && bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
    var lineEnd = lower
    while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
    var line = Self.decode(bytes[lineStart..<lineEnd])
    // Tabs become spaces, one character each: the counts are those of the raw bytes.
    var column = CharacterCount.of(bytes[lineStart..<lower])
    var width = CharacterCount.of(bytes[lower..<Swift.min(upper, lineEnd)])
    (line, column, width) = Self.window(line, column: column, width: width)
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
    return (line, CharacterCount.of(bytes[lineStart..<lower]) + 1)
  }

  /// The widest source line shown whole.
  static let maxLineWidth = 160

  /// `line` cut to a window around `column..<column + width` when it is too long to show whole.
  static func window(_ line: String, column: Int, width: Int) -> (String, Int, Int) {
    // No more characters than bytes: a short line is shown whole without counting them.
    guard line.utf8.count > maxLineWidth else { return (line, column, width) }
    // ASCII without CR is cut by bytes; other text by walking its characters only as far as the
    // window reaches (a hostile line may hold thousands).
    let bytewise = CharacterCount.isOneBytePerCharacter(line)
    func index(_ offset: Int, from i: String.Index) -> String.Index? {
      line.index(i, offsetBy: offset, limitedBy: line.endIndex)
    }
    if bytewise ? line.utf8.count <= maxLineWidth : index(maxLineWidth + 1, from: line.startIndex) == nil {
      return (line, column, width)
    }
    let context = 40
    let shownWidth = Swift.min(width, maxLineWidth - 2 * context)
    let start = Swift.max(0, column - context)
    let length = shownWidth + context + (column - start)
    let shown: Substring
    let cut: Bool
    if bytewise {
      let utf8 = line.utf8
      let from = utf8.index(utf8.startIndex, offsetBy: Swift.min(start, utf8.count))
      let to = utf8.index(from, offsetBy: length, limitedBy: utf8.endIndex) ?? utf8.endIndex
      shown = line[from..<to]
      cut = to != utf8.endIndex
    } else {
      let from = index(start, from: line.startIndex) ?? line.endIndex
      let to = index(length, from: from) ?? line.endIndex
      shown = line[from..<to]
      cut = to != line.endIndex
    }
    let prefix = start > 0 ? "…" : ""
    let suffix = cut ? "…" : ""
    return (prefix + String(shown) + suffix, column - start + prefix.count, shownWidth)
  }

  /// The text of `bytes` with each tab shown as one space, so caret columns line up. The tab byte
  /// is replaced before decoding (in UTF-8 it is never part of another scalar): the same text as
  /// replacing tab characters, without walking grapheme clusters, which made rendering an error in
  /// a long text cost more than parsing it.
  private static func decode(_ bytes: ArraySlice<UInt8>) -> String {
    guard bytes.contains(0x09) else { return String(decoding: bytes, as: UTF8.self) }
    return String(decoding: bytes.map { $0 == 0x09 ? 0x20 : $0 }, as: UTF8.self)
  }
}
