import Foundation
import InvoiceQL

/// Random bound queries and invoice sets per provider, over the fields each API can filter on plus a
/// few it cannot and arrays to quantify over, with values chosen to sit on every boundary the
/// dialects widen or quote, at the calendar's edges and at the bounds the APIs document.
struct ProviderQueryGenerator {
  let provider: String
  /// The provider's rows: fields, arrays, edge values (`ProviderTestRows`).
  let rows: ProviderTestRows
  /// The invoice's fields and arrays the queries read.
  let top: QueryScope

  /// Each provider's arrays and settings (`ProviderTestRows`, beside its own tests), by name.
  static var arrayPaths: [String: [String: [String]]] { ProviderTestRows.all.mapValues(\.arrayPaths) }
  static var settings: [String: [String: String]] { ProviderTestRows.all.mapValues(\.settings) }

  init(provider: String) {
    self.provider = provider
    let rows = ProviderTestRows.of(provider)
    self.rows = rows
    let catalog = Provider.named(provider)?.catalog
    let arrays = rows.arrayPaths
    func scope(_ prefix: [String], _ names: [String]) -> QueryScope {
      var out = QueryScope()
      for name in names {
        var relative = name.split(separator: ".").map(String.init)
        var path = prefix + relative
        var view = catalog?.field(at: path).map { FieldView($0.type, $0.encoding) }
        // A canonical name read its own way (the binder resolves canonical names first).
        if prefix.isEmpty, let c = catalog, let mapped = c.canonicalFields[name],
          c.canonicalViews[name] != nil || view == nil
        {
          relative = mapped
          path = mapped
          view = c.canonicalViews[name] ?? c.field(at: mapped).map { FieldView($0.type, $0.encoding) }
        }
        guard var view else { continue }
        if case .unixSeconds = view.encoding {
          view.encoding = .unixSeconds(zone: view.type == .date ? Self.utc : nil)
        }
        let field = BoundField(path: relative, type: view.type, name: name, encoding: view.encoding)
        let dotted = path.joined(separator: ".")
        if case .array = view.type, let inner = arrays[dotted] {
          out.arrays.append((field, scope(path, inner)))
        } else {
          out.fields.append(field)
        }
      }
      return out
    }
    // Arrays inside another listed array's element are reached through it.
    let roots = arrays.keys.filter { key in !arrays.keys.contains { key.hasPrefix($0 + ".") } }
    top = scope([], rows.fieldPaths + roots.sorted())
  }

  static let utc = TimeZone(identifier: "UTC")

  /// Every field the queries read at the invoice level.
  var fields: [BoundField] { top.fields }

  func queryValue(_ f: BoundField, _ r: inout PlanningRandom) -> Value {
    if case .enumeration = f.type, let values = rows.enumValues[f.name] {
      return .string(r.pick(values.filter { $0 == $0.lowercased() }))
    }
    if f.type == .decimal, let extra = rows.numbers, r.chance(50) {
      return .decimal(r.pick(EdgeValues.decimals(extra)))
    }
    switch f.type {
    case .id(numeric: true): return .decimal(r.pick(EdgeValues.numericIds(provider, f)))
    case .id(numeric: false): return .string(r.pick(["A1", "a1", "B,2", "C\"3", "D'4", "E/(5)"]))
    case .enumeration(let values): return .string(r.pick(Array(values.prefix(4))))
    case .integer: return .decimal(r.pick(EdgeValues.decimals(["1", "2", "1001", "0", "-7"])))
    case .decimal: return .decimal(r.pick(EdgeValues.decimals(EdgeValues.numbers)))
    case .date: return .date(r.chance(85) ? r.pick(EdgeValues.days) : r.pick(EdgeValues.edgeDays))
    case .dateTime:
      return .instant(r.chance(85) ? r.pick(EdgeValues.instants) : r.pick(EdgeValues.edgeInstants))
    case .boolean: return .boolean(r.chance(50))
    default: return .string(r.pick(EdgeValues.texts))
    }
  }

