import InvoiceQL

extension ReplCommandTable {
  /// The planning area's `:commands`: `:explain` (per conjunct: pushed exactly / as a superset /
  /// residual, and why) and `:plan` (the plan JSON). Settings come from `:set`.
  static let planningCommands: [ReplCommandSpec] = [
    ReplCommandSpec(
      "explain", arguments: "QUERY", summary: "show what is pushed to the provider and what stays residual"
    ) { session, text in
      guard let plan = planForSession(&session, text) else { return .failure }
      session.output.write(plan.explanation)
      return .success
    },
    ReplCommandSpec("plan", arguments: "QUERY", summary: "print the plan JSON for the provider") {
      session, text in
      guard let plan = planForSession(&session, text) else { return .failure }
      session.output.write(
        QueryPlan(plan, timeZone: session.bindingOptions()?.context.timeZone ?? QueryPlan.utc).json + "\n")
      return .success
    },
  ]

  /// Binds `text` with the session's provider, clock and zone and plans it with its settings;
  /// reports any problem on the session's error sink.
  static func planForSession(_ session: inout ReplSession, _ text: String) -> Plan? {
    guard let provider = session.currentProvider else {
      session.errors.write("error: no provider set\n = help: choose one with :provider NAME\n")
      return nil
    }
    guard !text.isEmpty else {
      session.errors.write("error: missing QUERY\n")
      return nil
    }
    guard let options = session.bindingOptions(),
      let bound = bindQuery(text, options, reportingTo: session.errors)
    else { return nil }
    do {
      return try provider.plan(bound.bound, settings: session.settings)
    } catch {
      session.errors.write("error: \(error.message)\n")
      return nil
    }
  }
}
