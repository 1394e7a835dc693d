import Foundation
import InvoiceQL

extension ReplCommandTable {
  /// The semantics area's `:commands`: `:provider`, `:now` and `:tz` refined to validate what they
  /// are given, and `:fields` to list the provider's catalog.
  static let semanticCommands: [ReplCommandSpec] = [
    ReplCommandSpec("provider", arguments: "[NAME]", summary: "set the provider (no name: clear it)") {
      session, text in
      if text.isEmpty {
        session.provider = nil
        session.output.write("provider cleared: queries print their canonical form\n")
        return .success
      }
      guard let named = Provider.named(text) ?? Provider.named(text.lowercased()) else {
        session.errors.write(
          "error: unknown provider '\(text)'\n = help: providers: "
            + Provider.names.joined(separator: ", ") + "\n")
        return .failure
      }
      session.provider = named.name
      session.output.write(providerConfirmation(named, session))
      return .success
    },
    ReplCommandSpec("now", arguments: "[INSTANT]", summary: "fix the clock (ISO 8601; none: real clock)") {
      session, text in
      if !text.isEmpty && BindingOptions.parseNow(text, zone: session.zone ?? utcZone) == nil {
        session.errors.write(
          "error: invalid instant '\(text)'\n = help: write an ISO 8601 instant such as 2025-05-01T12:00:00Z\n"
        )
        return .failure
      }
      session.now = text.isEmpty ? nil : text
      session.output.write(text.isEmpty ? "now: the real clock\n" : "now: \(text)\n")
      return .success
    },
    ReplCommandSpec("tz", arguments: "[ZONE]", summary: "set the time zone (IANA name; none: UTC)") {
      session, text in
      if !text.isEmpty && TimeZone(identifier: text) == nil {
        session.errors.write(
          "error: unknown time zone '\(text)'\n = help: write an IANA name such as Europe/Paris\n")
        return .failure
      }
      session.timeZone = text.isEmpty ? nil : text
      session.output.write("tz: \(text.isEmpty ? "UTC" : text)\n")
      return .success
    },
    ReplCommandSpec(
      "bind", arguments: "QUERY", summary: "show what a query means on the provider (its own fields)"
    ) { session, text in
      guard session.catalog != nil else {
        session.errors.write("error: no provider set\n = help: choose one with :provider NAME\n")
        return .failure
      }
      guard let options = session.bindingOptions(),
        let bound = bindQuery(text, options, reportingTo: session.errors)
      else { return .failure }
      var out = bound.bound.filter.providerDescription
      if !bound.bound.sort.isEmpty {
        out +=
          " sort by "
          + bound.bound.sort.map { $0.field.path.joined(separator: ".") + ($0.descending ? " desc" : "") }
          .joined(separator: ", ")
      }
      if let limit = bound.bound.limit { out += " limit \(limit)" }
      session.output.write(out + "\n")
      return .success
    },
    ReplCommandSpec(
      "fields", arguments: "[TEXT]", summary: "list the provider's fields (canonical names marked)"
    ) { session, text in
      guard let catalog = session.catalog else {
        session.errors.write("error: no provider set\n = help: choose one with :provider NAME\n")
        return .failure
      }
      session.output.write(fieldListing(catalog, matching: text))
      return .success
    },
  ]

  /// With a provider set, a query line is parsed and bound (every diagnostic shown); when it binds,
  /// its canonical form is printed. Without a provider, the syntax area's behaviour.
  static let semanticQueryHandler: ReplQueryHandler? = { session, text in
    guard session.catalog != nil else { return printCanonicalForm(&session, text) }
    guard let options = session.bindingOptions() else { return .failure }
    guard let bound = bindQuery(text, options, reportingTo: session.errors) else { return .failure }
    session.output.write(Formatter.format(bound.syntax) + "\n")
    return .success
  }

