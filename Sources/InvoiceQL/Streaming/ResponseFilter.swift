import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Filters one response body as it arrives: finds the invoices inside the provider's envelope,
/// decodes only the fields the filter reads, and hands back the invoices it holds for. Memory is
/// bounded by the largest single invoice (`maxItemBytes`, beyond which the body is an error), never
/// by the body.
///
/// Feed the body's chunks in order (split anywhere), then call `finish()` for the page metadata.
/// A malformed body, or one not shaped like the provider's response, throws `JSONStreamError` with
/// its byte offset; after an error every call throws again.
package struct ResponseFilter: Sendable {
  /// How an invoice is judged from its projected fields, when a test injects its own judge (by
  /// default the filter is compiled, and gives the reference evaluator's answers).
  package typealias Evaluator = @Sendable (BoundExpression, JSONValue) -> Truth

  /// Default cap on one invoice's compact size.
  package static let defaultMaxItemBytes = 8 << 20

  package let envelope: Envelope
  package let filter: BoundExpression
  package let projection: Projection
  /// What a match holds when the caller asked for fields (nil: the whole invoice).
  package let output: Projection?
  /// The injected judge, if any: it then judges every invoice's projected value.
  private let evaluator: Evaluator?
  /// The filter compiled to judge invoices in place (nil when one is injected, or when the filter
  /// cannot be: the reference evaluator judges the projected value then).
  private let compiled: CompiledFilter?
  private let maxItemBytes: Int
  private var scanner: JSONScanner
  private var state = State()
  private var pending: [InvoiceMatch] = []
  /// The start of the invoice being read in earlier chunks (raw bytes), when it spans chunks.
  private var carry: [UInt8] = []
  /// The fast path for whole invoices (see `ItemScanner`).
  private var items: ItemScanner
  /// The invoice the fast path waits to see whole: its bytes so far, from its `{`.
  private var window: [UInt8] = []
  /// Validates the invoice in `window` as its bytes arrive and finds where it ends: a malformed
  /// byte stops the body in the chunk that brings it, not once the invoice (or the body) has ended.
  private var windowScanner = JSONScanner()
  /// The invoice in `window`, announced by the scanner but not yet consumed by it.
  private var waitingItem: (depth: Int, offset: Int)?
  /// The fast path gave up on the invoice being read: the scanner reads it (and reports its error).
  private var slowItem = false
  /// Whether invoices go through the fast path first. Only tests turn it off, to check that the
  /// scanner alone (the fast path's safety net) gives the same answers.
  var usesFastPath = true

  private struct State: Sendable {
    var rootIsArray = false
    var itemDepth = -1
    var inItems = false
    var itemsSeen = false
    var capturingItem = false
    /// Where the invoice being read starts in the current chunk (0 when it began in an earlier one).
    var itemChunkStart = 0
    /// The invoice's absolute offset in the body.
    var itemOffset = 0
    var metadataKey: String?
    var currentKey: String?
    var metadata: [String: JSONValue] = [:]
    var itemCount = 0
    var matchCount = 0
    /// The id of the last invoice read, when the envelope tracks it.
    var lastItemId: String?
  }

  /// A filter over `envelope`'s bodies. `alsoReading` adds whole fields to `InvoiceMatch.projected` (sort
  /// keys); `maxItemBytes` caps one invoice (and one metadata member); `fields`, when given, is what
  /// each match holds (`InvoiceMatch.jsonBytes`: just those fields, re-encoded compactly; `InvoiceMatch.projected`
  /// still holds what the filter read). `evaluator`, when given,
  /// judges each invoice's projected value instead of the compiled filter (which answers as
  /// `ReferenceEvaluator.evaluate` does, reading the invoice's bytes in place). `kernel` picks the
  /// fast path's byte classifier (the answers are the same with any; see `ByteClassKernel`).
  package init(
    envelope: Envelope, filter: BoundExpression, alsoReading paths: [[String]] = [],
    maxItemBytes: Int = ResponseFilter.defaultMaxItemBytes, fields: FieldSelection? = nil,
    evaluator: Evaluator? = nil, kernel: ByteClassKernel = .selected
  ) {
    self.envelope = envelope
    self.output = fields.map(Projection.init(selecting:))
    self.filter = filter
    self.projection = Projection(reading: filter, alsoReading: [envelope.idPath] + paths)
    self.evaluator = evaluator
    self.compiled = evaluator == nil ? CompiledFilter(filter, projection: projection) : nil
    self.maxItemBytes = maxItemBytes
    self.scanner = JSONScanner(reportDepth: 0, captureLimit: maxItemBytes)
    self.items = ItemScanner(keys: projection.rootKeys, kernel: kernel)
  }

  /// Bytes consumed so far.
  package var byteOffset: Int { scanner.byteOffset }
  /// Invoices seen so far (matching or not).
  package var itemCount: Int { state.itemCount }
  /// Invoices matched so far.
  package var matchCount: Int { state.matchCount }
  /// The fast path's byte classifier.
  package var kernel: ByteClassKernel { items.kernel }
  /// The bytes this filter holds right now (the invoice being read): what bounds its memory.
  package var bufferedByteCount: Int { scanner.captured.capacity + carry.capacity + window.capacity }

  /// Reads the next chunk of the body; returns the invoices completed in it that match, in order.
  /// On an error the matches completed earlier in the same chunk are dropped with it; use
  /// `feed(_:onMatch:)` to receive every match that precedes the error.
  package mutating func feed(_ bytes: some Collection<UInt8>) throws(JSONStreamError) -> [InvoiceMatch] {
    if let failure = scan(bytes) { throw failure }
    return pending
  }

  /// Reads the next chunk, calling `onMatch` for each matching invoice completed in it — also for
  /// those completed before an error in this chunk, which is then thrown.
  package mutating func feed(_ bytes: some Collection<UInt8>, onMatch: (InvoiceMatch) -> Void)
    throws(JSONStreamError)
  {
    let failure = scan(bytes)
    for match in pending { onMatch(match) }
    if let failure { throw failure }
  }

  /// Scans one chunk, collecting its matches in `pending`; returns the error that stopped it.
  private mutating func scan(_ bytes: some Collection<UInt8>) -> JSONStreamError? {
    pending.removeAll(keepingCapacity: true)
    var failure: JSONStreamError?
    func run(_ buffer: UnsafeBufferPointer<UInt8>) {
      do throws(JSONStreamError) {
        var index = 0
        if waitingItem != nil {
          guard let resume = try resumeWaitingItem(buffer) else { return }
          index = resume
        }
        try process(buffer, from: index)
      } catch {
        failure = error
      }
    }
    if bytes.withContiguousStorageIfAvailable(run) == nil {
      Array(bytes).withUnsafeBufferPointer(run)
    }
    return failure
  }

  /// Scans `buffer` from `index` to its end, judging invoices on the fast path when it can.
  private mutating func process(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) throws(JSONStreamError)
  {
    var index = start
    while let event = try scanner.next(in: buffer, at: &index) {
      if case .begin(let depth, .object, let offset) = event, state.inItems, depth == state.itemDepth,
        usesFastPath, !slowItem
      {
        switch items.scan(buffer, from: index, depth: depth) {
        case .complete(let end) where end - index <= maxItemBytes:
          acceptWholeItem(buffer, index..<end)
          index = end
          continue
        case .incomplete where buffer.count - index <= maxItemBytes:
          let rest = UnsafeBufferPointer(rebasing: buffer[index...])
          windowScanner = JSONScanner(valueAtDepth: depth, byteOffset: offset)
          if case .goesOn? = try? scanWindow(rest) {
            window.append(contentsOf: rest)
            waitingItem = (depth, offset)
            return
          }
          // A malformed byte, or an end the fast path did not see: the scanner decides.
          slowItem = true
        default:
          slowItem = true
        }
      }
      try handle(event, buffer, index)
    }
    if state.capturingItem {
      // The invoice goes on in the next chunk: keep what this one holds of it.
      carry.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[state.itemChunkStart...]))
      state.itemChunkStart = 0
      if carry.count > maxItemBytes {
        throw JSONStreamError(.valueTooLarge(limit: maxItemBytes), byteOffset: state.itemOffset)
      }
    }
  }

  /// Goes on with the invoice waiting in `window`: when it ends in `chunk`, the fast path reads it
  /// whole. Returns where in `chunk` scanning goes on, or nil when all of the chunk went into the
  /// window.
  private mutating func resumeWaitingItem(_ chunk: UnsafeBufferPointer<UInt8>) throws(JSONStreamError) -> Int?
  {
    guard let (depth, offset) = waitingItem else { return 0 }
    var bytes: [UInt8] = []
    swap(&bytes, &window)
    let earlier = bytes.count
    let progress = try? scanWindow(chunk)
    guard case .endsBefore(let end)? = progress else {
      if progress != nil && bytes.count + chunk.count <= maxItemBytes {
        bytes.append(contentsOf: chunk)
        swap(&bytes, &window)
        return nil
      }
      // A malformed byte in this chunk, or an invoice too big for the fast path: the scanner reads
      // the invoice from its first byte and reports what is wrong as the chunk goes through it.
      try readWaitingItemSlowly(bytes[...], depth: depth, offset: offset)
      return 0
    }
    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[..<end]))
    defer {
      bytes.removeAll(keepingCapacity: true)
      swap(&bytes, &window)
    }
    let outcome = bytes.withUnsafeBufferPointer { items.scan($0, from: 0, depth: depth) }
    guard case .complete(let itemEnd) = outcome, itemEnd == bytes.count, itemEnd <= maxItemBytes else {
      try readWaitingItemSlowly(bytes[..<earlier], depth: depth, offset: offset)
      return 0
    }
    waitingItem = nil
    bytes.withUnsafeBufferPointer { acceptWholeItem($0, 0..<itemEnd) }
    return end
  }

  /// Where the invoice in `window` stands after `bytes`, which `windowScanner` validates.
  private enum WindowProgress {
    /// The invoice ends just before this index of `bytes`.
    case endsBefore(Int)
    /// The invoice goes on after `bytes`.
    case goesOn
  }

  /// Feeds `bytes` to the scanner watching the waiting invoice; throws its first malformed byte.
  private mutating func scanWindow(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONStreamError)
    -> WindowProgress
  {
    var index = 0
    // The only event it reports is the invoice's end.
    if try windowScanner.next(in: bytes, at: &index) != nil { return .endsBefore(index) }
    return .goesOn
  }

  /// Hands the invoice waiting in the window (its bytes so far: `head`) to the scanner, which reads
  /// it from its first byte (and finds what the fast path would not accept).
  private mutating func readWaitingItemSlowly(_ head: ArraySlice<UInt8>, depth: Int, offset: Int)
    throws(JSONStreamError)
  {
    waitingItem = nil
    slowItem = true
    try head.withUnsafeBufferPointer { buffer throws(JSONStreamError) in
      try handle(.begin(depth: depth, kind: .object, byteOffset: offset), buffer, 0)
      try process(buffer, from: 0)
    }
  }

  /// An invoice the fast path read whole (`range` of `buffer`): the scanner skips it, and it is judged.
  private mutating func acceptWholeItem(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
    scanner.consumeAnnouncedValue(length: range.count)
    let itemIndex = state.itemCount
    state.itemCount += 1
    judge(buffer, range, members: items.members, itemIndex)
  }

  /// Ends the body: checks it was complete and shaped like the provider's response, and returns its
  /// metadata. Also returns any match completed only by the end of the body (never, for an
  /// envelope of objects), so call it once.
  package mutating func finish() throws(JSONStreamError) -> PageMetadata {
    let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    if let (depth, offset) = waitingItem {
      // The body ended inside an invoice: the scanner reads it and says what is wrong.
      var bytes: [UInt8] = []
      swap(&bytes, &window)
      try readWaitingItemSlowly(bytes[...], depth: depth, offset: offset)
    }
    while let event = try scanner.finish() { try handle(event, none, 0) }
    guard state.itemsSeen else {
      throw JSONStreamError(
        .unexpectedShape("expected \(envelope.expectedShape); the body has none"),
        byteOffset: scanner.byteOffset)
    }
    return PageMetadata(
      values: state.metadata, itemCount: state.itemCount, matchCount: state.matchCount,
      lastItemId: state.lastItemId)
  }

  private mutating func handle(
    _ event: JSONScanner.Event, _ chunk: UnsafeBufferPointer<UInt8>, _ index: Int
  ) throws(JSONStreamError) {
    switch event {
    case .begin(let depth, let kind, let offset):
      try begin(depth: depth, kind: kind, offset: offset, index: index)
    case .key(let depth):
      if depth == 1 && !state.rootIsArray {
        state.currentKey =
          scanner.keyIsTruncated ? nil : JSONReader.unescape(scanner.keyBytes)
      }
    case .end(let depth):
      if state.capturingItem && depth == state.itemDepth {
        slowItem = false
        try completeItem(chunk, index)
      } else if depth == 1 && state.metadataKey != nil {
        completeMetadata()
      } else if state.inItems && depth == state.itemDepth - 1 {
        state.inItems = false
      }
    }
  }

  private mutating func begin(depth: Int, kind: JSONScanner.ValueKind, offset: Int, index: Int)
    throws(JSONStreamError)
  {
    if depth == 0 {
      if kind == .array && envelope.acceptsBareArray {
        state.rootIsArray = true
        state.itemDepth = 1
        state.inItems = true
        state.itemsSeen = true
        scanner.reportDepth = 1
        scanner.memberOffsetDepth = 2
      } else if kind == .object && envelope.itemsKey != nil {
        state.itemDepth = 2
        scanner.reportDepth = 2
        scanner.memberOffsetDepth = 3
      } else {
        throw shapeError("expected \(envelope.expectedShape)", offset)
      }
    } else if state.inItems && depth == state.itemDepth {
      guard kind == .object else {
        throw shapeError("invoice #\(state.itemCount + 1) is not a JSON object", offset)
      }
      state.capturingItem = true
      state.itemChunkStart = index
      state.itemOffset = offset
      carry.removeAll(keepingCapacity: true)
      scanner.memberOffsets.removeAll(keepingCapacity: true)
      scanner.recordsMemberOffsets = true
    } else if depth == 1 && !state.rootIsArray, let key = state.currentKey {
      if let itemsKey = envelope.itemsKey, key.isSpelled(as: itemsKey) {
        guard kind == .array else { throw shapeError("'\(key)' is not an array", offset) }
        guard !state.itemsSeen else { throw shapeError("'\(key)' appears twice", offset) }
        state.inItems = true
        state.itemsSeen = true
      } else if let declared = envelope.metadataKeys.first(where: { key.isSpelled(as: $0) }) {
        state.metadataKey = declared
        scanner.clearCaptured()
        scanner.isCapturing = true
      }
    }
  }

  private func shapeError(_ message: String, _ offset: Int) -> JSONStreamError {
    JSONStreamError(.unexpectedShape(message), byteOffset: offset)
  }

  private mutating func completeItem(_ chunk: UnsafeBufferPointer<UInt8>, _ index: Int)
    throws(JSONStreamError)
  {
    scanner.recordsMemberOffsets = false
    state.capturingItem = false
    let itemIndex = state.itemCount
    state.itemCount += 1
    let tail = UnsafeBufferPointer(rebasing: chunk[state.itemChunkStart..<index])
    if carry.isEmpty {
      guard tail.count <= maxItemBytes else {
        throw JSONStreamError(.valueTooLarge(limit: maxItemBytes), byteOffset: state.itemOffset)
      }
      judge(tail, itemIndex)
    } else {
      carry.append(contentsOf: tail)
      guard carry.count <= maxItemBytes else {
        throw JSONStreamError(.valueTooLarge(limit: maxItemBytes), byteOffset: state.itemOffset)
      }
      let bytes = carry
      bytes.withUnsafeBufferPointer { judge($0, itemIndex) }
      carry.removeAll(keepingCapacity: true)
    }
  }

  /// Evaluates one complete invoice (raw, validated bytes) and keeps it when it matches.
  private mutating func judge(_ item: UnsafeBufferPointer<UInt8>, _ itemIndex: Int) {
    let members = projection.members(item, memberOffsets: scanner.memberOffsets, from: state.itemOffset)
    judge(item, 0..<item.count, members: members, itemIndex)
  }

  /// Keeps the invoice at `range` of `buffer` (validated bytes; `members` are its top-level members
  /// the projection reads, as `ItemScanner` reports them) when the filter holds for it.
  private mutating func judge(
    _ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, members: [ItemScanner.Member], _ itemIndex: Int
  ) {
    if envelope.tracksLastItemId {
      switch projection.rootValue(envelope.idPath, buffer, objectAt: range.lowerBound, members: members) {
      case .string(let s)?: state.lastItemId = s
      case .number(let n)?: state.lastItemId = n
      default: state.lastItemId = nil
      }
    }
    // The compiled filter judges before anything is decoded; the others judge the projected value.
    if let compiled, compiled.evaluate(buffer, objectAt: range.lowerBound, members: members) != .true {
      return
    }
    let projected = projection.decode(buffer, objectAt: range.lowerBound, members: members)
    if compiled == nil {
      let truth = evaluator?(filter, projected) ?? ReferenceEvaluator.evaluate(filter, on: projected)
      guard truth == .true else { return }
    }
    let item = UnsafeBufferPointer(rebasing: buffer[range])
    state.matchCount += 1
    var id: String?
    switch ReferenceEvaluator.lookup(envelope.idPath, in: projected) {
    case .string(let s)?: id = s
    case .number(let n)?: id = n
    default: id = nil
    }
    let bytes: [UInt8]
    if let output {
      bytes = Array(output.decode(item).compactText.utf8)
    } else {
      bytes = ItemScanner.compact(item, kernel: items.kernel)
    }
    pending.append(InvoiceMatch(jsonBytes: bytes, id: id, projected: projected, index: itemIndex))
  }

  private mutating func completeMetadata() {
    scanner.isCapturing = false
    if let key = state.metadataKey {
      state.metadata[key] = scanner.captured.withUnsafeBufferPointer { JSONReader(bytes: $0).decode(0).0 }
    }
    state.metadataKey = nil
    scanner.clearCaptured()
  }
}
