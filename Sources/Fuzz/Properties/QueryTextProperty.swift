import InvoiceQL

/// Query text, the first thing a user types: lexed, parsed, bound and planned for every provider.
///
/// The property, for any bytes: nothing crashes or hangs; a syntax error carries ranges inside the
/// text; `fmt` keeps the meaning (the formatted text parses to the same tree and binds, on every
/// provider, to the same bound query, or fails with the same kinds of error) and is idempotent;
/// every plan's JSON is valid JSON, and a plan that can match sends a request.
package enum QueryTextProperty {
  /// A fixed clock, so relative dates bind the same way in every run.
  static let context = BindingContext.utc(now: Instant(seconds: 1_746_000_000, fraction: ""))

  /// Each provider's required settings, filled in.
  static let settings: [String: [String: String]] = Dictionary(
    uniqueKeysWithValues: Provider.names.map { provider in
      let names = Provider.named(provider)?.requiredSettings ?? []
      return (provider, Dictionary(uniqueKeysWithValues: names.map { ($0, "t1") }))
    })

  package static func check(_ input: [UInt8]) throws(PropertyViolation) {
    let text = String(decoding: input, as: UTF8.self)
    let length = text.utf8.count
    for token in Lexer.tokens(text) where !within(token.range, length) {
      throw PropertyViolation("token \(token) has a range outside the text (\(length) bytes)")
    }
    let query: Query
    do {
      query = try Parser.parse(text)
    } catch {
      for d in error.diagnostics where !within(d.range, length) {
        throw PropertyViolation(
          "syntax error '\(d.message)' at \(d.range) outside the text (\(length) bytes)")
      }
      _ = error.description
      return
    }
    let formatted = Formatter.format(query)
    let reparsed: Query
    do {
      reparsed = try Parser.parse(formatted)
    } catch {
      throw PropertyViolation("the formatted query does not parse: \(formatted)\n\(error)")
    }
    guard reparsed == query else {
      throw PropertyViolation("formatting changed the syntax tree: \(formatted)")
    }
    let again = Formatter.format(reparsed)
    guard again == formatted else {
      throw PropertyViolation("formatting is not idempotent: \(formatted) → \(again)")
    }
    for provider in Provider.names {
      try checkBinding(query, text, reparsed, formatted, provider)
    }
  }

  static func within(_ range: SourceRange, _ length: Int) -> Bool {
    range.lowerBound >= 0 && range.upperBound <= length
  }

  static func checkBinding(
    _ query: Query, _ text: String, _ reparsed: Query, _ formatted: String, _ provider: String
  )
    throws(PropertyViolation)
  {
    guard let catalog = Provider.named(provider)?.catalog else {
      throw PropertyViolation("no catalog for \(provider)")
    }
    let original: Result<BoundQuery, DiagnosticError>
    let reformatted: Result<BoundQuery, DiagnosticError>
    do {
      original = .success(try Binder.bind(query, catalog: catalog, context: context, source: text))
    } catch {
      original = .failure(error)
    }
    do {
      reformatted = .success(try Binder.bind(reparsed, catalog: catalog, context: context, source: formatted))
    } catch {
      reformatted = .failure(error)
    }
    switch (original, reformatted) {
    case (.success(let a), .success(let b)):
      guard a == b else {
        throw PropertyViolation("\(provider): the formatted query binds differently: \(formatted)")
      }
      try checkPlan(a, provider)
    case (.failure(let a), .failure(let b)):
      let kinds = (a.diagnostics.map(\.kind), b.diagnostics.map(\.kind))
      guard kinds.0 == kinds.1 else {
        throw PropertyViolation(
          "\(provider): the formatted query fails differently: \(kinds.0) vs \(kinds.1)")
      }
      for d in a.diagnostics where !within(d.range, text.utf8.count) {
        throw PropertyViolation("\(provider): binding error '\(d.message)' at \(d.range) outside the text")
      }
      _ = a.description
    case (.success, .failure(let e)):
      throw PropertyViolation("\(provider): binds, but its formatted text \(formatted) does not: \(e)")
    case (.failure(let e), .success):
      throw PropertyViolation("\(provider): fails (\(e)) but its formatted text \(formatted) binds")
    }
  }

  static func checkPlan(_ bound: BoundQuery, _ provider: String) throws(PropertyViolation) {
    let plan: Plan
    do {
      guard let registered = Provider.named(provider) else {
        throw PropertyViolation("\(provider): not a registered provider")
      }
      plan = try registered.plan(bound, settings: settings[provider] ?? [:])
    } catch {
      throw PropertyViolation("\(provider): a bound query does not plan: \(error)")
    }
    guard plan.canMatch == !plan.requests.isEmpty else {
      throw PropertyViolation("\(provider): canMatch \(plan.canMatch) with \(plan.requests.count) requests")
    }
    let json = plan.json()
    do {
      _ = try JSONValue(parsing: json)
    } catch {
      throw PropertyViolation("\(provider): the plan's JSON does not parse (\(error)): \(json)")
    }
  }
}
