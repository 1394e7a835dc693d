import Foundation
import InvoiceQL

/// The options every command that binds a query shares (`check`, `plan`, `filter`, `run`):
/// `--provider P`, `--now T` (an ISO 8601 instant; default: the wall clock, read here at the edge,
/// never inside the library) and `--tz Z` (an IANA zone; default UTC), plus whatever options and flags
/// the command itself declares. Options may come before or after the query words; `--` ends them.
package struct BindingOptions: Sendable {
  /// The provider, when `--provider` was given.
  package var provider: Provider?
  /// The clock and zone relative dates and the whole-day rule are resolved against.
  package var context: BindingContext
  /// The command's own options (`--set k=v`, `--ids`, …) in order; a flag has an empty value.
  package var options: [(name: String, value: String)]
  /// The words that are not options: the query (and, for `filter`, an optional FILE).
  package var rest: [String]

  package init(
    provider: Provider?, context: BindingContext, options: [(name: String, value: String)] = [],
    rest: [String] = []
  ) {
    self.provider = provider
    self.context = context
    self.options = options
    self.rest = rest
  }

  /// The provider's catalog, when `--provider` was given.
  package var catalog: FieldCatalog? { provider?.catalog }

  /// The values of the command's option `name`, in order.
  package func values(of name: String) -> [String] {
    options.filter { $0.name == name }.map(\.value)
  }

  /// Whether the command's flag `name` was given.
  package func has(_ name: String) -> Bool { options.contains { $0.name == name } }

  /// Parses `arguments`. `valueOptions` take a value (`--set k=v` or `--set=k=v`); `flags` take none.
  /// Unknown options, a missing value, an unknown provider or zone, or an unreadable `--now` are usage
  /// errors; so is a missing `--provider` when `requireProvider` is set, and no words at all.
  package static func parse(
    _ arguments: [String], valueOptions: Set<String> = [], flags: Set<String> = [],
    requireProvider: Bool = true, clock: () -> Instant = BindingOptions.wallClock
  ) throws(UsageError) -> BindingOptions {
    let own: Set<String> = ["--provider", "--now", "--tz"]
    var words: [String] = []
    var values: [(name: String, value: String)] = []
    var i = 0
    var optionsEnded = false
    while i < arguments.count {
      let argument = arguments[i]
      i += 1
      if optionsEnded || !argument.hasPrefix("--") {
        words.append(argument)
        continue
      }
      if argument == "--" {
        optionsEnded = true
        continue
      }
      if flags.contains(argument) {
        values.append((argument, ""))
        continue
      }
      let name: String
      let value: String
      if let eq = argument.firstIndex(of: "="), own.union(valueOptions).contains(String(argument[..<eq])) {
        name = String(argument[..<eq])
        value = String(argument[argument.index(after: eq)...])
      } else if own.union(valueOptions).contains(argument) {
        guard i < arguments.count else { throw UsageError("option '\(argument)' needs a value") }
        name = argument
        value = arguments[i]
        i += 1
      } else {
        throw UsageError.unknownOption(
          argument, valid: ["--provider", "--now", "--tz"] + valueOptions.sorted() + flags.sorted())
      }
      values.append((name, value))
    }
    guard !words.isEmpty else { throw UsageError("missing QUERY") }

    func last(_ name: String) -> String? { values.last(where: { $0.name == name })?.value }
    var provider: Provider? = nil
    if let p = last("--provider") {
      guard let c = Provider.named(p) ?? Provider.named(p.lowercased()) else {
        throw UsageError(
          "unknown provider '\(p)'; providers: " + Provider.names.joined(separator: ", "))
      }
      provider = c
    } else if requireProvider {
      throw UsageError(
        "missing --provider (one of " + Provider.names.joined(separator: ", ") + ")")
    }
    var zone = BindingContext.utc(now: Instant(seconds: 0, fraction: "")).timeZone
    if let z = last("--tz") {
      guard let tz = TimeZone(identifier: z) else {
        throw UsageError("unknown time zone '\(z)' (--tz takes an IANA name such as Europe/Paris)")
      }
      zone = tz
    }
    var now: Instant
    if let t = last("--now") {
      guard let parsed = parseNow(t, zone: zone) else {
        throw UsageError("invalid --now '\(t)': expected an ISO 8601 instant such as 2025-05-01T12:00:00Z")
      }
      now = parsed
    } else {
      now = clock()
    }
    return BindingOptions(
      provider: provider, context: BindingContext(now: now, timeZone: zone),
      options: values.filter { !own.contains($0.name) }, rest: words)
  }

  /// `--now`'s value: a datetime (without an offset, in the `--tz` zone) or a date (its midnight).
  static func parseNow(_ text: String, zone: TimeZone) -> Instant? {
    let context = BindingContext(now: Instant(seconds: 0, fraction: ""), timeZone: zone)
    if let dt = DateTimeText.dateTime(text) {
      if dt.offsetSeconds != nil { return Instant(dt) }
      return context.instant(
        dt.date, secondOfDay: dt.hour * 3600 + dt.minute * 60 + dt.second, fraction: dt.fraction)
    }
    if let d = DateTimeText.date(text) { return context.startOfDay(d) }
    return nil
  }

  /// The current instant, to the second.
  package static func wallClock() -> Instant {
    Instant(seconds: Int(Date().timeIntervalSince1970.rounded(.down)), fraction: "")
  }
}

