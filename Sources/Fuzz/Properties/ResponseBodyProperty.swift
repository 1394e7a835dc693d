import InvoiceQL

/// Response bodies, the bytes a billing API sends back: streamed through `ResponseFilter` against
/// the reference (the whole body parsed by `JSONValue(parsing:)`, each invoice judged by
/// `ReferenceEvaluator`).
///
/// The input is a provider, a filter, a kernel and a chunking seed, then the body. The property:
/// the body is rejected by the streaming filter exactly when the reference rejects it (invalid JSON
/// or not the provider's envelope); otherwise every invoice gets the reference's three-valued answer
/// (true: matched by the filter; false: matched by its negation; unknown: by neither), each match is
/// the invoice itself at its index, and the page's item count agrees. Whole, in random chunks and
/// one byte per chunk, the answers (and an error's offset, and the matches before it) are the same.
package enum ResponseBodyProperty {
  package static func check(_ input: [UInt8]) throws(PropertyViolation) {
    var reader = FuzzReader(input)
    let provider = reader.pick(Provider.names)
    let filters = ProviderQueries.filters(provider)
    guard !filters.isEmpty, let envelope = Provider.named(provider)?.envelope else {
      throw PropertyViolation("\(provider) has no filters or envelope")
    }
    let filter = filters[Int(reader.byte()) % filters.count]
    let kernel = reader.pick(ByteClassKernel.available)
    let seed = UInt64(reader.byte())
    let body = reader.rest()
    try check(body, envelope: envelope, filter: filter, kernel: kernel, seed: seed)
  }

  /// The outcome of streaming one body: the matches in order, then the metadata or the error.
  struct Outcome: Equatable {
    var matches: [InvoiceMatch]
    var itemCount: Int?
    var error: JSONStreamError?
  }

  /// Feeds `body` to `filter` cut into `chunks`, keeping the matches that precede an error.
  static func stream(_ filter: ResponseFilter, _ body: [UInt8], chunks: [Int]) -> Outcome {
    var filter = filter
    var outcome = Outcome(matches: [])
    var start = 0
    do throws(JSONStreamError) {
      for size in chunks + [body.count] where start < body.count {
        let end = min(body.count, start + max(size, 1))
        try filter.feed(body[start..<end]) { outcome.matches.append($0) }
        start = end
      }
      outcome.itemCount = try filter.finish().itemCount
    } catch {
      outcome.error = error
    }
    return outcome
  }

  /// The invoices of `body` as the provider's envelope holds them, or nil when the body is not
  /// JSON or not shaped like the provider's response.
  static func referenceItems(_ body: [UInt8], _ envelope: Envelope) -> [JSONValue]? {
    guard let document = try? JSONValue(parsing: body) else { return nil }
    let items: JSONValue
    switch document {
    case .array where envelope.acceptsBareArray: items = document
    case .object(let members):
      guard let key = envelope.itemsKey else { return nil }
      let named = members.filter { Array($0.key.unicodeScalars) == Array(key.unicodeScalars) }
      guard named.count == 1 else { return nil }
      items = named[0].value
    default: return nil
    }
    guard case .array(let elements) = items else { return nil }
    for element in elements {
      guard case .object = element else { return nil }
    }
    return elements
  }

  static func check(
    _ body: [UInt8], envelope: Envelope, filter: BoundExpression, kernel: ByteClassKernel, seed: UInt64
  ) throws(PropertyViolation) {
    let positive = ResponseFilter(envelope: envelope, filter: filter, kernel: kernel)
    let negative = ResponseFilter(envelope: envelope, filter: .not(filter), kernel: kernel)
    var random = FuzzRandom(seed: seed)
    let limit = [1, 3, 17, 64, 300][Int(seed % 5)]
    let randomChunks = (0..<body.count).map { _ in Int.random(in: 1...limit, using: &random) }
    let whole = stream(positive, body, chunks: [])
    for (name, chunks) in [("random chunks", randomChunks), ("one byte per chunk", [1])] {
      let cut = stream(
        positive, body, chunks: name == "random chunks" ? chunks : Array(repeating: 1, count: body.count))
      guard cut == whole else {
        throw PropertyViolation(
          "\(envelope.itemsKey ?? "array") \(filter): \(name) differ from the whole body: \(summary(cut)) vs \(summary(whole))"
        )
      }
    }
    let reference = referenceItems(body, envelope)
    guard let items = reference else {
      guard whole.error != nil else {
        throw PropertyViolation(
          "\(envelope.itemsKey ?? "array"): the reference rejects the body, the stream accepts it")
      }
      return
    }
    if let error = whole.error {
      throw PropertyViolation(
        "\(envelope.itemsKey ?? "array"): the reference accepts the body, the stream rejects it: \(error)")
    }
    guard whole.itemCount == items.count else {
      throw PropertyViolation(
        "\(envelope.itemsKey ?? "array"): \(whole.itemCount ?? -1) items streamed, \(items.count) in the body"
      )
    }
    let negated = stream(negative, body, chunks: randomChunks)
    if let error = negated.error {
      throw PropertyViolation(
        "\(envelope.itemsKey ?? "array"): the negated filter rejects an accepted body: \(error)")
    }
    let trueAt = Set(whole.matches.map(\.index))
    let falseAt = Set(negated.matches.map(\.index))
    for (index, item) in items.enumerated() {
      let streamed: Truth =
        trueAt.contains(index)
        ? (falseAt.contains(index) ? .unknown : .true)
        : falseAt.contains(index) ? .false : .unknown
      if trueAt.contains(index) && falseAt.contains(index) {
        throw PropertyViolation(
          "\(envelope.itemsKey ?? "array"): invoice \(index) matches both \(filter) and its negation")
      }
      let expected = ReferenceEvaluator.evaluate(filter, on: item)
      guard streamed == expected else {
        throw PropertyViolation(
          "\(envelope.itemsKey ?? "array") \(filter): invoice \(index) is \(streamed) streamed, \(expected) by the reference: \(item.compactText)"
        )
      }
    }
    for match in whole.matches + negated.matches {
      guard match.index < items.count, (try? JSONValue(parsing: match.jsonBytes)) == items[match.index] else {
        throw PropertyViolation(
          "\(envelope.itemsKey ?? "array"): match \(match.index) is not the invoice: \(match.json)")
      }
    }
  }

  static func summary(_ o: Outcome) -> String {
    "\(o.matches.map(\.index)) items \(o.itemCount.map(String.init) ?? "-") error \(o.error.map(String.init(describing:)) ?? "none")"
  }
}
