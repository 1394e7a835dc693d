import InvoiceQL

/// Queries bound once per provider, for the fuzzers that need a filter rather than query text: one
/// predicate per catalog field (through arrays too), plus a few compound ones and the empty filter.
enum ProviderQueries {
  static let context = BindingContext.utc(now: Instant(seconds: 1_746_000_000, fraction: ""))

  /// The bound filters of `provider`, in a fixed order.
  static func filters(_ provider: String) -> [BoundExpression] {
    cache[provider] ?? []
  }

  private static let cache: [String: [BoundExpression]] = Dictionary(
    uniqueKeysWithValues: Provider.names.map { ($0, build($0)) })

  /// One predicate per field of the catalog, spelled with the provider's own names.
  static func atoms(_ catalog: FieldCatalog) -> [String] {
    var out: [String] = []
    for f in catalog.fields {
      let name = Formatter.format(FieldPath(f.path, range: .at(0)))
      switch f.type {
      case .id(numeric: true): out += ["\(name) = 5", "\(name) != 501"]
      case .id(numeric: false): out += ["\(name) in (\"5\", \"inv-1\")"]
      case .string: out += ["\(name) = \"EUR\"", "\(name) contains \"fe\"", "\(name) < \"x\""]
      case .enumeration(let values):
        if let first = values.first(where: { !$0.isEmpty }) {
          out.append("\(name) = \(Formatter.format(Literal(.string(first), range: .at(0))))")
        }
      case .decimal, .integer: out += ["\(name) > 100.1", "\(name) between -5 and 1e2"]
      case .date: out += ["\(name) < 2025-05-01", "\(name) = 2025-04-30"]
      case .dateTime: out += ["\(name) >= 2025-04-30T14:30:00Z", "\(name) = 2025-05-01"]
      case .boolean: out += ["\(name) = true"]
      case .array: out += ["\(name) is null"]
      case .object: out += ["\(name) is not null"]
      }
    }
    return out
  }

  static func build(_ provider: String) -> [BoundExpression] {
    guard let catalog = Provider.named(provider)?.catalog else { return [] }
    let atoms = atoms(catalog)
    var texts = [""] + atoms
    for (i, atom) in atoms.enumerated() where i + 1 < atoms.count {
      texts.append(i % 2 == 0 ? "\(atom) or not (\(atoms[i + 1]))" : "not (\(atom) and \(atoms[i + 1]))")
    }
    return texts.compactMap { text in
      guard let query = try? Parser.parse(text),
        let bound = try? Binder.bind(query, catalog: catalog, context: context)
      else { return nil }
      return bound.filter
    }
  }
}

/// A small seeded generator (SplitMix64), so a fuzz input decides its chunk sizes reproducibly.
struct FuzzRandom: RandomNumberGenerator {
  private var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
