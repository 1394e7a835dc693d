import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLProviders
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// The rewrite rules of `invoiceql rewrite --rules R`: renames applied to the syntax tree of each
/// saved search, never to its text.
///
/// The rules file is one JSON object:
///
///     {
///       "fields": [
///         {"from": "paymentStatusUpdatedDate", "to": "paymentStatusUpdatedTime", "provider": "elevate"},
///         {"from": "erpData", "to": "erp"}
///       ],
///       "values": [
///         {"field": "status", "from": "written off", "to": "writtenOff", "provider": "rhythm"}
///       ]
///     }
///
/// - A **field rule** renames a dotted field path. It matches a field whose path (inside `any`/`all`,
///   the quantifier's path followed by the field's) equals `from` or begins with all of `from`'s
///   components, so renaming `erpData` also renames `erpData.dueDate`.
/// - A **value rule** renames an enum or string value (a bare word or a quoted string) compared with
///   `field` by `=`, `!=`, `in`, `not in`; `from` matches case-insensitively on an enum field or the
///   canonical `status` (enum values are matched that way), exactly on any other field (strings
///   compare exactly), and `to` is written as a bare word when it can be, quoted otherwise. `field` names
///   the field as the query writes it before or after the field rules.
/// - `provider` (optional) limits a rule to searches whose `provider` member is that provider
///   (compared case-insensitively); a rule without it is canonical and applies to every search.
/// - Rules are applied all at once, not one after another, and a rule set must be idempotent: a
///   rule's `to` may not be matched by another applicable rule's `from` (`a → b` with `b → c`), so
///   rewriting an already rewritten search changes nothing.
public struct RewriteRules: Sendable, Hashable {
  /// Renames a field: `from` → `to` (each a dotted path, one element per component).
  public struct FieldRule: Sendable, Hashable {
    /// The field as searches write it now.
    public var from: [String]
    /// The field it becomes.
    public var to: [String]
    /// Only searches saved for this provider; nil for every search.
    public var provider: String?
    /// A rule renaming `from` to `to`.
    public init(from: [String], to: [String], provider: String? = nil) {
      self.from = from
      self.to = to
      self.provider = provider
    }
  }

  /// Replaces a value compared with one field: `field = from` becomes `field = to`.
  public struct ValueRule: Sendable, Hashable {
    /// The field the value is compared with.
    public var field: [String]
    /// The value as searches write it now.
    public var from: String
    /// The value it becomes.
    public var to: String
    /// Only searches saved for this provider; nil for every search.
    public var provider: String?
    /// A rule replacing `from` with `to` on `field`.
    public init(field: [String], from: String, to: String, provider: String? = nil) {
      self.field = field
      self.from = from
      self.to = to
      self.provider = provider
    }
  }

  /// The field renames.
  public var fields: [FieldRule]
  /// The value replacements.
  public var values: [ValueRule]

  /// A rule set (none by default: rewriting then only retargets and simplifies).
  public init(fields: [FieldRule] = [], values: [ValueRule] = []) {
    self.fields = fields
    self.values = values
  }

  /// Whether there is no rule at all.
  public var isEmpty: Bool { fields.isEmpty && values.isEmpty }

  /// Reads and validates a rules file; every problem is reported, each with its JSON location.
  public static func parse(_ bytes: [UInt8]) throws(RulesError) -> RewriteRules {
    let document: JSONValue
    do {
      document = try JSONValue.parseDocument(bytes)
    } catch {
      let lines = LineTable(bytes)
      throw RulesError(problems: [
        "line \(lines.line(of: error.byteOffset)), column \(lines.column(of: error.byteOffset)): \(error.message)"
      ])
    }
    var problems: [String] = []
    guard case .object(let top) = document else {
      throw RulesError(problems: ["the rules file must be a JSON object with 'fields' and/or 'values'"])
    }
    var rules = RewriteRules()
    for member in top {
      switch member.key {
      case "fields", "values":
        guard case .array(let items) = member.value else {
          problems.append("'\(member.key)' must be an array of objects")
          continue
        }
        for (i, item) in items.enumerated() {
          let at = "\(member.key)[\(i)]"
          if member.key == "fields" {
            if let r = fieldRule(item, at: at, &problems) { rules.fields.append(r) }
          } else if let r = valueRule(item, at: at, &problems) {
            rules.values.append(r)
          }
        }
      default:
        problems.append("unknown member '\(member.key)' (expected 'fields' or 'values')")
      }
    }
    problems += rules.idempotenceProblems()
    guard problems.isEmpty else { throw RulesError(problems: problems) }
    return rules
  }

