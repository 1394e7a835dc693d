import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Stops the real `invoiceql` binary in the middle of `rewrite --in-place` and checks the file.
/// Nothing is timed: the points where it stops are counted in bytes of output, or are where it was
/// seen to be, with the process frozen while it is looked at.
@Suite("rewrite --in-place stopped mid-write")
struct RewriteKillTests {
  /// `.build/debug/invoiceql` beside this package (built by `swift build --build-tests`).
  static var binary: String {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path + "/.build/debug/invoiceql"
  }

  static func bigFile(count: Int) -> String {
    (0..<count).map { i in
      "{\"name\": \"s\(i)\", \"provider\": \"elevate\", \"query\": \"paymentStatusUpdatedDate = \\\"2025-0\(i % 9 + 1)-01\\\" and invoiceTotalAmount > \(i)\", \"owner\": {\"id\": \(i)}}"
    }.joined(separator: "\n") + "\n"
  }

  /// `sh`'s `ulimit -f` unit.
  static let block = 512
  static let mode = 0o640

  /// A scratch directory holding the rules and the searches, and the rewrite's arguments.
  struct Setup {
    let dir: ScratchDirectory
    let old: String
    let path: String
    let arguments: [String]

    init() throws {
      dir = try ScratchDirectory()
      old = RewriteKillTests.bigFile(count: 2500)
      let rules = try dir.file(
        "rules.json",
        "{\"fields\": [{\"from\": \"paymentStatusUpdatedDate\", \"to\": \"paymentStatusUpdatedTime\", \"provider\": \"elevate\"}]}"
      )
      path = try dir.file("searches.jsonl", old)
      arguments = ["rewrite", "--rules", rules, "--in-place", path]
    }

    func reset() throws {
      _ = try dir.file("searches.jsonl", old)
      try FileManager.default.setAttributes([.posixPermissions: RewriteKillTests.mode], ofItemAtPath: path)
    }

    /// Files other than the rules and the searches.
    func leftovers() throws -> [String] {
      try FileManager.default.contentsOfDirectory(atPath: dir.path)
        .filter { $0 != "rules.json" && $0 != "searches.jsonl" }.sorted()
    }

    func permissions() throws -> Int? {
      (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }

    /// One uninterrupted run: the new content, the permissions kept, nothing left beside it.
    func newContent() throws -> String {
      try reset()
      let status = try RewriteKillTests.wait(RewriteKillTests.spawn(arguments, fileSizeBlocks: nil))
      #expect(status == .exited(0))
      let new = try dir.read("searches.jsonl")
      #expect(new != old)
      #expect(new.contains("paymentStatusUpdatedTime = \\\"2025-01-01\\\" and invoiceTotalAmount > 0"))
      #expect(try permissions() == RewriteKillTests.mode)
      #expect(try leftovers() == [])
      return new
    }
  }

  /// The output may fail at any byte (here the file-size limit, `ulimit -f k`, reached after k
  /// blocks): the rewrite fails, and the searches are the old file byte for byte, with their
  /// permissions, and nothing is left beside them.
  @Test func propertyARewriteWhoseOutputFailsAtAnyByteLeavesTheOldFile() throws {
    #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "build the invoiceql binary first")
    let setup = try Setup()
    let new = Array(try setup.newContent().utf8)
    #expect(new.count > 40 * Self.block, "the output should span many failure points")
    var rng = SplitMix64(seed: 0xC0FFEE)
    let lastBlock = (new.count - 1) / Self.block
    for blocks in [1, lastBlock] + (0..<8).map({ _ in Int(rng.next() % UInt64(lastBlock)) + 1 }) {
      try setup.reset()
      let status = try Self.wait(Self.spawn(setup.arguments, fileSizeBlocks: blocks))
      #expect(status != .exited(0), "the rewrite succeeded past its file-size limit of \(blocks) blocks")
      #expect(
        try setup.dir.read("searches.jsonl") == setup.old, "failed at \(blocks) blocks: the file changed")
      #expect(try setup.permissions() == Self.mode)
      #expect(try setup.leftovers() == [], "failed at \(blocks) blocks")
    }
  }

  /// SIGKILL where the rewrite was seen writing its new content: frozen (SIGSTOP) as soon as its
  /// temporary file appears, looked at, then killed. If the temporary file was still there while
  /// frozen, nothing had replaced the searches: they are the old file and the temporary file holds
  /// a prefix of the new one; in any case the searches are the old file or the new one, whole.
  @Test func propertyARewriteKilledWhileWritingLeavesTheOldFileOrTheNewOneWhole() throws {
    #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "build the invoiceql binary first")
    let setup = try Setup()
    let new = try setup.newContent()
    for _ in 0..<6 {
      try setup.reset()
      let pid = try Self.spawn(setup.arguments, fileSizeBlocks: nil)
      var seenWriting: String?
      var status: ExitStatus?
      while status == nil, seenWriting == nil {
        status = Self.poll(pid)
        if status == nil, let temporary = try setup.leftovers().first {
          kill(pid, SIGSTOP)
          var raw: Int32 = 0
          while waitpid(pid, &raw, WUNTRACED) < 0 && errno == EINTR {}
          guard raw & 0xff == 0x7f else {
            status = Self.decode(raw)  // it ended before it could be stopped
            continue
          }
          if FileManager.default.fileExists(atPath: setup.dir.path + "/" + temporary) {
            seenWriting = temporary
          }
          kill(pid, SIGKILL)
          status = try Self.wait(pid)
        }
      }
      let now = try setup.dir.read("searches.jsonl")
      #expect(now == setup.old || now == new, "a killed rewrite left a mixed or truncated file")
      if let temporary = seenWriting {
        #expect(now == setup.old, "replaced while its temporary file was still being written")
        let written = try Data(contentsOf: URL(fileURLWithPath: setup.dir.path + "/" + temporary))
        #expect(new.utf8.starts(with: written), "\(temporary) is not a prefix of the new file")
        try FileManager.default.removeItem(atPath: setup.dir.path + "/" + temporary)
      }
      for name in try setup.leftovers() {
        try FileManager.default.removeItem(atPath: setup.dir.path + "/" + name)
      }
    }
  }

  enum ExitStatus: Equatable {
    case exited(Int32)
    case signalled(Int32)
  }

  /// Starts the binary, under `sh`'s `ulimit -f blocks` when given; stdout and stderr discarded.
  static func spawn(_ arguments: [String], fileSizeBlocks: Int?) throws -> pid_t {
    let command =
      fileSizeBlocks.map { ["/bin/sh", "-c", "ulimit -f \($0) && exec \"$0\" \"$@\"", binary] } ?? [binary]
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = (command + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid = pid_t()
    let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
    guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
    return pid
  }

  static func decode(_ raw: Int32) -> ExitStatus {
    raw & 0x7f == 0 ? .exited((raw >> 8) & 0xff) : .signalled(raw & 0x7f)
  }

  static func wait(_ pid: pid_t) throws -> ExitStatus {
    var raw: Int32 = 0
    while waitpid(pid, &raw, 0) < 0 {
      guard errno == EINTR else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EINVAL) }
    }
    return decode(raw)
  }

  /// The status if the process has ended, else nil (without waiting).
  static func poll(_ pid: pid_t) -> ExitStatus? {
    var raw: Int32 = 0
    return waitpid(pid, &raw, WNOHANG) == pid ? decode(raw) : nil
  }
}
