import Dispatch
import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLProviders
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// Rewrites a saved-search file as `SavedSearchReader` hands it out, one search at a time: the
/// output and report of `RewriteBatch`, in memory bounded by one search instead of the file.
package struct RewriteStream: Sendable {
  package let rewriter: SavedSearchRewriter
  /// Searches rewritten so far (elements or non-blank lines, usable or not).
  package private(set) var count = 0
  package private(set) var rewrittenCount = 0
  package private(set) var unchangedCount = 0
  package private(set) var errorCount = 0
  /// Whether the output so far differs from the input.
  package private(set) var changesFile = false

  package init(rewriter: SavedSearchRewriter) {
    self.rewriter = rewriter
  }

  /// A piece as it is to be written (its search rewritten in place), its search's block of the
  /// report as UTF-8 (empty for a piece that holds no search: blocks are decoded a run at a time,
  /// not per search), and whether it holds a search.
  typealias Rendered = (output: [UInt8], report: [UInt8], isSearch: Bool)

  /// Each piece rendered, in order; `concurrently`, the searches are rewritten on all the machine's
  /// cores at once (each on its own, so the outcome is the same).
  mutating func rewrite(_ pieces: [SavedSearchReader.Piece], concurrently: Bool) -> [Rendered] {
    guard concurrently && pieces.count > 1 else {
      // One copy of the rewriter for the batch, not one per search.
      let rewriter = self.rewriter
      return pieces.map { tally($0, Self.outcome($0, rewriter)) }
    }
    return finish(start(pieces))
  }

  /// Starts rewriting `pieces` on all the machine's cores and returns at once, so the caller can
  /// read the next pieces meanwhile; `finish` waits for them and hands them out in order.
  package func start(_ pieces: [SavedSearchReader.Piece]) -> Batch {
    let batch = Batch(pieces)
    let slots = Slots(buffer: batch.outcomes)
    let rewriter = self.rewriter
    DispatchQueue.global().async(group: batch.group) {
      DispatchQueue.concurrentPerform(iterations: pieces.count) { i in
        slots.set(i, Self.outcome(pieces[i], rewriter))
      }
    }
    return batch
  }

  /// The started batch's pieces as `rewrite(_:concurrently:)` hands them out, in order, once all
  /// are done.
  mutating func finish(_ batch: Batch) -> [Rendered] {
    batch.group.wait()
    return batch.pieces.indices.map { tally(batch.pieces[$0], batch.outcomes[$0]) }
  }

  /// A batch of pieces being rewritten on other threads, and where their outcomes go. Dropped
  /// before `finish` (a failed run), it waits for them before freeing that memory.
  package final class Batch: @unchecked Sendable {
    let pieces: [SavedSearchReader.Piece]
    /// Written by the rewrites (each index by one only), read once `group` is done.
    let outcomes: UnsafeMutableBufferPointer<Outcome?>
    let group = DispatchGroup()

    init(_ pieces: [SavedSearchReader.Piece]) {
      self.pieces = pieces
      outcomes = .allocate(capacity: pieces.count)
      outcomes.initialize(repeating: nil)
    }

    deinit {
      group.wait()
      outcomes.deinitialize()
      outcomes.deallocate()
    }
  }

  /// One search's outcome, rendered: what became of it, its bytes when they changed, its report
  /// block (UTF-8). Nil for a piece that holds no search.
  typealias Outcome = (status: SearchRewrite.Status, output: [UInt8]?, report: [UInt8])

  /// Rewrites the piece's search and renders it (on whichever thread rewrites it).
  static func outcome(_ piece: SavedSearchReader.Piece, _ rewriter: SavedSearchRewriter) -> Outcome? {
    guard let entry = piece.entry else { return nil }
    let (rewrite, edits) = RewriteBatch.rewritten(entry, with: rewriter)
    let output = edits.isEmpty ? nil : SavedSearchFile.splice(piece.bytes[...], at: piece.offset, edits)
    var report: [UInt8] = []
    RewriteBatch.writeReport(of: entry, rewrite, to: &report)
    return (rewrite?.status ?? .error, output, report)
  }

  /// Where the concurrent rewrites put their outcomes: each index is written by one of them only,
  /// and read once they have all returned.
  private struct Slots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Outcome?>
    func set(_ i: Int, _ outcome: Outcome?) { buffer[i] = outcome }
  }

  /// Counts a piece's outcome; returns its bytes to write and its report block.
  private mutating func tally(_ piece: SavedSearchReader.Piece, _ outcome: Outcome?) -> Rendered {
    guard let outcome else { return (piece.bytes, [], false) }
    count += 1
    switch outcome.status {
    case .rewritten: rewrittenCount += 1
    case .unchanged: unchangedCount += 1
    case .error: errorCount += 1
    }
    guard let output = outcome.output else { return (piece.bytes, outcome.report, true) }
    changesFile = true
    return (output, outcome.report, true)
  }

  /// The report's last line: the totals.
  package var totals: String {
    RewriteBatch.totals(
      count: count, rewritten: rewrittenCount, unchanged: unchangedCount, failed: errorCount)
  }
}

