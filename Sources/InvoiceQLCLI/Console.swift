#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a command writes text: the process's stdout/stderr, or a buffer in tests.
package protocol OutputSink: AnyObject, Sendable {
  func write(_ text: String)
}

/// Where a command reads: lines for the REPL, raw bytes for `filter`.
package protocol InputSource: AnyObject, Sendable {
  /// The next line without its terminator, or nil at end of input.
  func readLine() -> String?
  /// Reads up to `buffer.count` bytes; 0 at end of input.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
  /// Whether a person is typing (prompts, line editing, progress lines).
  var isTerminal: Bool { get }
}

/// A file descriptor as an output sink (unbuffered `write(2)`, retried on partial writes).
package final class FileDescriptorSink: OutputSink {
  package let fd: Int32
  package init(fd: Int32) { self.fd = fd }
  package static let standardOutput = FileDescriptorSink(fd: 1)
  package static let standardError = FileDescriptorSink(fd: 2)

  package func write(_ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    bytes.withUnsafeMutableBytes { raw in
      while offset < raw.count {
        let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          return
        }
        offset += n
      }
    }
  }

  package var isTerminal: Bool { isatty(fd) == 1 }
}

/// A file descriptor as an input source (`read(2)`, no intermediate copies for bytes).
package final class FileDescriptorSource: InputSource, @unchecked Sendable {
  package let fd: Int32
  private var pending: [UInt8] = []
  private var atEnd = false
  package init(fd: Int32) { self.fd = fd }
  package static let standardInput = FileDescriptorSource(fd: 0)

  package var isTerminal: Bool { isatty(fd) == 1 }

  package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    if !pending.isEmpty {
      let n = Swift.min(pending.count, buffer.count)
      buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: pending.withUnsafeBytes { $0 }[0..<n]))
      pending.removeFirst(n)
      return n
    }
    while true {
      let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
      if n >= 0 { return n }
      if errno == EINTR { continue }
      throw InputError(errno: errno)
    }
  }

  package func readLine() -> String? {
    while true {
      if let nl = pending.firstIndex(of: 0x0A) {
        var line = Array(pending[..<nl])
        pending.removeFirst(nl + 1)
        if line.last == 0x0D { line.removeLast() }
        return String(decoding: line, as: UTF8.self)
      }
      if atEnd {
        if pending.isEmpty { return nil }
        defer { pending.removeAll() }
        return String(decoding: pending, as: UTF8.self)
      }
      var chunk = [UInt8](repeating: 0, count: 4096)
      let n = chunk.withUnsafeMutableBytes { raw in Glibc.read(fd, raw.baseAddress, raw.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { atEnd = true } else { pending += chunk[0..<n] }
    }
  }
}

/// An OS read error.
package struct InputError: Error, CustomStringConvertible {
  package var errno: Int32
  package var description: String { String(cString: strerror(errno)) }
}

/// Text held in memory: a test's stdin.
package final class StringSource: InputSource, @unchecked Sendable {
  private var bytes: [UInt8]
  private var offset = 0
  package let isTerminal: Bool
  package init(_ text: String, isTerminal: Bool = false) {
    self.bytes = Array(text.utf8)
    self.isTerminal = isTerminal
  }
  package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    let n = Swift.min(buffer.count, bytes.count - offset)
    bytes.withUnsafeBytes {
      buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + n]))
    }
    offset += n
    return n
  }
  package func readLine() -> String? {
    guard offset < bytes.count else { return nil }
    var end = offset
    while end < bytes.count && bytes[end] != 0x0A { end += 1 }
    var line = bytes[offset..<end]
    offset = Swift.min(end + 1, bytes.count)
    if line.last == 0x0D { line = line.dropLast() }
    return String(decoding: line, as: UTF8.self)
  }
}

/// Text collected in memory: a test's stdout or stderr.
package final class StringSink: OutputSink, @unchecked Sendable {
  private var storage = ""
  package init() {}
  package func write(_ text: String) { storage += text }
  package var text: String { storage }
}
