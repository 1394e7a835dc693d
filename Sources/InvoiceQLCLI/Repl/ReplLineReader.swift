#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the REPL's lines come from.
package protocol ReplLineReader {
  /// The next line (without its terminator), or nil at end of input.
  func readLine(prompt: String) -> String?
  /// Called before each line with the session as it stands, for completion.
  func prepare(for session: ReplSession)
}

extension ReplLineReader {
  package func prepare(for session: ReplSession) {}
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
