import InvoiceQLJSON
import InvoiceQLSyntax

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// How a field's JSON value encodes its value, when that is not the plain spelling of its type
/// (the language reference's reading): Unix seconds for dates and instants, integer minor units for money whose
/// scale is another field's currency, an array of which a response may hold only the first page.
///
/// The catalog declares it per field (and per canonical name, which may read the same JSON
/// differently: Stripe's native `total` is an integer of minor units, the canonical `total` the
/// decimal amount); the binder copies it into each `BoundField`, and every evaluator reads values
/// through ``Value/read(_:in:)``, so no provider is special-cased in the language.
package enum FieldEncoding: Sendable, Hashable {
  /// The type's own spelling (`Value.read(_:as:)`).
  case plain
  /// A whole number of seconds since 1970-01-01T00:00:00Z (a JSON integer, or a string spelling
  /// one). A datetime field reads the instant; a date field reads the calendar date in `zone` (the
  /// query's zone, filled in by the binder; nil until then, read as UTC).
  case unixSeconds(zone: TimeZone?)
  /// A whole number of the currency's minor unit: the value is it times 10^-exponent, where the
  /// exponent is `exponents`' for the currency code at `currency` (a path from the same scope as
  /// the field). Unknown when the currency is absent, not a string, or not in the table.
  case minorUnits(currency: [String], exponents: CurrencyExponents)
  /// An array of which a response may hold only the first page: when the boolean member `more`
  /// beside it (in the same object) is `true`, elements are missing, so a quantifier over it is
  /// unknown unless the elements at hand decide it (`any` found a true one, `all` a false one).
  case partialArray(more: String)

  /// The paths (from the field's scope) besides the field's own that reading it needs.
  package func dependencies(of path: [String]) -> [[String]] {
    switch self {
    case .plain, .unixSeconds: []
    case .minorUnits(let currency, _): [currency]
    case .partialArray(let more): [path.dropLast() + [more]]
    }
  }
}

/// The number of decimal places of each currency's minor unit, by lowercase ISO code.
package struct CurrencyExponents: Sendable, Hashable {
  /// Codes whose exponent is not `standard`.
  package var exceptions: [String: Int]
  /// The exponent of every other code.
  package var standard: Int
  /// The codes a value may carry at all (lowercase); a code outside is unknown.
  package var known: Set<String>

  package init(exceptions: [String: Int], standard: Int, known: Set<String>) {
    self.exceptions = exceptions
    self.standard = standard
    self.known = known
  }

  /// The exponent for `code` (matched in lowercase); nil for a code not in `known`.
  package func exponent(of code: String) -> Int? {
    let lower = code.lowercased()
    guard known.contains(lower) else { return nil }
    return exceptions[lower] ?? standard
  }
}

extension BoundField {
  /// The paths from the field's scope that reading it touches: its own and its encoding's.
  package var pathsRead: [[String]] { [path] + encoding.dependencies(of: path) }
}

extension Value {
  /// Reads field `f` of `scope` (the invoice, or one array element) as the language reference and the field's
  /// encoding say; nil means *unknown*. Every evaluator reads through here.
  package static func read(_ f: BoundField, in scope: JSONValue) -> Value? {
    let raw = ReferenceEvaluator.lookup(f.path, in: scope)
    switch f.encoding {
    case .plain, .partialArray:
      return read(raw, as: f.type)
    case .unixSeconds(let zone):
      guard case .decimal(let d)? = read(raw, as: .integer), let seconds = Int(d.description),
        UnixTime.range.contains(seconds)
      else { return nil }
      let instant = Instant(seconds: seconds, fraction: "")
      switch f.type {
      case .dateTime: return .instant(instant)
      case .date: return .date(UnixTime.date(of: instant, in: zone))
      default: return nil
      }
    case .minorUnits(let currency, let exponents):
      guard case .decimal(let units)? = read(raw, as: .integer),
        case .string(let code)? = ReferenceEvaluator.lookup(currency, in: scope),
        let exponent = exponents.exponent(of: code)
      else { return nil }
      return .decimal(units.scaled(by: -exponent))
    }
  }

  /// Whether the partial array `f` (read from `scope`) is known to miss elements.
  package static func isIncomplete(_ f: BoundField, in scope: JSONValue) -> Bool {
    guard case .partialArray(let more) = f.encoding else { return false }
    return ReferenceEvaluator.lookup(f.path.dropLast() + [more], in: scope) == .bool(true)
  }
}

/// Unix seconds as dates and instants.
package enum UnixTime {
  /// The seconds read: 1970-01-01T00:00:00Z up to 9999-12-31T23:59:59Z. Unix time as an API sends
  /// it is never negative; a value outside is unknown, as a date outside the years 1…9999 is. So a
  /// server's integer range `[0, range.upperBound + 1)` holds exactly the readable values.
  package static let range = 0...253_402_300_799

  /// The calendar date of `instant` in `zone` (UTC when nil): the day `d` with
  /// `start(d) <= instant < start(d + 1)`. That is the wall-clock date, except in the hour after a
  /// midnight the clocks repeat, which counts for the day that has begun: so the date never goes
  /// back as time goes on, and a date is exactly one range of seconds.
  package static func date(of instant: Instant, in zone: TimeZone?) -> CivilDate {
    guard let zone else { return instant.utc.date }
    let context = BindingContext(now: instant, timeZone: zone)
    var d = context.local(instant).date
    while instant.seconds < context.startOfDay(d).seconds { d = d.adding(days: -1) }
    while instant.seconds >= context.startOfDay(d.adding(days: 1)).seconds { d = d.adding(days: 1) }
    return d
  }

  /// The first second of `date` in `zone` (UTC when nil): a date is `[start(d), start(d + 1))`.
  package static func start(of date: CivilDate, in zone: TimeZone?) -> Int {
    guard let zone else { return date.daysSinceEpoch * 86_400 }
    return BindingContext(now: Instant(seconds: 0, fraction: ""), timeZone: zone).startOfDay(date).seconds
  }
}