/// `invoiceql rewrite` on a file of any size: read in chunks, checked before anything is written,
/// rewritten a batch of searches at a time (on all cores) and written as it goes, so memory holds
/// a batch and a few buffers of fixed size, never the file.
package enum RewriteFile {
  /// Where the rewritten file goes.
  package enum Destination {
    /// To `write`, in runs of bytes that each end with a whole search (standard output).
    case stream(write: ([UInt8]) -> Void)
    /// To a file (`-o OUT`): written beside it, then renamed over it (see `AtomicFile.Writer`).
    case file(String)
    /// Over the input file (`--in-place`), atomically, and only when a byte changed.
    case inPlace
  }

  /// Output and report are handed on in runs of about this many bytes.
  static let runSize = 1 << 18
  /// Searches rewritten at once (and held: at most this many, or `runSize` bytes of them).
  static let batchSize = 512

  /// Rewrites the file at `path` to `destination`. An array file that is not valid JSON throws its
  /// `JSONStreamError` before anything is written or reported (the file is read twice for that, or
  /// held in memory when it cannot be: a pipe); the OS's errors throw `AtomicFile.Failure`, and a
  /// failed run never leaves a partial output file. `report` receives the report in runs (the
  /// searches' blocks, then the totals); `progress(done, total)` is called after each search, with
  /// the number of searches when it is known (an array's, counted by the check). `concurrently`
  /// false keeps the rewriting on the calling thread (the benchmark's figure per core).
  package static func run(
    path: String, rewriter: SavedSearchRewriter, to destination: Destination,
    concurrently: Bool = true, report: (String) -> Void, progress: (Int, Int?) -> Void = { _, _ in }
  ) throws -> RewriteStream {
    let input = try AtomicFile.ChunkReader(path: path)
    var held: [UInt8]?
    if !input.isRegularFile {
      var bytes: [UInt8] = []
      while try input.read(appendingTo: &bytes) {}
      held = bytes
    }
    func chunks(_ body: ([UInt8]) throws -> Bool) throws {
      if let held {
        _ = try body(held)
        return
      }
      try input.rewind()
      var chunk: [UInt8] = []
      while try input.read(appendingTo: &chunk) {
        guard try body(chunk) else { return }
        chunk.removeAll(keepingCapacity: true)
      }
    }

    // The check: an array is read whole first, since its syntax errors make the file unreadable.
    var check = SavedSearchReader(keepingBytes: false)
    var checked = false
    try chunks { chunk in
      check.append(chunk)
      // JSON Lines need no check: reading stops once the layout is known.
      while check.layout != .jsonLines, try check.next() != nil {}
      return check.layout != .jsonLines
    }
    if check.layout != .jsonLines {
      check.finish()
      while try check.next() != nil {}
      checked = true
    }
    let total = checked ? check.entryCount : nil

    let writer: AtomicFile.Writer?
    switch destination {
    case .stream: writer = nil
    case .file(let out): writer = try AtomicFile.Writer(replacing: out, followingLinks: true)
    case .inPlace: writer = try AtomicFile.Writer(replacing: path, followingLinks: false)
    }
    var output: [UInt8] = []
    // The report's blocks as UTF-8, handed on as text a run at a time.
    var reportRun: [UInt8] = []
    func hand(flushing: Bool) throws {
      if output.count >= runSize || (flushing && !output.isEmpty) {
        if case .stream(let write) = destination { write(output) } else { try writer?.write(output) }
        output.removeAll(keepingCapacity: true)
      }
      if reportRun.count >= runSize || (flushing && !reportRun.isEmpty) {
        report(String(decoding: reportRun, as: UTF8.self))
        reportRun.removeAll(keepingCapacity: true)
      }
    }

    var reader = SavedSearchReader()
    var stream = RewriteStream(rewriter: rewriter)
    // Searches are rewritten a batch at a time, the batch's on all cores at once while the next
    // batch is read (so at most two batches are held).
    var batch: [SavedSearchReader.Piece] = []
    var batchBytes = 0
    var running: RewriteStream.Batch?
    func write(_ rewritten: [RewriteStream.Rendered]) throws {
      // The searches of the batch are counted already: progress counts them again one by one.
      var done = stream.count - rewritten.count { $0.isSearch }
      for piece in rewritten {
        output += piece.output
        reportRun += piece.report
        if piece.isSearch {
          done += 1
          progress(done, total)
        }
        try hand(flushing: false)
      }
    }
    func finishRunning() throws {
      guard let batch = running else { return }
      running = nil
      try write(stream.finish(batch))
    }
    func rewriteBatch() throws {
      if concurrently && batch.count > 1 {
        let started = stream.start(batch)
        try finishRunning()
        running = started
      } else {
        try finishRunning()
        try write(stream.rewrite(batch, concurrently: false))
      }
      batch.removeAll(keepingCapacity: true)
      batchBytes = 0
    }
    func drain() throws {
      while let piece = try reader.next() {
        batch.append(piece)
        batchBytes += piece.bytes.count
        if batch.count >= batchSize || batchBytes >= runSize { try rewriteBatch() }
      }
    }
    try chunks { chunk in
      reader.append(chunk)
      try drain()
      return true
    }
    reader.finish()
    try drain()
    try rewriteBatch()
    try finishRunning()
    try hand(flushing: true)
    if case .inPlace = destination, !stream.changesFile {
      // Nothing changed: the file stays as it is (the new copy is dropped with the writer).
    } else {
      try writer?.commit()
    }
    report(stream.totals)
    return stream
  }
}
