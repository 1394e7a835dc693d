import Foundation

@testable import InvoiceQLCLI

/// Runs `invoiceql` in-process for the saved-search CLI tests.
struct SavedSearchCLI {
  var status: InvoiceQLCLI.ExitStatus
  var stdout: String
  var stderr: String

  static func run(_ arguments: [String], stdin: String = "") async -> SavedSearchCLI {
    let out = StringSink()
    let err = StringSink()
    let status = await CommandLineTool.main(
      arguments: arguments, stdin: StringSource(stdin), stdout: out, stderr: err)
    return SavedSearchCLI(status: status, stdout: out.text, stderr: err.text)
  }
}

/// A scratch directory removed when the test is done.
final class ScratchDirectory {
  let path: String
  init() throws {
    path = NSTemporaryDirectory() + "invoiceql-saved-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }
  deinit { try? FileManager.default.removeItem(atPath: path) }

  func file(_ name: String, _ contents: String) throws -> String {
    let p = path + "/" + name
    try Data(contents.utf8).write(to: URL(fileURLWithPath: p))
    return p
  }

  func read(_ name: String) throws -> String {
    String(decoding: try Data(contentsOf: URL(fileURLWithPath: path + "/" + name)), as: UTF8.self)
  }
}
