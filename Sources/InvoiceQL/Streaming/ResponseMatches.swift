import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

/// The matching invoices of a body that arrives as an asynchronous sequence of chunks, yielded as
/// soon as each one is complete (one chunk read ahead at most, so memory stays bounded).
package struct ResponseMatches<Chunks: AsyncSequence>: AsyncSequence
where Chunks.Element: Collection, Chunks.Element.Element == UInt8 {
  package typealias Element = InvoiceMatch

  let chunks: Chunks
  let filter: ResponseFilter
  let onFinish: (@Sendable (PageMetadata) -> Void)?

  package struct AsyncIterator: AsyncIteratorProtocol {
    var base: Chunks.AsyncIterator
    var filter: ResponseFilter
    let onFinish: (@Sendable (PageMetadata) -> Void)?
    var pending: [InvoiceMatch] = []
    var position = 0
    var finished = false

    package mutating func next() async throws -> InvoiceMatch? {
      while true {
        if position < pending.count {
          position += 1
          return pending[position - 1]
        }
        pending.removeAll(keepingCapacity: true)
        position = 0
        if finished { return nil }
        if let chunk = try await base.next() {
          pending = try filter.feed(chunk)
        } else {
          finished = true
          let metadata = try filter.finish()
          onFinish?(metadata)
        }
      }
    }
  }

  package func makeAsyncIterator() -> AsyncIterator {
    AsyncIterator(base: chunks.makeAsyncIterator(), filter: filter, onFinish: onFinish)
  }

  /// The matches decoded into a `Decodable` type.
  package func decoded<T: Decodable & Sendable>(as type: T.Type) -> AsyncThrowingMapSequence<Self, T> {
    map { try $0.decode(T.self) }
  }
}

extension ResponseFilter {
  /// Filters a body arriving as chunks; `onFinish` receives the page metadata once the body ended
  /// and was found complete.
  package func matches<Chunks: AsyncSequence>(
    in chunks: Chunks, onFinish: (@Sendable (PageMetadata) -> Void)? = nil
  ) -> ResponseMatches<Chunks> where Chunks.Element: Collection, Chunks.Element.Element == UInt8 {
    ResponseMatches(chunks: chunks, filter: self, onFinish: onFinish)
  }
}
