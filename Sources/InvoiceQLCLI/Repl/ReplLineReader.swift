#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the REPL's lines come from.
package protocol ReplLineReader {
  /// The next line (without its terminator), or nil at end of input.
  func readLine(prompt: String) -> String?
}

/// Lines from an `InputSource`; the prompt is written only when a person is typing.
package struct PlainLineReader: ReplLineReader {
  package var input: InputSource
  package var output: OutputSink
  package var showsPrompt: Bool

  package init(input: InputSource, output: OutputSink, showsPrompt: Bool) {
    self.input = input
    self.output = output
    self.showsPrompt = showsPrompt
  }

  package func readLine(prompt: String) -> String? {
    if showsPrompt { output.write(prompt) }
    return input.readLine()
  }
}

/// Line editing and history through the system's libedit, loaded at run time with `dlopen` (no
/// headers, no package): the REPL falls back to `PlainLineReader` when it is not installed.
package final class EditLineReader: ReplLineReader {
  private typealias ReadLine = @convention(c) (UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>?
  private typealias AddHistory = @convention(c) (UnsafePointer<CChar>?) -> Int32

  private let readLineFunction: ReadLine
  private let addHistory: AddHistory?

  private init(readLine: ReadLine, addHistory: AddHistory?) {
    self.readLineFunction = readLine
    self.addHistory = addHistory
  }

  /// The reader, or nil when libedit (`libedit.so.2`) cannot be loaded.
  package static func load() -> EditLineReader? {
    guard let handle = dlopen("libedit.so.2", RTLD_NOW | RTLD_LOCAL) ?? dlopen("libedit.so", RTLD_NOW),
      let readLine = dlsym(handle, "readline")
    else { return nil }
    let add = dlsym(handle, "add_history").map { unsafeBitCast($0, to: AddHistory.self) }
    return EditLineReader(readLine: unsafeBitCast(readLine, to: ReadLine.self), addHistory: add)
  }

  package func readLine(prompt: String) -> String? {
    guard let raw = prompt.withCString({ readLineFunction($0) }) else { return nil }
    defer { free(raw) }
    let line = String(cString: raw)
    if !line.allSatisfy(\.isWhitespace) { _ = addHistory?(raw) }
    return line
  }
}
