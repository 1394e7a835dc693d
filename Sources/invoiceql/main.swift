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
exit(status.rawValue)
