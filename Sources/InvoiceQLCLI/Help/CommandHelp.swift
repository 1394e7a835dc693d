import InvoiceQL

/// A command's long help, printed by `invoiceql COMMAND --help` and `invoiceql help COMMAND`:
/// what it does, its usage, every argument and option described, and a few examples — the shape
/// of swift-argument-parser's generated help, written by hand (no package dependency).
package struct CommandHelp: Sendable {
  /// One line: what the command does.
  package var overview: String
  /// Paragraphs after the overview (may be empty).
  package var discussion: String
  /// Positional arguments: name and description.
  package var arguments: [(name: String, description: String)]
  /// Options: how they are written (`--provider P`) and what they do. `-h, --help` is added.
  package var options: [(name: String, description: String)]
  /// Example command lines, each with what it does.
  package var examples: [(command: String, description: String)]

  package init(
    overview: String, discussion: String = "", arguments: [(name: String, description: String)] = [],
    options: [(name: String, description: String)] = [],
    examples: [(command: String, description: String)] = []
  ) {
    self.overview = overview
    self.discussion = discussion
    self.arguments = arguments
    self.options = options
    self.examples = examples
  }

  /// Every option as written, with `-h, --help` last.
  package var allOptions: [(name: String, description: String)] {
    options + [("-h, --help", "Show this help.")]
  }

  /// The help text for `invoiceql USAGE`.
  package func render(usage: String) -> String {
    var out = "OVERVIEW: \(overview)\n"
    if !discussion.isEmpty { out += "\n" + discussion.trimmingWhitespace() + "\n" }
    out += "\nUSAGE: invoiceql \(usage)\n"
    if !arguments.isEmpty { out += "\nARGUMENTS:\n" + Self.table(arguments) }
    out += "\nOPTIONS:\n" + Self.table(allOptions)
    if !examples.isEmpty {
      out += "\nEXAMPLES:\n"
      for example in examples { out += "  \(example.command)\n      \(example.description)\n" }
    }
    return out
  }

  /// Two columns: names padded to one width (at most 24), descriptions wrapped under each other.
  static func table(_ rows: [(name: String, description: String)]) -> String {
    let width = min(24, rows.map(\.name.count).max() ?? 0) + 2
    var out = ""
    for row in rows {
      let lines = row.description.split(separator: "\n", omittingEmptySubsequences: false)
      let pad = String(repeating: " ", count: 2 + width)
      if row.name.count + 2 > width {
        out += "  \(row.name)\n" + lines.map { pad + $0 + "\n" }.joined()
      } else {
        out += "  " + row.name + String(repeating: " ", count: width - row.name.count)
        out += lines.enumerated().map { ($0.offset == 0 ? "" : pad) + $0.element + "\n" }.joined()
      }
    }
    return out
  }

  /// The help text shared by the options every query command takes.
  static let providerOption = (
    name: "--provider P",
    description: "The billing API: " + providerNamesText + "."
  )
  static let nowOption = (
    name: "--now T",
    description:
      "The clock relative dates (today-30d) resolve against: an ISO 8601 instant\nor date. Default: the current time."
  )
  static let tzOption = (
    name: "--tz Z", description: "The query's time zone, an IANA name (Europe/Paris). Default: UTC."
  )
  static let setOption = (
    name: "--set KEY=VALUE",
    description:
      "A provider setting (tenantId, portalContactId, company, version); repeat\nfor several. `invoiceql plan` lists what a provider needs."
  )
  static var providerNamesText: String { Provider.names.joined(separator: ", ") }
}

/// The providers and queries help examples show, taken from the registry (only Providers/ names a
/// provider), so every example runs as printed.
enum HelpExample {
  /// The first provider that needs no setting: its examples run without `--set`.
  static var simple: Provider {
    Provider.all.first { $0.settings.allSatisfy { $0.defaultValue != nil } } ?? Provider.all[0]
  }
  /// The first provider with a required setting, to show `--set`.
  static var withSettings: Provider {
    Provider.all.first { $0.settings.contains { $0.defaultValue == nil } } ?? Provider.all[0]
  }
  /// A provider other than `simple`, to show retargeting.
  static var other: Provider { Provider.all.first { $0 != simple } ?? simple }

  /// The provider's sample query, quoted for a shell.
  static func query(_ provider: Provider) -> String { quoted(provider.sample.query) }

  /// `--set k=v` for each setting the provider requires, with the documented examples.
  static func settings(_ provider: Provider) -> String {
    provider.settings.filter { $0.defaultValue == nil }.map {
      "--set " + shellWord("\($0.name)=\($0.example)")
    }
    .joined(separator: " ")
  }

  /// The example of a native filter in the provider's importer description, quoted for a shell.
  static func native(_ provider: Provider) -> String {
    let form = provider.importer.form
    return quoted(
      form.firstIndex(of: ":").map { String(form[form.index(after: $0)...]).trimmingWhitespace() } ?? form)
  }

  /// `text` as one shell word: as it is when it holds only safe characters, else quoted.
  static func shellWord(_ text: String) -> String {
    let safe = text.unicodeScalars.allSatisfy {
      ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0)
        || "-_.=:/,@+".unicodeScalars.contains($0)
    }
    return safe && !text.isEmpty ? text : quoted(text)
  }

  /// `'text'` for a POSIX shell.
  static func quoted(_ text: String) -> String { "'" + text.replacingAll("'", with: "'\\''") + "'" }
}
