#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the REPL's lines come from.
public protocol ReplLineReader {
  /// The next line (without its terminator), or nil at end of input.
  func readLine(prompt: String) -> String?
  /// Called before each line with the session as it stands, for completion.
  func prepare(for session: ReplSession)
}

extension ReplLineReader {
  public func prepare(for session: ReplSession) {}
}

/// Lines from an `InputSource`; the prompt is written only when a person is typing.
public struct PlainLineReader: ReplLineReader {
  public var input: InputSource
  public var output: OutputSink
  public var showsPrompt: Bool

  public init(input: InputSource, output: OutputSink, showsPrompt: Bool) {
    self.input = input
    self.output = output
    self.showsPrompt = showsPrompt
  }

  public func readLine(prompt: String) -> String? {
    if showsPrompt { output.write(prompt) }
    return input.readLine()
  }
}
