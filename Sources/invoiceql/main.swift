import InvoiceQLCLI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

let status = await CommandLineTool.main(
  arguments: Array(CommandLine.arguments.dropFirst()),
  stdin: FileDescriptorSource.standardInput,
  stdout: FileDescriptorSink.standardOutput,
  stderr: FileDescriptorSink.standardError)
// `_exit`, not `exit`: output is written with write(2) as it goes (nothing is buffered), and
// `exit` would run Foundation's teardown, which waits for a data task still draining in the
// background (one the REPL or `run` abandoned; URLSessionTransport never cancels a task).
_exit(status.rawValue)
