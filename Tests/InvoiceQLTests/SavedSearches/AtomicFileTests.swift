import Foundation
import Testing

@testable import InvoiceQL
@testable import InvoiceQLImport
@testable import InvoiceQLJSON
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSavedSearches
@testable import InvoiceQLSemantics
@testable import InvoiceQLStreaming
@testable import InvoiceQLSyntax

@Suite("Atomic file replacement")
struct AtomicFileTests {
  private func temporaryDirectory() throws -> String {
    let dir = NSTemporaryDirectory() + "invoiceql-atomic-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  @Test func replaceSwapsTheContentKeepsThePermissionsAndLeavesNoTemporaryFile() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/searches.json"
    try AtomicFile.write(Array("old".utf8), to: path)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    try AtomicFile.replace(path, with: Array("new content".utf8))
    #expect(try AtomicFile.read(path) == Array("new content".utf8))
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["searches.json"])
  }

  @Test func errorsNameThePathAndTheOperation() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect {
      _ = try AtomicFile.read(dir + "/missing.json")
    } throws: { error in
      "\(error)".hasPrefix("cannot open '\(dir)/missing.json': No such file")
    }
    #expect(throws: AtomicFile.Failure.self) {
      try AtomicFile.replace(dir + "/no/such/dir/x.json", with: [1])
    }
  }

  @Test func relativePathsUseTheCurrentDirectory() {
    #expect(AtomicFile.directoryName(of: "x.json") == ".")
    #expect(AtomicFile.directoryName(of: "/x.json") == "/")
    #expect(AtomicFile.directoryName(of: "a/b/x.json") == "a/b")
  }
}
