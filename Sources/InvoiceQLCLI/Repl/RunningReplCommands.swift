import Foundation
import InvoiceQL
import InvoiceQLClient

extension ReplCommandTable {
  /// The commands that choose where queries read invoices and how matches print: `:sample`,
  /// `:load FILE`, `:connect URL`, `:header`, `:columns`, `:json`. Each confirms what it set.
  static let runningCommands: [ReplCommandSpec] = [
    ReplCommandSpec("sample", summary: "run queries over the provider's bundled sample page (the default)") {
      session, _ in
      session.source = .sample
      session.output.write("source: the provider's bundled sample page\n")
      return .success
    },
    ReplCommandSpec("load", arguments: "FILE", summary: "run queries over a response body saved in FILE") {
      session, text in
      guard !text.isEmpty else {
        session.errors.write(
          "error: missing FILE\n = help: :load page.json (save one with: invoiceql sample)\n")
        return .failure
      }
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: text, isDirectory: &isDirectory), !isDirectory.boolValue,
        FileManager.default.isReadableFile(atPath: text)
      else {
        session.errors.write("error: cannot read '\(text)'\n")
        return .failure
      }
      session.source = .file(text)
      session.output.write("source: \(text)\n")
      return .success
    },
    ReplCommandSpec(
      "connect", arguments: "URL",
      summary: "run queries against the live API at URL (:header and :set for it)"
    ) { session, text in
      guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
        scheme == "http" || scheme == "https",
        url.host != nil
      else {
        session.errors.write("error: expected an http(s) URL, like :connect https://api.example.com\n")
        return .failure
      }
      session.source = .api(text)
      var message = "source: \(text)"
      if let provider = session.currentProvider {
        let missing = provider.settings.filter {
          $0.defaultValue == nil && (session.settings[$0.name] ?? "").isEmpty
        }
        if !missing.isEmpty {
          message +=
            "\n\(provider.name) needs: "
            + missing.map { ":set \($0.name)=\($0.example)" }.joined(separator: "  ")
        }
      }
      session.output.write(message + "\n")
      return .success
    },
    ReplCommandSpec(
      "header", arguments: "NAME: VALUE", summary: "send a header to the API (NAME: alone removes it)"
    ) { session, text in
      guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else {
        session.errors.write("error: expected NAME: VALUE, like :header Authorization: Bearer TOKEN\n")
        return .failure
      }
      let name = String(text[..<colon]).trimmingWhitespace()
      let value = String(text[text.index(after: colon)...]).trimmingWhitespace()
      guard !(name + value).unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
        session.errors.write("error: a header may not hold control characters\n")
        return .failure
      }
      session.headers[name] = value.isEmpty ? nil : value
      session.output.write(value.isEmpty ? "header \(name) removed\n" : "header \(name) set\n")
      return .success
    },
    ReplCommandSpec(
      "columns", arguments: "[A,B.C]", summary: "the table's columns (none: id and the query's fields)"
    ) {
      session, text in
      session.columns = text.isEmpty ? nil : text
      session.output.write(
        text.isEmpty ? "columns: id and the fields each query mentions\n" : "columns: \(text)\n")
      return .success
    },
    ReplCommandSpec(
      "json", arguments: "[on|off]", summary: "print matches as raw JSON lines instead of a table"
    ) {
      session, text in
      switch text.lowercased() {
      case "": session.showsJSON.toggle()
      case "on": session.showsJSON = true
      case "off": session.showsJSON = false
      default:
        session.errors.write("error: :json takes on or off\n")
        return .failure
      }
      session.output.write(session.showsJSON ? "matches print as JSON lines\n" : "matches print as a table\n")
      return .success
    },
  ]

  /// With a provider set, a query line prints one line on what is pushed to the server and what
  /// the client checks, then the matches from the session's source. Without one, its canonical form.
  static let runningQueryHandler: ReplQueryHandler = { session, text in
    guard let provider = session.currentProvider else { return printCanonicalForm(&session, text) }
    guard let options = session.bindingOptions(),
      let bound = bindQuery(text, options, reportingTo: session.errors)
    else { return .failure }
    // The sample and a file stand in for the server's answer, so settings only shape the request
    // shown; an API needs the real ones.
    var settings = session.settings
    if case .api = session.source {
    } else {
      settings = provider.exampleSettings.merging(session.settings) { $1 }
    }
    let plan: Plan
    do {
      plan = try provider.plan(bound.bound, settings: settings)
    } catch {
      session.errors.write("error: \((error as? PlanningError)?.message ?? "\(error)")\n")
      return .failure
    }
    // Cleared before the plan line shows: a Ctrl-C pressed once it is on screen must stop the query.
    ReplInterrupt.reset()
    session.output.write(planLine(plan, style: session.style) + "\n")
    let catalog = provider.catalog
    let columns =
      session.columns.map { MatchColumn.parseList($0, catalog: catalog) }
      ?? MatchColumn.mentioned(by: bound.syntax, catalog: catalog)
    var writer = MatchWriter(
      format: session.showsJSON ? .ndjson : .table, columns: columns, sink: session.output,
      style: session.style)
    let outcome: ReplRunOutcome
    switch session.source {
    case .sample:
      outcome = ReplQueryRunner.filter(
        bytes: Array(provider.sample.body.utf8), bound: bound.bound, provider: provider, writer: &writer)
    case .file(let path):
      outcome = ReplQueryRunner.filter(file: path, bound: bound.bound, provider: provider, writer: &writer)
    case .api(let base):
      guard let url = URL(string: base) else {
        session.errors.write("error: '\(base)' is not a URL; set the API with :connect URL\n")
        return .failure
      }
      let endpoint = ProviderEndpoint(
        provider: provider, baseURL: url, settings: settings, headers: session.headers)
      outcome = ReplQueryRunner.fetch(
        plan: plan, endpoint: endpoint, progressSink: session.errors, writer: &writer)
    }
    writer.finish()
    let note: String
    switch session.source {
    case .sample: note = "\(outcome.scanned) invoices in \(provider.name)'s sample"
    case .file(let path): note = "\(outcome.scanned) invoices in \(path)"
    case .api:
      note = "\(outcome.scanned) invoices scanned over \(outcome.pages) page\(outcome.pages == 1 ? "" : "s")"
    }
    if !session.showsJSON { session.output.write(session.style.dim("(\(note))") + "\n") }
    if outcome.interrupted {
      session.errors.write("interrupted: \(writer.count) match\(writer.count == 1 ? "" : "es") so far\n")
      ReplInterrupt.reset()
      return .failure
    }
    if let error = outcome.error {
      session.errors.write("error: \(error)\n")
      return .failure
    }
    return .success
  }

  /// One line: what the server applies (exactly, or as a superset the client narrows) and what
  /// the client checks.
  static func planLine(_ plan: Plan, style: TerminalStyle) -> String {
    guard plan.canMatch else { return style.yellow("plan: no invoice can match; nothing is requested") }
    let pushed =
      plan.pushed.isEmpty
      ? "nothing"
      : plan.pushed.map { "\($0.predicate) [\($0.exactness.rawValue)]" }.joined(separator: ", ")
    var server: [String] = []
    var client: [String] = []
    if !plan.sort.isEmpty {
      if plan.sortPushed { server.append("sort") } else { client.append("sort") }
    }
    if plan.limit != nil {
      if plan.limitPushed { server.append("limit") } else { client.append("limit") }
    }
    let serverClauses = server.isEmpty ? "" : " (+ " + server.joined(separator: ", ") + ")"
    let clientClauses = client.isEmpty ? "" : " (+ " + client.joined(separator: ", ") + ")"
    let residual = plan.residualText ?? (client.isEmpty ? "nothing more" : "no condition")
    return style.cyan("server:") + " \(pushed)\(serverClauses)  " + style.cyan("client:")
      + " \(residual)\(clientClauses)"
  }
}
