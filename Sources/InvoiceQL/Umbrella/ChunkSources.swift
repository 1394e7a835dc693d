#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An asynchronous sequence of single bytes, regrouped into chunks of up to 64 KiB, so that a
/// filter reads a byte stream (`URL.resourceBytes`) at the speed of a chunked one.
public struct ByteBatches<Bytes: AsyncSequence>: AsyncSequence where Bytes.Element == UInt8 {
  public typealias Element = [UInt8]
  let bytes: Bytes
  static var batchSize: Int { 1 << 16 }

  /// Collects the bytes into batches.
  public struct AsyncIterator: AsyncIteratorProtocol {
    var base: Bytes.AsyncIterator
    var ended = false

    /// The next batch; nil after the last byte.
    public mutating func next() async throws -> [UInt8]? {
      if ended { return nil }
      var batch: [UInt8] = []
      batch.reserveCapacity(ByteBatches.batchSize)
      while batch.count < ByteBatches.batchSize {
        guard let byte = try await base.next() else {
          ended = true
          break
        }
        batch.append(byte)
      }
      return batch.isEmpty ? nil : batch
    }
  }

  public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: bytes.makeAsyncIterator()) }
}

extension ByteBatches: Sendable where Bytes: Sendable {}

/// The bytes of a file, read in chunks of 256 KiB as they are asked for: what
/// ``InvoiceFilter/matches(inFile:)`` reads. A file that cannot be opened or read throws
/// ``FileReadError``.
public struct FileChunks: AsyncSequence, Sendable {
  public typealias Element = [UInt8]
  /// The file's path.
  public let path: String

  /// Reads the file from its start.
  public final class AsyncIterator: AsyncIteratorProtocol {
    let path: String
    var fd: Int32 = -1
    var ended = false

    init(path: String) { self.path = path }
    deinit { if fd >= 0 { close(fd) } }

    /// The next chunk; nil at the end of the file.
    public func next() async throws -> [UInt8]? {
      if ended { return nil }
      if fd < 0 {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileReadError(path: path, operation: "open", code: errno) }
      }
      var chunk = [UInt8](repeating: 0, count: 1 << 18)
      var n = 0
      var failure: Int32 = 0
      chunk.withUnsafeMutableBytes { raw in
        while true {
          n = read(fd, raw.baseAddress!, raw.count)
          if n >= 0 || errno != EINTR {
            if n < 0 { failure = errno }
            return
          }
        }
      }
      guard n >= 0 else { throw FileReadError(path: path, operation: "read", code: failure) }
      if n == 0 {
        ended = true
        close(fd)
        fd = -1
        return nil
      }
      chunk.removeSubrange(n...)
      return chunk
    }
  }

  public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(path: path) }
}

/// A file that could not be opened or read: its path, what failed and the system's reason.
public struct FileReadError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file's path.
  public var path: String
  /// `open` or `read`.
  public var operation: String
  /// The `errno` value.
  public var code: Int32

  public var description: String {
    "cannot \(operation) '\(path)': \(String(cString: strerror(code)))"
  }
}