/// A query parsed and bound: the syntax tree (for printing it back) and its meaning on the provider.
package struct BoundQueryText: Sendable {
  package var syntax: Query
  package var bound: BoundQuery
}

/// Parses `text` and binds it to `options`' provider. Diagnostics carry `text` as their source, so
/// `error.description` renders them like a compiler.
package func bindQuery(_ text: String, _ options: BindingOptions) -> Result<BoundQueryText, DiagnosticError> {
  do {
    let query = try Parser.parse(text)
    guard let catalog = options.catalog else {
      return .failure(
        DiagnosticError(
          source: text,
          diagnostics: [
            Diagnostic(
              kind: .fieldNotOnProvider, message: "no provider to bind the query to",
              range: query.range,
              help: ["pass --provider (one of \(Provider.names.joined(separator: ", ")))"])
          ]))
    }
    let bound = try Binder.bind(query, catalog: catalog, context: options.context, source: text)
    return .success(BoundQueryText(syntax: query, bound: bound))
  } catch {
    return .failure(error)
  }
}

/// `bindQuery`, writing the rendered diagnostics to `stderr` on failure.
package func bindQuery(_ text: String, _ options: BindingOptions, reportingTo stderr: OutputSink)
  -> BoundQueryText?
{
  switch bindQuery(text, options) {
  case .success(let b): return b
  case .failure(let error):
    stderr.write(error.description + "\n")
    return nil
  }
}

/// `--fields a,b.c` resolved on the provider (`selection` nil when it was not given).
package struct FieldsOption: Sendable {
  package var selection: FieldSelection?
}

/// The command's `--fields` list resolved on `options`' provider; nil (with the error written to
/// `stderr`) when a name does not resolve.
package func fieldSelection(_ options: BindingOptions, reportingTo stderr: OutputSink) -> FieldsOption? {
  guard let list = options.values(of: "--fields").last else { return FieldsOption(selection: nil) }
  guard let catalog = options.catalog else { return FieldsOption(selection: nil) }
  do {
    let selection = try FieldSelection.parse(list, catalog: catalog)
    for (field, needs) in selection.missingDependencies(catalog: catalog) {
      let list = needs.map { "'\($0)'" }.joined(separator: ", ")
      stderr.write(
        "note: --fields: '\(field)' is projected as \(catalog.provider) sends it, which takes \(list) to read;"
          + " add \(needs.count == 1 ? "it" : "them") to --fields\n")
    }
    return FieldsOption(selection: selection)
  } catch {
    stderr.write("error: --fields: \(error)\n")
    return nil
  }
}
