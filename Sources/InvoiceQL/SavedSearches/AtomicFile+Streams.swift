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

extension AtomicFile {
  /// A file read a chunk at a time, so that a file of any size goes through in bounded memory.
  package final class ChunkReader {
    package let path: String
    private let fd: Int32
    /// Whether it is a regular file, which `rewind` can read again from its start (a pipe cannot).
    package let isRegularFile: Bool

    package init(path: String) throws(Failure) {
      self.path = path
      fd = open(path, O_RDONLY | O_CLOEXEC)
      guard fd >= 0 else { throw Failure(path: path, operation: "open", code: errno) }
      var info = stat()
      isRegularFile = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    deinit { close(fd) }

    /// Appends up to `count` more bytes to `buffer`; false (appending nothing) at the end.
    package func read(appendingTo buffer: inout [UInt8], count: Int = 1 << 18) throws(Failure) -> Bool {
      let old = buffer.count
      // Geometric growth: a pipe is read whole a chunk at a time, and reserving exactly one more
      // chunk each time would copy everything read so far at every chunk.
      if buffer.capacity < old + count { buffer.reserveCapacity(Swift.max(old + count, 2 * buffer.capacity)) }
      var failure: Int32 = 0
      var n = 0
      buffer.append(contentsOf: repeatElement(0, count: count))
      buffer.withUnsafeMutableBytes { raw in
        while true {
          n = Glibc.read(fd, raw.baseAddress! + old, count)
          if n >= 0 { return }
          if errno != EINTR {
            failure = errno
            return
          }
        }
      }
      buffer.removeLast(count - max(n, 0))
      if failure != 0 { throw Failure(path: path, operation: "read", code: failure) }
      return n > 0
    }

    /// Goes back to the file's first byte (a regular file only).
    package func rewind() throws(Failure) {
      guard lseek(fd, 0, SEEK_SET) == 0 else { throw Failure(path: path, operation: "read", code: errno) }
    }
  }

  /// A file written in full before it takes its target's place: it is written to a new file in the
  /// target's directory, which `commit` flushes and renames over the target, so a run that fails or
  /// is killed at any moment leaves the target as it was (or the new file whole), never a part of it.
  /// Dropped without `commit`, it removes the new file. A target that exists and is not a regular
  /// file (a pipe, a device, `/dev/stdout`) is written to directly instead.
  package final class Writer {
    package let path: String
    private let fd: Int32
    /// The new file, renamed over `target` on commit (nil when writing to the target directly).
    private let temporary: String?
    private let target: String
    private var buffer: [UInt8] = []
    private var done = false

    /// A writer for `path`. `followingLinks`: when `path` is a symbolic link, the file it points
    /// to is replaced (the link stays); otherwise the link itself is.
    package init(replacing path: String, followingLinks: Bool) throws(Failure) {
      self.path = path
      var info = stat()
      let exists = stat(path, &info) == 0
      guard !exists || (info.st_mode & S_IFMT) == S_IFREG else {
        fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(path: path, operation: "open", code: errno) }
        temporary = nil
        target = path
        return
      }
      var resolved = path
      if exists && followingLinks, let real = realpath(path, nil) {
        resolved = String(cString: real)
        free(real)
      }
      target = resolved
      let directory = AtomicFile.directoryName(of: resolved)
      let base = resolved.split(separator: "/").last.map(String.init) ?? resolved
      var created: (Int32, String)?
      for _ in 0..<100 where created == nil {
        let name =
          directory + "/." + base + ".invoiceql-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        // The mode a new file gets (the umask applies); an existing file's mode is copied below.
        let fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd >= 0 {
          created = (fd, name)
        } else if errno != EEXIST {
          throw Failure(path: directory, operation: "create a temporary file in", code: errno)
        }
      }
      guard let (fd, name) = created else {
        throw Failure(path: directory, operation: "create a temporary file in", code: EEXIST)
      }
      self.fd = fd
      temporary = name
      if exists { _ = fchmod(fd, info.st_mode & 0o7777) }
    }

    deinit {
      close(fd)
      if !done, let temporary { unlink(temporary) }
    }

    /// Appends `bytes` to the new content.
    package func write(_ bytes: some Collection<UInt8>) throws(Failure) {
      buffer.append(contentsOf: bytes)
      if buffer.count >= 1 << 18 { try flush() }
    }

    /// Puts the new content in place of the target.
    package func commit() throws(Failure) {
      try flush()
      guard let temporary else {
        done = true
        return
      }
      guard fsync(fd) == 0 else { throw Failure(path: temporary, operation: "flush", code: errno) }
      guard rename(temporary, target) == 0 else {
        throw Failure(path: path, operation: "replace", code: errno)
      }
      done = true
      let dirfd = open(AtomicFile.directoryName(of: target), O_RDONLY | O_CLOEXEC)
      if dirfd >= 0 {
        _ = fsync(dirfd)
        close(dirfd)
      }
    }

    private func flush() throws(Failure) {
      try AtomicFile.writeAll(fd, buffer, path: temporary ?? path)
      buffer.removeAll(keepingCapacity: true)
    }
  }
}
