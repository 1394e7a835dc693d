import InvoiceQLJSON
import InvoiceQLSyntax

/// The type of a field in a provider's response, as its documentation gives it.
package indirect enum FieldType: Sendable, Hashable {
  /// An identifier: `=`, `!=`, `in`, `not in` only. `numeric` ids (JSON integers) compare numerically,
  /// so `id = "5"` matches the integer 5.
  case id(numeric: Bool)
  case string
  /// A string with a documented set of values; a query value is matched case-insensitively against
  /// these and then compared exactly.
  case enumeration([String])
  /// An exact decimal (money). JSON numbers or numeric strings.
  case decimal
  /// A whole number (rhythm's `number`); compared as a decimal.
  case integer
  case boolean
  /// A calendar date; a datetime value counts by its date as written.
  case date
  /// An instant; values without an offset are UTC.
  case dateTime
  /// A nested object whose own fields are listed in the catalog under this path.
  case object
  /// An array; `element` is `.object` for arrays of objects whose fields are listed under this path.
  case array(element: FieldType)

  /// Whether `<`, `<=`, `>`, `>=`, `between` apply.
  package var isOrdered: Bool {
    switch self {
    case .string, .decimal, .integer, .date, .dateTime: true
    default: false
    }
  }
}

/// One field of a provider's invoice.
package struct FieldDescriptor: Sendable, Hashable {
  /// JSON keys from the invoice object (or, under an array, from the array's element).
  /// `["line_items", "product_id"]` is the `product_id` of each element of the `line_items` array.
  package var path: [String]
  package var type: FieldType
  /// Whether the documentation allows the field to be absent or `null`.
  package var nullable: Bool
  /// What the documentation says, for `:fields`.
  package var summary: String
  /// For a deprecated field, the field that replaces it.
  package var replacedBy: [String]?
  /// How its JSON encodes the value when used by its own name.
  package var encoding: FieldEncoding
  /// For an open map — an object whose keys are not documented but free, each holding a value of
  /// one type (Stripe's `metadata`: any key, string values) — that type; nil for an object whose
  /// fields the catalog lists, and for anything else. Each key is then a field of the catalog
  /// (`metadata.plan`), nullable (any key may be missing): see `FieldCatalog.field(at:)`.
  package var openMapValues: FieldType?

  package init(
    _ path: [String], _ type: FieldType, nullable: Bool = true, summary: String = "",
    replacedBy: [String]? = nil, encoding: FieldEncoding = .plain, openMapValues: FieldType? = nil
  ) {
    self.path = path
    self.type = type
    self.nullable = nullable
    self.summary = summary
    self.replacedBy = replacedBy
    self.encoding = encoding
    self.openMapValues = openMapValues
  }

  /// `erpData.dueDate`.
  package var dottedName: String {
    // Most fields are one key: that key, without joining.
    path.count == 1 ? path[0] : path.joined(separator: ".")
  }
}

