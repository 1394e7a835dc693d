import Foundation

/// The real `invoiceql` REPL in a pseudo-terminal: `script -q -c CMD /dev/null` gives it a pty as
/// its controlling terminal (so Ctrl-C, byte 0x03, raises SIGINT as on a keyboard), and the test
/// types into script's stdin and reads what the terminal shows.
///
/// Nothing is timed: each step waits until the screen shows what it needs (a prompt, a line);
/// the deadline only keeps a broken REPL from hanging the test run.
final class TerminalSession: @unchecked Sendable {
  /// `.build/debug/invoiceql` beside this package (built by `swift build --build-tests`).
  static var binary: String {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path + "/.build/debug/invoiceql"
  }

  static var available: Bool {
    FileManager.default.isExecutableFile(atPath: "/usr/bin/script")
      && FileManager.default.isExecutableFile(atPath: binary)
  }

  private let process = Process()
  private let input = Pipe()
  private let output = Pipe()
  private let lock = NSLock()
  private var buffer = Data()

  /// Starts `invoiceql repl` with `stateHome` as XDG_STATE_HOME (its history) and colour as asked.
  init(stateHome: String, colour: Bool = false) throws {
    process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    // `script` runs the command through $SHELL, which shares the terminal and so gets the SIGINT
    // of a Ctrl-C too: dash dies of it and `script -e` reports 130. `exec` leaves only the REPL.
    process.arguments = ["-q", "-e", "-c", "exec \(Self.binary) repl", "/dev/null"]
    var environment = ProcessInfo.processInfo.environment
    environment["SHELL"] = "/bin/sh"
    environment["TERM"] = "xterm"
    environment["XDG_STATE_HOME"] = stateHome
    environment["NO_COLOR"] = colour ? nil : "1"
    // A crash prints its backtrace and ends: on a terminal the backtracer would wait for a key.
    environment["SWIFT_BACKTRACE"] = "enable=yes,interactive=no"
    process.environment = environment
    process.standardInput = input
    process.standardOutput = output
    process.standardError = output
    output.fileHandleForReading.readabilityHandler = { [weak self] handle in
      let data = handle.availableData
      guard let self else { return }
      self.lock.withLock { self.buffer.append(data) }
    }
    try process.run()
  }

  /// Everything the terminal showed so far.
  var screen: String { lock.withLock { String(decoding: buffer, as: UTF8.self) } }

  /// Types `keys` (a line ends with "\r", as Enter sends).
  func type(_ keys: String) {
    input.fileHandleForWriting.write(Data(keys.utf8))
  }

  /// Waits until the screen holds `text` `count` times; false if it never does.
  @discardableResult
  func waitFor(_ text: String, count: Int = 1, deadline seconds: Double = 60) -> Bool {
    let end = Date().addingTimeInterval(seconds)
    while Date() < end {
      if screen.components(separatedBy: text).count - 1 >= count { return true }
      if !process.isRunning { return screen.components(separatedBy: text).count - 1 >= count }
      usleep(10_000)
    }
    return false
  }

  /// Waits until the screen ends with the prompt (the REPL waits for a line); false if it never does.
  @discardableResult
  func waitForPrompt(deadline seconds: Double = 60) -> Bool {
    let end = Date().addingTimeInterval(seconds)
    while Date() < end && process.isRunning {
      if screen.hasSuffix(ReplTerminalTests.prompt) { return true }
      usleep(10_000)
    }
    return false
  }

  /// Ctrl-D at an empty prompt, then waits for the REPL to end; its exit status, or -1 when it had
  /// to be killed.
  func finish() -> Int32 {
    waitForPrompt()
    type("\u{4}")
    // A Ctrl-D typed while a command still runs (the terminal in cooked mode) reaches the next
    // prompt as a NUL, which libedit reads as quoted-insert: like a person, the session presses
    // Ctrl-D again.
    let end = Date().addingTimeInterval(60)
    var lastPress = Date()
    while process.isRunning && Date() < end {
      usleep(10_000)
      if Date().timeIntervalSince(lastPress) > 2 {
        type("\u{4}")
        lastPress = Date()
      }
    }
    let killed = process.isRunning
    if killed { process.terminate() }
    process.waitUntilExit()
    output.fileHandleForReading.readabilityHandler = nil
    return killed ? -1 : process.terminationStatus
  }
}
