import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

/// The parts of an invoice a filter reads, compiled from its `BoundExpression`: a tree of JSON keys,
/// through arrays for quantifiers. Decoding an invoice through it keeps exactly those members (every
/// occurrence, in order, so "last wins" lookups see what they would in the whole invoice) and skips
/// everything else without building it.
///
/// The projected value answers every lookup the filter makes exactly as the whole invoice would: a
/// member on a read path is kept, a value whose shape differs from the path (a scalar where an object
/// was expected, an object where an array was) is kept whole, and the leaves are kept whole.
package struct Projection: Sendable, Hashable {
  struct Node: Sendable, Hashable {
    /// Keep the whole value here (a field the filter compares).
    var whole = false
    /// Members to keep when the value is an object.
    var members: [Member] = []
    /// What to keep of each element when the value is an array (at most one node).
    var elements: [Node] = []
  }

  struct Member: Sendable, Hashable {
    var key: [UInt8]
    var name: String
    var node: Node
  }

  enum Step: Hashable {
    case member(String)
    case elements
  }

  var root = Node()

  /// The projection of everything `expression` reads, plus the whole values at `paths` (the id, sort
  /// keys), each a list of JSON keys from the invoice.
  package init(reading expression: BoundExpression, alsoReading paths: [[String]] = []) {
    add(expression, scope: [])
    for path in paths { insert(path.map(Step.member), whole: true) }
  }

  /// The projection of the fields a caller asked for (`--fields`): each whole, through every element
  /// of the arrays its path crosses. What a match holds when the caller asks for fields.
  package init(selecting selection: FieldSelection) {
    for field in selection.fields {
      var steps: [Step] = []
      for (k, key) in field.path.enumerated() {
        steps.append(.member(key))
        if field.arraySteps[k] { steps.append(.elements) }
      }
      insert(steps, whole: true)
    }
  }

  /// Whether the filter reads nothing at all (a constant).
  package var isEmpty: Bool { root.members.isEmpty && !root.whole && root.elements.isEmpty }

  private mutating func add(_ e: BoundExpression, scope: [Step]) {
    switch e {
    case .constant: break
    case .and(let parts), .or(let parts): for p in parts { add(p, scope: scope) }
    case .not(let inner): add(inner, scope: scope)
    case .predicate(let p):
      for path in p.field.pathsRead { insert(scope + path.map(Step.member), whole: true) }
    case .quantified(_, let array, let body):
      for path in array.encoding.dependencies(of: array.path) {
        insert(scope + path.map(Step.member), whole: true)
      }
      let elements = scope + array.path.map(Step.member) + [.elements]
      insert(elements, whole: false)
      add(body, scope: elements)
    }
  }

  private mutating func insert(_ steps: [Step], whole: Bool) {
    Self.insert(steps[...], whole: whole, into: &root)
  }

  private static func insert(_ steps: ArraySlice<Step>, whole: Bool, into node: inout Node) {
    guard let step = steps.first else {
      if whole { node.whole = true }
      return
    }
    switch step {
    case .elements:
      if node.elements.isEmpty { node.elements.append(Node()) }
      insert(steps.dropFirst(), whole: whole, into: &node.elements[0])
    case .member(let key):
      let bytes = Array(key.utf8)
      if let k = node.members.firstIndex(where: { $0.key == bytes }) {
        insert(steps.dropFirst(), whole: whole, into: &node.members[k].node)
      } else {
        var child = Node()
        insert(steps.dropFirst(), whole: whole, into: &child)
        node.members.append(Member(key: bytes, name: key, node: child))
      }
    }
  }

  /// The projected value of the validated JSON in `bytes`.
  package func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONValue {
    Self.project(JSONReader(bytes: bytes), 0, root).0
  }

  /// The root members the projection reads among the validated JSON object's members in `bytes`,
  /// whose keys start at `memberOffsets` (counted from `base`): what `ItemScanner` reports for it.
  func members(_ bytes: UnsafeBufferPointer<UInt8>, memberOffsets: [Int], from base: Int)
    -> [ItemScanner.Member]
  {
    let reader = JSONReader(bytes: bytes)
    var found: [ItemScanner.Member] = []
    for offset in memberOffsets {
      let start = offset - base
      let keyEnd = reader.skipString(start)
      guard let k = Self.member(reader, start + 1, keyEnd - 1, root.members) else { continue }
      found.append(
        ItemScanner.Member(index: k, valueStart: reader.skipWhitespace(reader.skipWhitespace(keyEnd) + 1)))
    }
    return found
  }

  /// The value at `path` of the validated JSON object at `start` (whose projected top-level members
  /// are `members`), decoding only the member it lies in; nil when absent.
  func rootValue(
    _ path: [String], _ bytes: UnsafeBufferPointer<UInt8>, objectAt start: Int, members: [ItemScanner.Member]
  ) -> JSONValue? {
    guard let first = path.first else { return nil }
    let reader = JSONReader(bytes: bytes)
    var found: JSONValue?
    for m in members where root.members[m.index].name == first { found = reader.decode(m.valueStart).0 }
    return found.flatMap { ReferenceEvaluator.lookup(Array(path.dropFirst()), in: $0) }
  }

  /// The root members' keys, which `ItemScanner` matches an invoice's top-level keys against.
  var rootKeys: [[UInt8]] { root.members.map(\.key) }

  /// The projected value of the validated JSON object at `start` in `bytes`, whose top-level
  /// members the projection reads were found by `ItemScanner` (`members`, in document order).
  func decode(_ bytes: UnsafeBufferPointer<UInt8>, objectAt start: Int, members: [ItemScanner.Member])
    -> JSONValue
  {
    let reader = JSONReader(bytes: bytes)
    guard !root.whole, !root.members.isEmpty else { return Self.project(reader, start, root).0 }
    var kept: [JSONMember] = []
    kept.reserveCapacity(members.count)
    for found in members {
      let k = found.index
      // A whole leaf (the usual case) is decoded without copying its node out of the tree.
      let value =
        root.members[k].node.whole
        ? reader.decode(found.valueStart).0 : Self.project(reader, found.valueStart, root.members[k].node).0
      kept.append(JSONMember(root.members[k].name, value))
    }
    return .object(kept)
  }

  /// The index of the member whose key the raw bytes `start..<end` spell, if any.
  @inline(__always)
  static func member(_ reader: JSONReader, _ start: Int, _ end: Int, _ members: [Member]) -> Int? {
    let length = end - start
    for (k, member) in members.enumerated() where member.key.count == length {
      if reader.keyEquals(start, end, member.key) { return k }
    }
    guard reader.hasEscape(start, end) else { return nil }
    return members.firstIndex { reader.keyEquals(start, end, $0.key) }
  }

  static func project(_ reader: JSONReader, _ i: Int, _ node: Node) -> (JSONValue, Int) {
    if node.whole { return reader.decode(i) }
    let c = reader.byte(i)
    if c == UInt8(ascii: "{") && !node.members.isEmpty {
      var kept: [JSONMember] = []
      let end = reader.forEachMember(i) { keyStart, keyEnd, valueStart in
        guard let k = member(reader, keyStart, keyEnd, node.members) else {
          return reader.skipValue(valueStart)
        }
        let (value, next) = project(reader, valueStart, node.members[k].node)
        kept.append(JSONMember(node.members[k].name, value))
        return next
      }
      return (.object(kept), end)
    }
    if c == UInt8(ascii: "["), let element = node.elements.first {
      var kept: [JSONValue] = []
      let end = reader.forEachElement(i) { start in
        let (value, next) = project(reader, start, element)
        kept.append(value)
        return next
      }
      return (.array(kept), end)
    }
    if c == UInt8(ascii: "{") && node.members.isEmpty && node.elements.isEmpty {
      // Only the presence of the value matters (quantifier elements read by a constant body).
      return (.object([]), reader.skipValue(i))
    }
    return reader.decode(i)
  }
}
