#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// ANSI colour for diagnostics, plans and tables: on only when the sink is a terminal and
/// `NO_COLOR` is unset or empty (https://no-color.org), so pipes and files get plain text.
package struct TerminalStyle: Sendable {
  /// Whether escapes are written.
  package var enabled: Bool

  package init(enabled: Bool) { self.enabled = enabled }

  /// The style for text written to `sink`.
  package static func `for`(_ sink: OutputSink) -> TerminalStyle {
    guard let terminal = sink as? FileDescriptorSink, terminal.isTerminal else {
      return TerminalStyle(enabled: false)
    }
    let noColor = getenv("NO_COLOR").map { String(cString: $0) } ?? ""
    return TerminalStyle(enabled: noColor.isEmpty)
  }

  private func wrap(_ text: String, _ code: String) -> String {
    enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  package func bold(_ text: String) -> String { wrap(text, "1") }
  package func dim(_ text: String) -> String { wrap(text, "2") }
  package func red(_ text: String) -> String { wrap(text, "1;31") }
  package func green(_ text: String) -> String { wrap(text, "32") }
  package func yellow(_ text: String) -> String { wrap(text, "33") }
  package func cyan(_ text: String) -> String { wrap(text, "36") }

  /// A rendered diagnostic (or any `error:`/`warning:`/`help:` text) with its labels coloured:
  /// `error:` red, `warning:` yellow, `help:` and carets cyan. Plain text passes through unchanged.
  package func diagnostic(_ text: String) -> String {
    guard enabled else { return text }
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
      if line.hasPrefix("error:") { return red("error:") + line.dropFirst(6) }
      if line.hasPrefix("warning:") { return yellow("warning:") + line.dropFirst(8) }
      if line.hasPrefix(" = help:") { return " = " + cyan("help:") + line.dropFirst(8) }
      if line.hasPrefix(" |"), line.contains("^"), line.dropFirst(2).allSatisfy({ " ^~".contains($0) }) {
        return " |" + cyan(String(line.dropFirst(2)))
      }
      return String(line)
    }.joined(separator: "\n")
  }
}

/// An error sink that colours diagnostics when its terminal takes colour (see `TerminalStyle`).
package final class DiagnosticSink: OutputSink {
  package let base: OutputSink
  package let style: TerminalStyle

  package init(_ base: OutputSink) {
    self.base = base
    self.style = TerminalStyle.for(base)
  }

  package func write(_ text: String) { base.write(style.diagnostic(text)) }
}
