#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What every benchmark measures with, written against the C library only: the benchmark links
/// nothing of Foundation beyond FoundationEssentials (for the `JSONDecoder` baseline), so the memory
/// figure of its child process is the library's, not Foundation's.
enum Measuring {
  /// This thread's CPU time: the machine is shared, so wall time would measure the neighbours.
  static func cpuNanoseconds() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
  }

  /// The median CPU time in nanoseconds of `runs` calls of `body` (its result is kept alive).
  static func median(runs: Int, _ body: () -> Int) -> Double {
    var times: [Double] = []
    var sink = 0
    for _ in 0..<runs {
      let start = cpuNanoseconds()
      sink &+= body()
      times.append(Double(cpuNanoseconds() - start))
    }
    if sink == Int.min { print(sink) }
    return times.sorted()[times.count / 2]
  }

  /// `x` with `decimals` digits after the point (`String(format:)` would need all of Foundation).
  static func format(_ x: Double, _ decimals: Int) -> String {
    guard x.isFinite else { return String(x) }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = Int((abs(x) * scale).rounded())
    let sign = x < 0 && scaled != 0 ? "-" : ""
    guard decimals > 0 else { return sign + String(scaled) }
    let unit = Int(scale)
    let digits = String(scaled % unit)
    return sign + String(scaled / unit) + "."
      + String(repeating: "0", count: max(0, decimals - digits.count)) + digits
  }

  /// A `/proc/self/status` figure in MiB (`VmHWM:`, `VmRSS:`, `RssAnon:`); -1 where there is none.
  static func memoryMiB(_ field: String) -> Double {
    let fd = open("/proc/self/status", O_RDONLY)
    guard fd >= 0 else { return -1 }
    defer { close(fd) }
    var bytes = [UInt8](repeating: 0, count: 8192)
    let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    guard count > 0 else { return -1 }
    let text = String(decoding: bytes[..<count], as: UTF8.self)
    for line in text.split(separator: "\n") where line.hasPrefix(field) {
      let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
      return Double(kb) / 1024
    }
    return -1
  }

  /// Runs this executable again with `arguments` and returns what it printed, or why it could not.
  static func runSelf(_ arguments: [String]) -> Result<String, SpawnError> {
    let path = "/proc/self/exe"
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return .failure(SpawnError(step: "pipe", code: errno)) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
    posix_spawn_file_actions_addclose(&actions, fds[0])
    posix_spawn_file_actions_addclose(&actions, fds[1])
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid = pid_t()
    let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
    close(fds[1])
    defer { close(fds[0]) }
    guard spawned == 0 else { return .failure(SpawnError(step: "posix_spawn", code: spawned)) }
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { break }
      output += buffer[..<n]
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    guard status == 0 else { return .failure(SpawnError(step: "child exit status", code: status)) }
    return .success(String(decoding: output, as: UTF8.self))
  }

  /// A step of `runSelf` that failed, with its `errno` or status.
  struct SpawnError: Error, CustomStringConvertible {
    var step: String
    var code: Int32
    var description: String { "\(step) failed (\(code))" }
  }
}

extension String {
  /// Padded with spaces to `width`, on the left (numbers) or the right (names).
  func padded(_ width: Int, left: Bool = false) -> String {
    let pad = String(repeating: " ", count: max(0, width - count))
    return left ? pad + self : self + pad
  }
}
