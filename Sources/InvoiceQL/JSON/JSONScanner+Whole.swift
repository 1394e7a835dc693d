/// Whole-document conveniences over the incremental scanner.
extension JSONScanner {
  /// Scans `chunk` to its end, handing every event to `handle` (which may change what is captured).
  package mutating func scan(
    _ chunk: some Collection<UInt8>, handle: (inout JSONScanner, Event) throws(JSONStreamError) -> Void
  ) throws(JSONStreamError) {
    var failure: JSONStreamError?
    func run(_ buffer: UnsafeBufferPointer<UInt8>) {
      var index = 0
      do throws(JSONStreamError) {
        while let event = try next(in: buffer, at: &index) { try handle(&self, event) }
      } catch {
        failure = error
      }
    }
    if chunk.withContiguousStorageIfAvailable(run) == nil {
      Array(chunk).withUnsafeBufferPointer(run)
    }
    if let failure { throw failure }
  }

  /// Validates one JSON document, throwing its first error with the byte offset.
  package static func validate(_ bytes: some Collection<UInt8>) throws(JSONStreamError) {
    var scanner = JSONScanner(reportDepth: -1)
    try scanner.scan(bytes) { _, _ throws(JSONStreamError) in }
    while try scanner.finish() != nil {}
  }

  /// The document's compact form: whitespace between tokens removed, everything else byte-exact.
  package static func compact(_ bytes: some Collection<UInt8>) throws(JSONStreamError) -> [UInt8] {
    var scanner = JSONScanner(reportDepth: -1)
    scanner.isCapturing = true
    try scanner.scan(bytes) { _, _ throws(JSONStreamError) in }
    while try scanner.finish() != nil {}
    return scanner.captured
  }
}