  /// What `:provider NAME` says: the provider, where queries read, and the settings it needs.
  static func providerConfirmation(_ provider: Provider, _ session: ReplSession) -> String {
    var out = "provider: \(provider.name) (\(provider.catalog.fields.count) fields, :fields lists them)\n"
    switch session.source {
    case .sample: out += "source: its bundled sample page — type a query, e.g. \(provider.sample.query)\n"
    case .file(let path): out += "source: \(path)\n"
    case .api(let url):
      out += "source: \(url)\n"
      let missing = provider.settings.filter {
        $0.defaultValue == nil && (session.settings[$0.name] ?? "").isEmpty
      }
      if !missing.isEmpty {
        out += "needs: " + missing.map { ":set \($0.name)=\($0.example)" }.joined(separator: "  ") + "\n"
      }
    }
    return out
  }

  static let utcZone = BindingContext.utc(now: Instant(seconds: 0, fraction: "")).timeZone

  /// The catalog as a table: name, type, `required` when never absent, and the canonical name.
  /// `filter` keeps the lines whose name contains it (case-insensitively).
  static func fieldListing(_ catalog: FieldCatalog, matching filter: String) -> String {
    let needle = filter.lowercased()
    var rows: [(String, String, String)] = []
    for field in catalog.fields {
      let name = field.dottedName
      let canonical = catalog.canonicalName(for: field.path)
      if !needle.isEmpty && !name.lowercased().contains(needle)
        && !(canonical?.lowercased().contains(needle) ?? false)
      {
        continue
      }
      var type = field.type.displayName
      if case .enumeration(let values) = field.type {
        type += " (" + values.map { $0.isEmpty ? "\"\"" : $0 }.joined(separator: ", ") + ")"
      }
      var notes: [String] = []
      if let values = field.openMapValues {
        type = "map of \(values.displayName)"
        notes.append("any key: \(name).<key>")
      }
      if !field.nullable { notes.append("required") }
      if let canonical { notes.append("= \(canonical)") }
      if let replacement = field.replacedBy {
        notes.append("deprecated: use \(replacement.joined(separator: "."))")
      }
      rows.append((name, type, notes.joined(separator: ", ")))
    }
    let width = min(40, rows.map(\.0.count).max() ?? 0)
    let typeWidth = min(16, rows.map(\.1.count).max() ?? 0)
    var out = "\(catalog.provider): \(rows.count) fields (= marks a canonical name)\n"
    for (name, type, notes) in rows {
      let pad = String(repeating: " ", count: max(1, width - name.count + 2))
      let typePad = String(repeating: " ", count: max(1, typeWidth - type.count + 2))
      out += "  " + name + pad + type + (notes.isEmpty ? "" : typePad + notes) + "\n"
    }
    let missing = CanonicalVocabulary.fieldNames.filter { catalog.canonicalFields[$0] == nil }
    if needle.isEmpty && !missing.isEmpty {
      out += "not on \(catalog.provider): " + missing.joined(separator: ", ") + "\n"
    }
    return out
  }
}

extension ReplSession {
  /// The session's provider, when one is set and known.
  package var currentProvider: Provider? { provider.flatMap(Provider.named) }

  /// The session provider's catalog, when one is set and known.
  package var catalog: FieldCatalog? { currentProvider?.catalog }

  /// The session's time zone (`:tz`), nil when unset or unknown.
  var zone: TimeZone? { timeZone.flatMap(TimeZone.init(identifier:)) }

  /// The session's provider, clock and zone as binding options; reports and returns nil when the
  /// clock or zone set earlier cannot be read.
  package func bindingOptions() -> BindingOptions? {
    let zone = self.zone ?? ReplCommandTable.utcZone
    if let name = timeZone, self.zone == nil {
      errors.write("error: unknown time zone '\(name)'\n")
      return nil
    }
    var instant = BindingOptions.wallClock()
    if let text = now {
      guard let parsed = BindingOptions.parseNow(text, zone: zone) else {
        errors.write("error: invalid instant '\(text)' (set with :now)\n")
        return nil
      }
      instant = parsed
    }
    return BindingOptions(
      provider: currentProvider, context: BindingContext(now: instant, timeZone: zone), options: [], rest: [])
  }
}
