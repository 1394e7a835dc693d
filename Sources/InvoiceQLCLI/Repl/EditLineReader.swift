import Foundation
import InvoiceQL

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Line editing, completion and history through the system's libedit (its readline interface),
/// loaded at run time with `dlopen("libedit.so.2")` — no headers, no package. The REPL falls back to
/// `PlainLineReader` when it is not installed.
///
/// - Completion: `rl_attempted_completion_function` asks `ReplCompleter` and answers through
///   `rl_completion_matches`; file names are never offered (`rl_attempted_completion_over`).
/// - History: read from and written to `historyFile` after every line, at most
///   `ReplHistory.maximumLines` entries (`stifle_history`).
/// - Ctrl-C: libedit's own signal handling is off (`rl_catch_signals = 0`) and characters come
///   through `rl_getc_function`, which gives up the line when `ReplInterrupt` is raised; the
///   reader then returns an empty line, so the REPL prompts again.
package final class EditLineReader: ReplLineReader {
  typealias ReadLine = @convention(c) (UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>?
  typealias TakesString = @convention(c) (UnsafePointer<CChar>?) -> Int32
  typealias TakesInt = @convention(c) (Int32) -> Void
  typealias Generator = @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>?
  typealias Matches =
    @convention(c) (UnsafePointer<CChar>?, Generator?) -> UnsafeMutablePointer<
      UnsafeMutablePointer<CChar>?
    >?
  typealias Attempted =
    @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<
      UnsafeMutablePointer<CChar>?
    >?
  typealias GetC = @convention(c) (UnsafeMutableRawPointer?) -> Int32

  private let readLineFunction: ReadLine
  private let addHistory: TakesString?
  private let writeHistory: TakesString?
  private let historyFile: String?
  private let output: OutputSink

  private init(
    readLine: ReadLine, addHistory: TakesString?, writeHistory: TakesString?, historyFile: String?,
    output: OutputSink
  ) {
    self.readLineFunction = readLine
    self.addHistory = addHistory
    self.writeHistory = writeHistory
    self.historyFile = historyFile
    self.output = output
  }

  /// The reader, or nil when libedit cannot be loaded. `historyFile` nil keeps no history.
  package static func load(completer: ReplCompleter, historyFile: String?, output: OutputSink)
    -> EditLineReader?
  {
    guard let handle = dlopen("libedit.so.2", RTLD_NOW | RTLD_LOCAL) ?? dlopen("libedit.so", RTLD_NOW),
      let readLine = dlsym(handle, "readline")
    else { return nil }
    func function<T>(_ name: String, _ type: T.Type) -> T? {
      dlsym(handle, name).map { unsafeBitCast($0, to: type) }
    }
    func variable<T>(_ name: String, _ type: T.Type) -> UnsafeMutablePointer<T>? {
      dlsym(handle, name)?.assumingMemoryBound(to: type)
    }
    // Everything is set before the first call into libedit, which reads it when it initialises.
    variable("rl_catch_signals", Int32.self)?.pointee = 0
    variable("rl_getc_function", Optional<GetC>.self)?.pointee = editLineGetC
    variable("rl_basic_word_break_characters", Optional<UnsafePointer<CChar>>.self)?.pointee =
      UnsafePointer(strdup(ReplCompleter.wordBreaks))
    if let matches = function("rl_completion_matches", Matches.self),
      let attempted = variable("rl_attempted_completion_function", Optional<Attempted>.self)
    {
      EditLineCompletion.state = EditLineCompletion(
        completer: completer, matches: matches,
        lineBuffer: variable("rl_line_buffer", Optional<UnsafeMutablePointer<CChar>>.self),
        over: variable("rl_attempted_completion_over", Int32.self))
      attempted.pointee = editLineAttemptedCompletion
    }
    // libedit learns the terminal's cooked mode when it initialises: do it now, while the terminal
    // is still as the user left it (`readLine` changes it before every prompt).
    _ = function("rl_initialize", (@convention(c) () -> Int32).self)?()
    if let historyFile {
      function("stifle_history", TakesInt.self)?(Int32(ReplHistory.maximumLines))
      _ = function("read_history", TakesString.self)?(historyFile)
    }
    return EditLineReader(
      readLine: unsafeBitCast(readLine, to: ReadLine.self),
      addHistory: function("add_history", TakesString.self),
      writeHistory: historyFile == nil ? nil : function("write_history", TakesString.self),
      historyFile: historyFile,
      output: output)
  }

  package func prepare(for session: ReplSession) {
    EditLineCompletion.state?.session = session
  }

  package func readLine(prompt: String) -> String? {
    ReplInterrupt.reset()
    Self.leaveCanonicalMode()
    let raw = prompt.withCString { readLineFunction($0) }
    // The line is in: from here until the next prompt, Ctrl-C must stop what the line runs, so
    // the terminal gets its signal characters back at once (libedit may leave ISIG off).
    _ = TerminalSignals.enable()
    if ReplInterrupt.isSet {
      // Ctrl-C: the line is dropped and the REPL prompts again.
      if let raw { free(raw) }
      ReplInterrupt.reset()
      output.write("^C\n")
      return ""
    }
    guard let raw else {
      output.write("\n")
      return nil
    }
    defer { free(raw) }
    let line = String(cString: raw)
    if !line.allSatisfy(\.isWhitespace) {
      _ = addHistory?(raw)
      if let historyFile { _ = writeHistory?(historyFile) }
    }
    return line
  }
}

extension EditLineReader {
  /// Turns the terminal's canonical mode and echo off (signals stay on) before `readline` runs.
  ///
  /// `readline` prints the prompt first and only then switches the terminal to its raw mode, and
  /// it restores cooked mode after every line. A key typed as soon as the prompt shows went through
  /// the line discipline: echoed twice, and Ctrl-D became an end-of-file mark, which the raw read
  /// then returns as a NUL byte; libedit binds NUL to quoted-insert, so the next Ctrl-D was inserted
  /// as text and Ctrl-D could no longer leave the REPL. libedit only learns the terminal's modes
  /// while it is in canonical mode, so this does not change what it restores.
  static func leaveCanonicalMode() {
    guard isatty(0) == 1 else { return }
    var mode = termios()
    guard tcgetattr(0, &mode) == 0 else { return }
    mode.c_lflag &= ~tcflag_t(ICANON | ECHO)
    mode.c_lflag |= tcflag_t(ISIG)
    withUnsafeMutableBytes(of: &mode.c_cc) {
      $0[Int(VMIN)] = 1
      $0[Int(VTIME)] = 0
    }
    _ = tcsetattr(0, TCSANOW, &mode)
  }
}

/// The completion state the C callbacks read (they cannot capture context). The REPL reads one
/// line at a time on one thread, so this is only ever touched from that thread.
struct EditLineCompletion {
  nonisolated(unsafe) static var state: EditLineCompletion?
  nonisolated(unsafe) static var candidates: [String] = []

  let completer: ReplCompleter
  let matches: EditLineReader.Matches
  let lineBuffer: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
  let over: UnsafeMutablePointer<Int32>?
  var session: ReplSession?
}

/// `rl_attempted_completion_function`: candidates for the word from `start` to `end` (bytes).
private let editLineAttemptedCompletion: EditLineReader.Attempted = { text, start, _ in
  guard let state = EditLineCompletion.state, let session = state.session else { return nil }
  state.over?.pointee = 1
  var prefix = ""
  if let buffer = state.lineBuffer?.pointee {
    let bytes = UnsafeBufferPointer(
      start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: strlen(buffer))
    prefix = String(decoding: bytes.prefix(Int(max(0, start))), as: UTF8.self)
  }
  let word = text.map { String(cString: $0) } ?? ""
  EditLineCompletion.candidates = state.completer.candidates(before: prefix, word: word, session: session)
  guard !EditLineCompletion.candidates.isEmpty else { return nil }
  return state.matches(text, editLineGenerator)
}

/// The generator `rl_completion_matches` calls with 0, 1, 2… until it returns NULL.
private let editLineGenerator: EditLineReader.Generator = { _, index in
  let candidates = EditLineCompletion.candidates
  guard index >= 0, Int(index) < candidates.count else { return nil }
  return strdup(candidates[Int(index)])
}

/// `rl_getc_function`: one character from stdin (a UTF-8 sequence decoded to its scalar), or EOF
/// (-1) at the end of input or when Ctrl-C was pressed. It waits with `poll` in short slices and
/// looks at `ReplInterrupt` between them: SIGINT may be delivered to any of the process's threads,
/// so an interrupted `read` cannot be relied on.
private let editLineGetC: EditLineReader.GetC = { _ in
  func byte() -> Int32 {
    var b: UInt8 = 0
    // libedit reads a -1 with `errno` EINTR or EAGAIN as "try again": a stale EINTR (left by the
    // SIGINT of a stopped query) would turn Ctrl-D's end of input into an endless wait, so every
    // -1 here clears `errno` first.
    while true {
      if ReplInterrupt.isSet {
        errno = 0
        return -1
      }
      var ready = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
      let polled = poll(&ready, 1, 100)
      if polled == 0 || (polled < 0 && errno == EINTR) { continue }
      let n = read(0, &b, 1)
      if n == 1 { return Int32(b) }
      if n < 0 && errno == EINTR { continue }
      errno = 0
      return -1
    }
  }
  let first = byte()
  guard first >= 0x80 else { return first }
  let length = first >= 0xF0 ? 3 : first >= 0xE0 ? 2 : first >= 0xC0 ? 1 : 0
  var scalar = first & (0x3F >> Int32(length))
  for _ in 0..<length {
    let next = byte()
    guard next >= 0 else { return -1 }
    scalar = scalar << 6 | (next & 0x3F)
  }
  return scalar
}

/// Where the REPL keeps its history: one file per user, across sessions.
package enum ReplHistory {
  /// Entries kept; older ones are dropped.
  package static let maximumLines = 1000

  /// `$XDG_STATE_HOME/invoiceql/history`, else `~/.local/state/invoiceql/history` (the directory
  /// is created); nil when neither can be found or made.
  package static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> String?
  {
    let base: String
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      base = state
    } else if let home = environment["HOME"], !home.isEmpty {
      base = home + "/.local/state"
    } else {
      return nil
    }
    let directory = base + "/invoiceql"
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    } catch {
      return nil
    }
    return directory + "/history"
  }
}