/// Every field a provider's invoice carries: data the binder, planner and evaluator share.
package struct FieldCatalog: Sendable, Hashable {
  /// The provider's name in the project (`rhythm`, `elevate`, …).
  package var provider: String {
    get { storage.provider }
    set { storage = Storage(storage, provider: newValue) }
  }
  package var fields: [FieldDescriptor] {
    get { storage.fields }
    set { rebuild(fields: newValue) }
  }
  /// Canonical names (the canonical vocabulary) mapped to this provider's field paths.
  package var canonicalFields: [String: [String]] {
    get { storage.canonicalFields }
    set { rebuild(canonicalFields: newValue) }
  }
  /// Canonical status values mapped to this provider's status values; an empty list is "—".
  package var canonicalStatuses: [String: [String]] {
    get { storage.canonicalStatuses }
    set { rebuild(canonicalStatuses: newValue) }
  }
  /// Canonical names that read their field differently from its own name (Stripe's canonical
  /// `total` is a decimal from the native integer of minor units; `issueDate` a date from Unix
  /// seconds): the type and encoding the canonical name binds to.
  package var canonicalViews: [String: FieldView] {
    get { storage.canonicalViews }
    set { rebuild(canonicalViews: newValue) }
  }
  /// All of the above and what is worked out from them, behind one reference: a catalog is copied
  /// several times for every search rewritten (into every binding, every merge of a group), and
  /// each stored reference is a retain and a release.
  private var storage: Storage

  package init(
    provider: String, fields: [FieldDescriptor], canonicalFields: [String: [String]],
    canonicalStatuses: [String: [String]], canonicalViews: [String: FieldView] = [:]
  ) {
    storage = Storage(
      provider: provider, fields: fields, canonicalFields: canonicalFields,
      canonicalStatuses: canonicalStatuses, canonicalViews: canonicalViews)
    storage = Storage(storage, names: resolvedNames())
  }

  /// Works the lookups out again for new fields, canonical names, statuses or views: the lookups
  /// first, then the names resolved through them (an enum name's spellings take the statuses).
  private mutating func rebuild(
    fields: [FieldDescriptor]? = nil, canonicalFields: [String: [String]]? = nil,
    canonicalStatuses: [String: [String]]? = nil, canonicalViews: [String: FieldView]? = nil
  ) {
    let fields = fields ?? self.fields
    let canonicalFields = canonicalFields ?? self.canonicalFields
    let canonicalStatuses = canonicalStatuses ?? self.canonicalStatuses
    let canonicalViews = canonicalViews ?? self.canonicalViews
    storage = Storage(
      provider: provider, fields: fields, canonicalFields: canonicalFields,
      canonicalStatuses: canonicalStatuses, canonicalViews: canonicalViews)
    storage = Storage(storage, names: resolvedNames())
  }

  /// Every one-word name outside quantifiers that resolves, resolved through the lookups.
  private func resolvedNames() -> NameTable {
    var names: [String: NameResolution] = [:]
    for name in CanonicalVocabulary.fieldNames {
      if case .resolved(let r) = resolution(of: [name], scope: []) {
        names[name] = r.withEnumSpellings(canonicalStatuses)
      }
    }
    for field in fields where field.path.count == 1 && names[field.path[0]] == nil {
      if case .resolved(let r) = resolution(of: field.path, scope: []) {
        names[field.path[0]] = r.withEnumSpellings(canonicalStatuses)
      }
    }
    return NameTable(names)
  }

  /// How a one-word name written outside quantifiers resolves (`resolution(of: [name], scope: [])`
  /// when that resolves), looked up: the binder asks it for nearly every name of every query.
  func topLevelResolution(_ name: String) -> NameResolution? {
    storage.names.resolution(of: name)
  }

  /// Every name a query can write outside quantifiers: the canonical names this provider maps,
  /// then each field's dotted path (did-you-mean's candidates, asked for every unknown name).
  package var topLevelNames: [String] { storage.topLevelNames }
  /// `topLevelNames` lowercased, in the same order.
  package var foldedTopLevelNames: [String] { storage.foldedTopLevelNames }

  /// Every stored property but the derived lookups: a property added to the catalog belongs here
  /// (and may join `hash(into:)`'s subset).
  package static func == (a: FieldCatalog, b: FieldCatalog) -> Bool {
    a.storage === b.storage
      || (a.provider == b.provider && a.fields == b.fields && a.canonicalFields == b.canonicalFields
        && a.canonicalStatuses == b.canonicalStatuses && a.canonicalViews == b.canonicalViews)
  }

  package func hash(into h: inout Hasher) {
    h.combine(provider)
    h.combine(fields)
  }

  private final class Storage: Sendable {
    let provider: String
    let fields: [FieldDescriptor]
    let canonicalFields: [String: [String]]
    let canonicalStatuses: [String: [String]]
    let canonicalViews: [String: FieldView]
    /// Where each path's (first) field is in `fields`: `field(at:)` runs for every name of every
    /// query bound, so it is a lookup, not a scan.
    let positions: [[String]: Int]
    let topLevelNames: [String]
    let foldedTopLevelNames: [String]
    /// Every one-word name outside quantifiers that resolves, resolved (see `topLevelResolution`).
    let names: NameTable

    /// The parts with their lookups, but no names resolved yet (that takes the lookups).
    init(
      provider: String, fields: [FieldDescriptor], canonicalFields: [String: [String]],
      canonicalStatuses: [String: [String]], canonicalViews: [String: FieldView]
    ) {
      self.provider = provider
      self.fields = fields
      self.canonicalFields = canonicalFields
      self.canonicalStatuses = canonicalStatuses
      self.canonicalViews = canonicalViews
      var positions: [[String]: Int] = [:]
      positions.reserveCapacity(fields.count)
      for (i, field) in fields.enumerated() where positions[field.path] == nil { positions[field.path] = i }
      self.positions = positions
      topLevelNames =
        CanonicalVocabulary.fieldNames.filter { canonicalFields[$0] != nil }
        + fields.filter { !$0.path.isEmpty }.map(\.dottedName)
      // `lowercased()` is `foldedLowercase` (which maps an ASCII name's capitals itself, through
      // a new array): the same text, for less.
      foldedTopLevelNames = topLevelNames.map { $0.lowercased() }
      names = NameTable([:])
    }

    /// `base` with the resolved names `names`, or another provider name (which changes no lookup
    /// and no resolved name), or both; the rest as it is.
    init(_ base: Storage, provider: String? = nil, names: NameTable? = nil) {
      self.provider = provider ?? base.provider
      fields = base.fields
      canonicalFields = base.canonicalFields
      canonicalStatuses = base.canonicalStatuses
      canonicalViews = base.canonicalViews
      positions = base.positions
      topLevelNames = base.topLevelNames
      foldedTopLevelNames = base.foldedTopLevelNames
      self.names = names ?? base.names
    }
  }

  /// The paths besides `path` (from the same scope) that reading the field at `path` may need, by
  /// its own name or any canonical name: a sort key's projection must hold them.
  package func dependencies(of path: [String]) -> [[String]] {
    var out = field(at: path)?.encoding.dependencies(of: path) ?? []
    for (name, view) in canonicalViews.sorted(by: { $0.key < $1.key }) where canonicalFields[name] == path {
      out += view.encoding.dependencies(of: path)
    }
    return out
  }

  /// The field at exactly this path: a listed one, or a key of an open map (`metadata.plan`: a
  /// nullable field of the map's value type). A key holding a `.` is not one: a dotted name could
  /// not tell it from a path, so no query, projection or plan could name it; nor is one holding a
  /// line break, which not even a backquoted name can hold.
  package func field(at path: [String]) -> FieldDescriptor? {
    if let i = storage.positions[path] { return storage.fields[i] }
    guard let key = path.last, !key.isEmpty, path.count > 1,
      !key.unicodeScalars.contains(where: { $0 == "." || $0 == "\n" || $0 == "\r" }),
      let i = storage.positions[Array(path.dropLast())], let values = storage.fields[i].openMapValues
    else { return nil }
    return FieldDescriptor(
      path, values, summary: "the value of key '\(key)' of \(storage.fields[i].dottedName), if set")
  }

  /// The open map `path` is a key of (its descriptor), when it is one.
  package func openMap(containing path: [String]) -> FieldDescriptor? {
    guard path.count > 1, storage.positions[path] == nil, let i = storage.positions[Array(path.dropLast())],
      storage.fields[i].openMapValues != nil
    else { return nil }
    return storage.fields[i]
  }

  /// The type of the field at exactly this path (`field(at:)?.type`, without copying the rest).
  package func type(at path: [String]) -> FieldType? {
    storage.positions[path].map { storage.fields[$0].type }
  }

}