  private static func members(
    _ item: JSONValue, at: String, required: [String], _ problems: inout [String]
  ) -> [String: String]? {
    guard case .object(let ms) = item else {
      problems.append("\(at): must be an object")
      return nil
    }
    var out: [String: String] = [:]
    var ok = true
    for m in ms {
      guard required.contains(m.key) || m.key == "provider" else {
        problems.append("\(at): unknown member '\(m.key)'")
        ok = false
        continue
      }
      guard case .string(let s) = m.value, !s.isEmpty else {
        problems.append("\(at).\(m.key): must be a non-empty string")
        ok = false
        continue
      }
      out[m.key] = s
    }
    for key in required where out[key] == nil && ok {
      problems.append("\(at): missing '\(key)'")
      ok = false
    }
    return ok ? out : nil
  }

  private static func path(_ text: String, at: String, _ problems: inout [String]) -> [String]? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    guard parts.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }) else {
      problems.append("\(at): '\(text)' is not a dotted field name")
      return nil
    }
    return parts
  }

  private static func fieldRule(_ item: JSONValue, at: String, _ problems: inout [String]) -> FieldRule? {
    guard let m = members(item, at: at, required: ["from", "to"], &problems),
      let from = path(m["from"] ?? "", at: at + ".from", &problems),
      let to = path(m["to"] ?? "", at: at + ".to", &problems)
    else { return nil }
    return FieldRule(from: from, to: to, provider: m["provider"])
  }

  private static func valueRule(_ item: JSONValue, at: String, _ problems: inout [String]) -> ValueRule? {
    guard let m = members(item, at: at, required: ["field", "from", "to"], &problems),
      let field = path(m["field"] ?? "", at: at + ".field", &problems),
      let from = m["from"], let to = m["to"]
    else { return nil }
    return ValueRule(field: field, from: from, to: to, provider: m["provider"])
  }

  /// Whether two rule scopes can apply to the same search.
  static func overlaps(_ a: String?, _ b: String?) -> Bool {
    guard let a, let b else { return true }
    return a.lowercased() == b.lowercased()
  }

  /// Chains and cycles, which would make a second rewrite change the first one's output.
  func idempotenceProblems() -> [String] {
    var problems: [String] = []
    for (i, r) in fields.enumerated() {
      if r.from == r.to {
        problems.append("fields[\(i)]: renames '\(r.from.joined(separator: "."))' to itself")
      }
      for (j, s) in fields.enumerated()
      where i != j && Self.overlaps(r.provider, s.provider)
        && (r.to.starts(with: s.from) || s.from.starts(with: r.to))
      {
        problems.append(
          "fields[\(i)] produces '\(r.to.joined(separator: "."))', which fields[\(j)] renames again; "
            + "rename straight to the final name")
      }
    }
    for (i, r) in fields.enumerated() {
      for (j, s) in fields.enumerated()
      where i < j && r.from == s.from && Self.overlaps(r.provider, s.provider) && r.to != s.to {
        problems.append("fields[\(i)] and fields[\(j)] rename '\(r.from.joined(separator: "."))' differently")
      }
    }
    for (i, r) in values.enumerated() {
      if r.from == r.to {
        problems.append("values[\(i)]: renames '\(r.from)' to itself")
      }
      for (j, s) in values.enumerated()
      where i != j && Self.overlaps(r.provider, s.provider) && r.field == s.field
        && r.to.lowercased() == s.from.lowercased()
      {
        problems.append(
          "values[\(i)] produces '\(r.to)', which values[\(j)] renames again; rename straight to the final value"
        )
      }
      for (j, s) in values.enumerated()
      where i < j && Self.overlaps(r.provider, s.provider) && r.field == s.field
        && r.from.lowercased() == s.from.lowercased() && r.to != s.to
      {
        problems.append("values[\(i)] and values[\(j)] rename '\(r.from)' differently")
      }
    }
    return problems
  }
}

/// An unusable rules file: every problem found, one line each.
public struct RulesError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Each problem, with its JSON location.
  public var problems: [String]
  public var description: String { problems.joined(separator: "\n") }
}