  func dataValue(_ f: BoundField, _ r: inout PlanningRandom) -> JSONValue {
    if case .enumeration = f.type, let values = rows.enumValues[f.path.joined(separator: ".")] {
      return .string(r.pick(values))
    }
    switch f.encoding {
    case .unixSeconds:
      // Around the starts of the days the queries name, and at the readable range's ends.
      let day = (r.chance(85) ? r.pick(EdgeValues.days) : r.pick(EdgeValues.edgeDays)).daysSinceEpoch * 86_400
      let s =
        r.chance(90)
        ? day + r.pick([0, -1, 1, 43_200, 86_399, 3_600]) : r.pick([0, -1, 253_402_300_799, 253_402_300_800])
      return r.chance(90) ? .number(String(s)) : .string(r.chance(50) ? String(s) : "\(s).5")
    case .minorUnits:
      let n = r.pick(["0", "1", "500", "5000", "5124", "5125", "4999", "12000", "12500", "1250000", "-500"])
      return r.chance(90) ? .number(n) : .string(r.chance(50) ? n : "5.5")
    default: break
    }
    if rows.numbers != nil, f.type == .integer, r.chance(50) {
      return .number(r.pick(["5124", "4999", "12000", "500"]))
    }
    switch f.type {
    case .id(numeric: true):
      return r.chance(80) ? .number(r.pick(["1", "2", "3", "4", "0", "-7"])) : .string("2")
    case .id(numeric: false): return .string(r.pick(["A1", "a1", "B,2", "C\"3", "D'4", "B", "E/(5)"]))
    case .enumeration(let values):
      let v = r.pick(Array(values.prefix(4)))
      return .string(r.chance(20) ? v.lowercased() : v)
    case .decimal, .integer:
      return r.chance(85)
        ? .number(r.pick(EdgeValues.numbers + ["1e2", "1001", "-7"])) : .string(r.pick(["5.0", "n/a"]))
    case .date:
      let d = r.chance(80) ? r.pick(EdgeValues.days) : r.pick(EdgeValues.edgeDays)
      switch r.next() % 4 {
      case 0: return .string(d.description)
      case 1: return .string("\(d)T23:30:00.0000000-05:00")
      case 2: return .string("\(d)T00:30:00+02:00")
      default: return .string(r.chance(50) ? "\(d)T12:00:00Z" : "n/a")
      }
    case .dateTime:
      let i = r.chance(80) ? r.pick(EdgeValues.instants) : r.pick(EdgeValues.edgeInstants)
      let spellings = EdgeValues.spellings(i)
      return spellings.isEmpty ? .string("n/a") : .string(r.pick(spellings))
    case .boolean: return .bool(r.chance(50))
    default: return .string(r.pick(EdgeValues.texts))
    }
  }

  func atom(_ f: BoundField, _ r: inout PlanningRandom) -> BoundExpression {
    let unordered: Bool
    switch f.type {
    case .id, .enumeration, .boolean: unordered = true
    default: unordered = false
    }
    switch r.next() % 10 {
    case 0: return .predicate(.isNull(f, negated: r.chance(50)))
    case 1, 2:
      let n = 1 + Int(r.next() % 3)
      return .predicate(.member(f, (0..<n).map { _ in queryValue(f, &r) }, negated: r.chance(25)))
    case 3 where f.type == .string:
      return .predicate(.text(f, r.pick(TextOperator.allCases), r.pick(["in", "X", "é"])))
    default:
      let ops: [ComparisonOperator] = unordered ? [.equal, .equal, .notEqual] : ComparisonOperator.allCases
      return .predicate(.compare(f, r.pick(ops), queryValue(f, &r)))
    }
  }

  func expression(_ r: inout PlanningRandom, depth: Int) -> BoundExpression {
    expression(&r, depth: depth, in: top)
  }

  func expression(_ r: inout PlanningRandom, depth: Int, in scope: QueryScope) -> BoundExpression {
    if !scope.arrays.isEmpty, r.chance(12) {
      let (array, element) = r.pick(scope.arrays)
      let body =
        r.chance(40)
        ? decided(&r, in: element, truth: r.chance(50))
        : expression(&r, depth: max(0, depth - 1), in: element)
      return .quantified(r.pick(Quantifier.allCases), array, body)
    }
    if depth == 0 || r.chance(35) || scope.fields.isEmpty {
      guard !scope.fields.isEmpty else { return decided(&r, in: scope, truth: r.chance(50)) }
      return atom(r.pick(scope.fields), &r)
    }
    switch r.next() % 7 {
    case 0, 1, 2:
      return .and((0..<(2 + Int(r.next() % 2))).map { _ in expression(&r, depth: depth - 1, in: scope) })
    case 3, 4: return .or((0..<2).map { _ in expression(&r, depth: depth - 1, in: scope) })
    default: return .not(expression(&r, depth: depth - 1, in: scope))
    }
  }

  /// A contradiction (`truth` false) or a tautology over one field of the scope, in the shapes a
  /// person writes them: `f is null and f is not null`, `q > 5 and q < 3`, `f = v and f != v`.
  func decided(_ r: inout PlanningRandom, in scope: QueryScope, truth: Bool) -> BoundExpression {
    guard let f = scope.fields.isEmpty ? nil : r.pick(scope.fields) else {
      return .constant(truth)
    }
    let isNull = BoundExpression.predicate(.isNull(f, negated: false))
    let isNotNull = BoundExpression.predicate(.isNull(f, negated: true))
    let v = queryValue(f, &r)
    let w = queryValue(f, &r)
    let form = r.next() % 4
    if truth {
      switch form {
      case 0, 1: return .or([isNull, isNotNull])
      case 2: return .not(.and([isNull, isNotNull]))
      default:
        return .or([.predicate(.compare(f, .equal, v)), .predicate(.compare(f, .notEqual, v)), isNull])
      }
    }
    switch form {
    case 0: return .and([isNull, isNotNull])
    case 1 where f.type.isOrdered:
      let (lo, hi) = Value.order(v, w).map { $0 <= 0 } ?? true ? (v, w) : (w, v)
      return .and([.predicate(.compare(f, .greater, hi)), .predicate(.compare(f, .less, lo))])
    case 2: return .and([.predicate(.compare(f, .equal, v)), .predicate(.compare(f, .notEqual, v))])
    default:
      return .and([
        .predicate(.member(f, [v, w], negated: false)), .predicate(.member(f, [v, w], negated: true)),
      ])
    }
  }

