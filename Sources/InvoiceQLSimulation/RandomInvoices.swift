import InvoiceQL

/// Random invoices shaped by a provider's catalog: every field may be absent, null, of its type in any
/// accepted spelling, or of a wrong type, so evaluation meets every case the language reference names.
package struct RandomInvoices<Random: RandomNumberGenerator> {
  package let catalog: FieldCatalog
  package var rng: Random

  package init(catalog: FieldCatalog, rng: Random) {
    self.catalog = catalog
    self.rng = rng
  }

  mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
  mutating func pick<T>(_ xs: [T]) -> T { xs[Int.random(in: 0..<xs.count, using: &rng)] }

  package mutating func invoice() -> JSONValue { object(under: [], depth: 0) }

  mutating func object(under prefix: [String], depth: Int) -> JSONValue {
    var members: [JSONMember] = []
    for f in catalog.fields
    where f.path.count == prefix.count + 1 && Array(f.path.prefix(prefix.count)) == prefix {
      guard chance(0.6) else { continue }
      members.append(JSONMember(f.path[prefix.count], value(f, depth: depth)))
    }
    return .object(members)
  }

  mutating func value(_ f: FieldDescriptor, depth: Int) -> JSONValue {
    if chance(0.08) { return .null }
    if chance(0.05) { return pick([.bool(true), .string("n/a"), .number("7"), .array([]), .object([])]) }
    switch f.type {
    case .id(let numeric):
      return numeric
        ? pick([.number("5"), .string("5"), .number("501"), .number("5.0")])
        : .string(pick(["5", "inv-1", "X", "BUY-1001"]))
    case .string:
      return .string(pick(["", "EUR", "Café Fleet", "cafe\u{301}", "Partial REFUND", "x", "1001", "DOC-1"]))
    case .enumeration(let values):
      return .string(chance(0.85) && !values.isEmpty ? pick(values) : pick(["other", "OPEN", ""]))
    case .decimal, .integer:
      let n = pick([
        "0", "-0", "100.10", "100.1", "1e2", "-5", "1E-400", "2000", "3.5", "99999999999999999999.01",
      ])
      return chance(0.3) ? .string(n) : .number(n)
    case .boolean:
      return .bool(chance(0.5))
    case .date:
      return .string(
        pick(["2025-05-01", "2025-04-30", "2025-05-15T23:59:59.0000000+00:00", "2024-02-29", "2025-02-30"]))
    case .dateTime:
      return .string(
        pick([
          "2025-04-30T14:30:00.0000000+00:00", "2026-03-10T18:18:59.360Z", "2020-07-21 17:32:28Z",
          "2025-05-01T00:00:00+02:00", "2025-05-01", "2025-03-10T08:00:00", "yesterday",
        ]))
    case .object:
      return depth > 3 ? .object([]) : object(under: f.path, depth: depth + 1)
    case .array(let element):
      guard depth <= 3 else { return .array([]) }
      let n = Int.random(in: 0...3, using: &rng)
      if case .object = element {
        return .array((0..<n).map { _ in object(under: f.path, depth: depth + 1) })
      }
      return .array((0..<n).map { _ in .string(pick(["a", "b"])) })
    }
  }
}