/// How a canonical name reads its field: a type and an encoding of its own.
package struct FieldView: Sendable, Hashable {
  package var type: FieldType
  package var encoding: FieldEncoding

  package init(_ type: FieldType, _ encoding: FieldEncoding) {
    self.type = type
    self.encoding = encoding
  }
}

/// A catalog's one-word names with their resolutions (`SpellingTable`), which the binder looks up
/// for nearly every name of every query.
typealias NameTable = SpellingTable<NameResolution>

extension SpellingTable<NameResolution> {
  /// The resolution of `name`, when the table has it.
  func resolution(of name: String) -> NameResolution? { entry(for: name) }
}

/// A few short texts, each with an entry, found by a hash of the text's bytes: for the few short
/// names a catalog has (or an enum field's values), cheaper than a dictionary's seeded hash of a
/// `String`. What is found is `==` to the text asked, and a key with the very bytes asked is found;
/// a key spelled with other bytes that `==` still equates (`é` precomposed or not) may not be:
/// callers fall back to comparing.
struct SpellingTable<Entry: Sendable>: Sendable {
  private let keys: [String]
  private let entries: [Entry]
  /// Open addressing: each slot holds 1 + an index into `keys`, or 0 when empty; a power of two
  /// at least four times the keys, so a probe ends at an empty slot, mostly the first.
  private let slots: [Int]

  /// The table's entries in the order of their keys (a dictionary's order is not the same from
  /// one run to the next).
  init(_ table: [String: Entry]) {
    let sorted = table.sorted { $0.key < $1.key }
    self.init(keys: sorted.map(\.key), entries: sorted.map(\.value))
  }

  /// `entries[i]` under `keys[i]`. A key given twice is found with its first entry: each key goes
  /// to the first empty slot from its hash on, and nothing is ever removed, so a lookup, probing
  /// from the same slot, meets the first one first.
  init(keys: [String], entries: [Entry]) {
    self.keys = keys
    self.entries = entries
    var size = 4
    while size < 4 * keys.count { size *= 2 }
    var slots = [Int](repeating: 0, count: size)
    for (i, key) in keys.enumerated() {
      var slot = Self.hash(key) & (size - 1)
      while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
      slots[slot] = i + 1
    }
    self.slots = slots
  }

  /// The entry of `key`, when the table has it.
  func entry(for key: String) -> Entry? {
    let mask = slots.count - 1
    var slot = Self.hash(key) & mask
    while case let entry = slots[slot], entry != 0 {
      if keys[entry - 1] == key { return entries[entry - 1] }
      slot = (slot + 1) & mask
    }
    return nil
  }

  /// FNV-1a over the UTF-8 bytes (no seed: the keys are the catalog's, not an attacker's).
  private static func hash(_ key: String) -> Int {
    var text = key
    return text.withUTF8 { bytes in
      var h: UInt64 = 0xcbf2_9ce4_8422_2325
      for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
      return Int(truncatingIfNeeded: h ^ (h >> 29))
    }
  }
}
