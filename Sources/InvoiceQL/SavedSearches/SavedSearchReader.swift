import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLProviders
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// Reads a file of saved searches as its bytes arrive, one search at a time, so that a file of any
/// size is rewritten in memory bounded by its largest search (its line, or its array element), not
/// by the file.
///
/// Feed the file with `append` (chunks split anywhere) and `finish`; take `Piece`s with `next` until
/// it returns nil (it wants more bytes, or has handed out everything). The pieces, in order, are the
/// file's bytes, each byte exactly once: a search's piece ends with the search (its element or line)
/// and begins after the previous piece; the last piece, and pieces of long runs of blank space, hold
/// no search. The entries and errors are exactly those of reading the whole file at once
/// (`SavedSearchFile`), whatever the chunking: each search is read by the same `JSONTextReader`, and
/// a reading that needed a byte not yet arrived is done again once more bytes are in.
package struct SavedSearchReader: Sendable {
  /// A run of the file's bytes.
  package struct Piece: Sendable, Hashable {
    /// The search the piece ends with (its ranges are offsets in the file); nil for bytes between
    /// searches or after the last.
    package var entry: SavedSearchFile.Entry?
    /// Where `bytes` begins in the file.
    package var offset: Int
    package var bytes: [UInt8]
  }

  /// Blank space between searches is handed out on its own once this much of it has gathered.
  package static let blankPieceSize = 64 << 10

  /// The file's layout, once its first byte that is not blank space (or its end) has been read.
  package private(set) var layout: SavedSearchFile.Layout?
  /// How many searches (elements or non-blank lines) have been handed out.
  package private(set) var entryCount = 0
  /// How many times an element was read (more than its count when one needed bytes not yet in).
  private(set) var elementReadings = 0

  /// The bytes not yet handed out (and any kept before them), from file offset `base`.
  private var window: [UInt8] = []
  private var base = 0
  private var finished = false
  /// Bytes before this offset have been handed out.
  private var emitted = 0
  /// Where reading goes on.
  private var cursor = 0
  /// Bytes from `emitted` to here belong to no search and may go out in a piece of their own.
  private var blankEnd = 0
  /// A reading that needed more bytes is tried again once the window reaches this offset.
  private var retryAt = 0
  /// How far a JSON Lines line has been searched for its newline.
  private var lineScan = 0
  /// 1-based line number at `lineMark`, counted as bytes are dropped.
  private var lineMark = (offset: 0, line: 1)
  private var phase = Phase.start
  /// Whether pieces carry their bytes.
  private var keepsBytes = true

  private enum Phase: Sendable, Equatable {
    case start
    /// Blank space before the first byte that tells the layout; JSON Lines start at `linesFrom`.
    case probe(linesFrom: Int)
    /// Array: just after `[`, after a search, before a search, after `]`.
    case arrayOpened, afterElement, element, afterArray
    case line
    case tail, done
  }

  /// What one step of reading did.
  private enum Step {
    case piece(Piece)
    case progressed
    case needsBytes
  }

  package init() {}

  /// A reader whose pieces hold no bytes (`keepingBytes` false): for reading a file's searches only.
  init(keepingBytes: Bool) {
    self.keepsBytes = keepingBytes
  }

  /// The bytes held now (the searches not yet handed out, and handed-out bytes not yet dropped):
  /// what bounds the reader's memory.
  package var bufferedByteCount: Int { window.capacity }

  /// The file's next bytes.
  package mutating func append(_ bytes: some Collection<UInt8>) {
    precondition(!finished, "append after finish")
    dropHandedOutBytes()
    window.append(contentsOf: bytes)
  }

  /// Marks the end of the file.
  package mutating func finish() {
    finished = true
  }

  /// The next piece, or nil when more bytes are needed (before `finish`) or every byte has been
  /// handed out (after it). Throws where the whole file would be unreadable: an array file that is
  /// not valid JSON, at the error's byte offset.
  package mutating func next() throws(JSONStreamError) -> Piece? {
    while true {
      switch try step() {
      case .piece(let piece): return piece
      case .progressed: continue
      case .needsBytes:
        if blankEnd - emitted >= Self.blankPieceSize { return piece(upTo: blankEnd, entry: nil) }
        return nil
      }
    }
  }

  /// The layout and the searches of `bytes`, a whole file.
  static func entries(of bytes: [UInt8]) throws(JSONStreamError) -> (
    SavedSearchFile.Layout, [SavedSearchFile.Entry]
  ) {
    var reader = SavedSearchReader(keepingBytes: false)
    reader.append(bytes)
    reader.finish()
    var entries: [SavedSearchFile.Entry] = []
    while let piece = try reader.next() {
      if let entry = piece.entry { entries.append(entry) }
    }
    return (reader.layout ?? .jsonLines, entries)
  }

  // MARK: - Steps

  private var windowEnd: Int { base + window.count }

  private mutating func step() throws(JSONStreamError) -> Step {
    switch phase {
    case .start:
      // A byte order mark is skipped (and kept in the output) when the file starts with one.
      guard window.count >= 3 || finished else { return .needsBytes }
      if window.starts(with: [0xEF, 0xBB, 0xBF]) { cursor = 3 }
      phase = .probe(linesFrom: cursor)
      return .progressed
    case .probe(let linesFrom):
      return probe(linesFrom: linesFrom)
    case .arrayOpened:
      guard let c = skipBlanks() else { return finished ? startElement() : .needsBytes }
      if c == UInt8(ascii: "]") {
        cursor += 1
        blankEnd = cursor
        phase = .afterArray
        return .progressed
      }
      return startElement()
    case .element:
      guard skipBlanks() != nil || finished else { return .needsBytes }
      return try readElement()
    case .afterElement:
      let c = skipBlanks()
      guard c != nil || finished else { return .needsBytes }
      if c == UInt8(ascii: ",") {
        cursor += 1
        blankEnd = cursor
        phase = .element
        return .progressed
      }
      guard c == UInt8(ascii: "]") else {
        throw JSONStreamError(message: "expected ',' or ']'", offset: cursor)
      }
      cursor += 1
      blankEnd = cursor
      phase = .afterArray
      return .progressed
    case .afterArray:
      if skipBlanks() != nil {
        throw JSONStreamError(message: "unexpected text after the array", offset: cursor)
      }
      guard finished else { return .needsBytes }
      phase = .tail
      return .progressed
    case .line:
      return readLine()
    case .tail:
      phase = .done
      return emitted < windowEnd ? .piece(piece(upTo: windowEnd, entry: nil)) : .progressed
    case .done:
      return .needsBytes
    }
  }

  /// Blank space before the first telling byte: `[` starts an array, anything else JSON Lines (read
  /// from the start, past the byte order mark: its leading blank lines hold no search).
  private mutating func probe(linesFrom start: Int) -> Step {
    var linesFrom = start
    while cursor < windowEnd {
      let c = window[cursor - base]
      guard JSONTextReader.isBlank(c) else {
        if c == UInt8(ascii: "[") {
          layout = .array
          cursor += 1
          blankEnd = cursor
          phase = .arrayOpened
        } else {
          startLines(at: linesFrom)
        }
        return .progressed
      }
      cursor += 1
      if c == 0x0A {
        // Whole blank lines before the first search hold none in either layout.
        linesFrom = cursor
        blankEnd = cursor
      }
    }
    phase = .probe(linesFrom: linesFrom)
    guard finished else { return .needsBytes }
    startLines(at: linesFrom)
    return .progressed
  }

  private mutating func startLines(at offset: Int) {
    layout = .jsonLines
    cursor = offset
    lineScan = offset
    phase = .line
  }

  /// Advances `cursor` over blank space (which belongs to no search); returns the byte after it,
  /// nil when the bytes so far end first.
  private mutating func skipBlanks() -> UInt8? {
    while cursor < windowEnd {
      let c = window[cursor - base]
      if !JSONTextReader.isBlank(c) { return c }
      cursor += 1
    }
    blankEnd = cursor
    return nil
  }

  private mutating func startElement() -> Step {
    phase = .element
    return .progressed
  }

  /// One array element, read as `SavedSearchFile` reads it; again once more bytes arrived when the
  /// reading needed a byte past those read so far.
  private mutating func readElement() throws(JSONStreamError) -> Step {
    blankEnd = cursor
    guard finished || windowEnd >= retryAt else { return .needsBytes }
    elementReadings += 1
    var reader = JSONTextReader(bytes: window, from: cursor - base)
    let line = lineNumber(at: cursor)
    let outcome: Result<SavedSearchFile.Entry, JSONStreamError>
    do throws(JSONStreamError) {
      outcome = .success(try SavedSearchFile.readElement(&reader, index: entryCount, line: line))
    } catch {
      outcome = .failure(error)
    }
    guard finished || !reader.reachedEnd else {
      // Try again once the bytes after the cursor have doubled, so a long search costs linear time.
      retryAt = windowEnd + (windowEnd - cursor)
      return .needsBytes
    }
    switch outcome {
    case .failure(let error):
      throw JSONStreamError(message: error.message, offset: base + error.byteOffset)
    case .success(var entry):
      entry.shift(by: base)
      cursor = base + reader.offset
      blankEnd = cursor
      phase = .afterElement
      entryCount += 1
      return .piece(piece(upTo: cursor, entry: entry))
    }
  }

  /// One line of a JSON Lines file, read as `SavedSearchFile` reads it once it has all arrived.
  private mutating func readLine() -> Step {
    guard cursor < windowEnd || !finished else {
      phase = .tail
      return .progressed
    }
    let from = lineScan - base
    let end = base + window.withUnsafeBufferPointer { b in b[from...].firstIndex(of: 0x0A) ?? b.count }
    lineScan = end
    guard end < windowEnd || finished else { return .needsBytes }
    let start = cursor
    var reader = JSONTextReader(bytes: window, from: start - base, to: end - base)
    reader.skipWhitespace()
    cursor = min(end + 1, windowEnd)
    lineScan = cursor
    guard !reader.atEnd else {
      // A blank line: no search.
      blankEnd = cursor
      return .progressed
    }
    let line = lineNumber(at: start)
    var entry = SavedSearchFile.readLine(
      &reader, index: entryCount, line: line, range: (start - base)..<(end - base))
    if end < windowEnd {
      // The line holds no newline before `end`: the next starts on the next line, with no count.
      lineMark = (end + 1, line + 1)
    }
    entry.shift(by: base)
    entryCount += 1
    return .piece(piece(upTo: end, entry: entry))
  }

  // MARK: - Bytes

  /// Hands out the bytes from `emitted` to `end`.
  private mutating func piece(upTo end: Int, entry: SavedSearchFile.Entry?) -> Piece {
    let bytes = keepsBytes ? Array(window[(emitted - base)..<(end - base)]) : []
    let piece = Piece(entry: entry, offset: emitted, bytes: bytes)
    emitted = end
    if blankEnd < emitted { blankEnd = emitted }
    return piece
  }

  /// The 1-based line of `offset` (never before an offset asked for earlier).
  private mutating func lineNumber(at offset: Int) -> Int {
    let range = (lineMark.offset - base)..<(offset - base)
    lineMark.line += window.withUnsafeBufferPointer { b in
      // Branch-free, so the loop vectorises.
      var newlines = 0
      for byte in UnsafeBufferPointer(rebasing: b[range]) { newlines &+= byte == 0x0A ? 1 : 0 }
      return newlines
    }
    lineMark.offset = offset
    return lineMark.line
  }

  /// Forgets the bytes handed out, once they are at least half of what is kept (so each byte is
  /// moved a bounded number of times).
  private mutating func dropHandedOutBytes() {
    let drop = emitted - base
    guard drop > 0, drop * 2 >= window.count else { return }
    _ = lineNumber(at: max(lineMark.offset, emitted))
    window.removeFirst(drop)
    base = emitted
  }
}

extension SavedSearchFile.Entry {
  /// The entry with its ranges moved `delta` bytes later in the file.
  mutating func shift(by delta: Int) {
    guard delta != 0 else { return }
    range = (range.lowerBound + delta)..<(range.upperBound + delta)
    queryRange = queryRange.map { ($0.lowerBound + delta)..<($0.upperBound + delta) }
    providerRange = providerRange.map { ($0.lowerBound + delta)..<($0.upperBound + delta) }
  }
}
