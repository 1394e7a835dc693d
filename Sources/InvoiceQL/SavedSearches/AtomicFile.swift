import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLProviders
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whole-file reads and crash-safe replacement.
///
/// `replace` writes a temporary file in the same directory (so the rename never crosses a file
/// system), flushes it to disk, renames it over the target and flushes the directory: a run killed
/// at any moment leaves either the old file or the new one, never a mix or a truncation.
package enum AtomicFile {
  /// An OS error on a path.
  package struct Failure: Error, Sendable, CustomStringConvertible {
    package var path: String
    package var operation: String
    package var code: Int32
    package var description: String {
      "cannot \(operation) '\(path)': \(String(cString: strerror(code)))"
    }
  }

  /// Reads a whole file.
  package static func read(_ path: String) throws(Failure) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw Failure(path: path, operation: "open", code: errno) }
    defer { close(fd) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw Failure(path: path, operation: "read", code: errno)
      }
      if n == 0 { return out }
      out += chunk[0..<n]
    }
  }

  /// Writes `bytes` to a new or truncated file (not atomic: for `-o OUT`).
  package static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw Failure(path: path, operation: "create", code: errno) }
    defer { close(fd) }
    try writeAll(fd, bytes, path: path)
  }

  /// Atomically replaces the file at `path` with `bytes`, keeping its permission bits.
  package static func replace(_ path: String, with bytes: [UInt8]) throws(Failure) {
    let writer = try Writer(replacing: path, followingLinks: false)
    try writer.write(bytes)
    try writer.commit()
  }

  static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(Failure) {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { raw in
        Glibc.write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw Failure(path: path, operation: "write", code: errno)
      }
      offset += n
    }
  }

  static func directoryName(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let dir = String(path[..<slash])
    return dir.isEmpty ? "/" : dir
  }
}