  /// Invoices with unique ids (so answers can be compared by id) and random other fields.
  func invoices(_ r: inout PlanningRandom, count: Int) -> [JSONValue] {
    (0..<count).map { k in
      let idType = Provider.named(provider)?.catalog.field(at: ["id"])?.type
      let id: JSONValue =
        idType == .id(numeric: true)
        ? .number(String(k + 1))
        : .string(["A1", "a1", "B,2", "C\"3", "D'4", "B"][k % 6] + (k >= 6 ? "-\(k)" : ""))
      guard case .object(let members) = object(top, &r, depth: 0) else { return .object([]) }
      return .object([JSONMember("id", id)] + members.filter { $0.key != "id" })
    }
  }

  /// An object with random values for the scope's fields (some absent or null) and arrays that are
  /// absent, null, not arrays, empty, or hold elements (some of them not objects).
  func object(_ scope: QueryScope, _ r: inout PlanningRandom, depth: Int) -> JSONValue {
    var members: [String: [JSONMember]] = [:]
    var top: [JSONMember] = []
    for f in scope.fields where f.path != ["id"] {
      let roll = r.next() % 8
      if roll == 0 { continue }
      let value: JSONValue = roll == 1 ? .null : dataValue(f, &r)
      if f.path.count == 1 {
        top.append(JSONMember(f.path[0], value))
      } else {
        members[f.path[0], default: []].append(JSONMember(f.path.dropFirst().joined(separator: "."), value))
      }
    }
    for (array, element) in scope.arrays where array.path.count > 1 {
      // A nested array (stripe `lines.data`) sits in its object, with the flag of a partial one.
      guard let value = arrayValue(element, &r, depth: depth) else { continue }
      let rest = array.path.dropFirst().joined(separator: ".")
      members[array.path[0], default: []].append(JSONMember(rest, value))
      if case .partialArray(let more) = array.encoding, r.chance(80) {
        let flag = array.path.dropFirst().dropLast() + [more]
        members[array.path[0], default: []].append(
          JSONMember(flag.joined(separator: "."), .bool(r.chance(40))))
      }
    }
    for (key, inner) in members.sorted(by: { $0.key < $1.key }) {
      top.append(JSONMember(key, Self.nest(inner)))
    }
    for (array, element) in scope.arrays where array.path.count == 1 {
      let value: JSONValue
      switch r.next() % 10 {
      case 0: continue
      case 1: value = .null
      case 2: value = r.chance(50) ? .string("not an array") : .object([])
      case 3: value = .array([])
      default:
        value = .array(
          (0..<(1 + Int(r.next() % 3))).map { _ in
            r.chance(10) ? .number("5") : object(element, &r, depth: depth + 1)
          })
      }
      top.append(JSONMember(array.path.joined(separator: "."), value))
    }
    return .object(top)
  }

  /// An array's value: absent (nil), null, not an array, empty, or elements (some not objects).
  func arrayValue(_ element: QueryScope, _ r: inout PlanningRandom, depth: Int) -> JSONValue? {
    switch r.next() % 10 {
    case 0: return nil
    case 1: return .null
    case 2: return r.chance(50) ? .string("not an array") : .object([])
    case 3: return .array([])
    default:
      return .array(
        (0..<(1 + Int(r.next() % 3))).map { _ in
          r.chance(10) ? .number("5") : object(element, &r, depth: depth + 1)
        })
    }
  }

  /// `{"a.b": v}` members into nested objects.
  static func nest(_ members: [JSONMember]) -> JSONValue {
    var out: [JSONMember] = []
    var groups: [String: [JSONMember]] = [:]
    var order: [String] = []
    for m in members {
      let parts = m.key.split(separator: ".", maxSplits: 1).map(String.init)
      if parts.count == 1 {
        out.append(m)
      } else {
        if groups[parts[0]] == nil { order.append(parts[0]) }
        groups[parts[0], default: []].append(JSONMember(parts[1], m.value))
      }
    }
    for k in order { out.append(JSONMember(k, nest(groups[k] ?? []))) }
    return .object(out)
  }
}

/// The fields a query reads in one scope (the invoice, or an array's element) and the arrays there.
struct QueryScope {
  var fields: [BoundField] = []
  var arrays: [(array: BoundField, element: QueryScope)] = []
}
