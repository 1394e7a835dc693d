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

/// The shape the compiler cannot check by itself: the registry is the only list of providers, and
/// the stage modules are declared in pipeline order.
@Suite struct ArchitectureTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Every `.swift` file under `folder` (relative to the package root), with its relative path.
  static func swiftFiles(under folder: String) throws -> [(path: String, text: String)] {
    let base = root.appendingPathComponent(folder)
    guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else {
      return []
    }
    var out: [(String, String)] = []
    for case let url as URL in walker where url.pathExtension == "swift" {
      let relative = String(url.path.dropFirst(root.path.count + 1))
      out.append((relative, try String(contentsOf: url, encoding: .utf8)))
    }
    return out.sorted { $0.0 < $1.0 }
  }

  /// The code of a line, without a `//` comment (a `//` inside a string literal is kept: this only
  /// needs to tell code from comment lines and trailing comments).
  static func code(_ line: Substring) -> Substring {
    let trimmed = line.drop { $0 == " " }
    if trimmed.hasPrefix("//") { return "" }
    if let range = line.range(of: " // ") { return line[..<range.lowerBound] }
    return line
  }

  /// Whether `text` names `name` as a word (not inside a longer identifier), ignoring case.
  static func names(_ text: Substring, _ name: String) -> Bool {
    let lower = text.lowercased()
    var search = lower.startIndex..<lower.endIndex
    while let found = lower.range(of: name, range: search) {
      let before = found.lowerBound == lower.startIndex ? nil : lower[lower.index(before: found.lowerBound)]
      let after = found.upperBound == lower.endIndex ? nil : lower[found.upperBound]
      func isWord(_ c: Character?) -> Bool { c.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false }
      if !isWord(before) && !isWord(after) { return true }
      search = found.upperBound..<lower.endIndex
    }
    return false
  }

  @Test func outsideProvidersNoSourceFileNamesAProvider() throws {
    var offenders: [String] = []
    for folder in ["Sources", "Benchmarks"] {
      // The simulated servers and the fuzzers' properties are the providers' test fixtures: they
      // live under Sources/ only because a libFuzzer executable cannot depend on a test target.
      let fixtures = ["Sources/InvoiceQL/Providers/", "Sources/InvoiceQLSimulation/", "Sources/Fuzz/"]
      for file in try Self.swiftFiles(under: folder)
      where !fixtures.contains(where: { file.path.hasPrefix($0) }) {
        for (number, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        {
          let code = Self.code(line)
          for provider in Provider.all where Self.names(code, provider.name) {
            offenders.append("\(file.path):\(number + 1): \(provider.name)")
          }
        }
      }
    }
    #expect(offenders == [])
  }

  @Test func noTestKeepsItsOwnListOfProviders() throws {
    // A list is a line naming two or more providers: tests that cover every provider iterate
    // `Provider.all` instead, so a new provider is covered without touching them.
    var offenders: [String] = []
    for file in try Self.swiftFiles(under: "Tests") {
      for (number, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let code = Self.code(line)
        // The registry's own test states the order the language reference gives; nothing else may.
        if code.contains("Provider.names ==") { continue }
        for literal in code.split(separator: "[").dropFirst().map({ $0.prefix { $0 != "]" } }) {
          let named = Provider.all.filter {
            literal.contains("\"\($0.name)\"") || literal.contains(".\($0.name)")
          }
          if named.count >= 2 { offenders.append("\(file.path):\(number + 1)") }
        }
      }
    }
    #expect(offenders == [])
  }

  @Test func eachProviderLivesInOneFolderNamedAfterIt() throws {
    let folders = Set(
      try Self.swiftFiles(under: "Sources/InvoiceQL/Providers").compactMap { file -> String? in
        let parts = file.path.split(separator: "/")
        return parts.count == 5 ? String(parts[3]).lowercased() : nil
      })
    #expect(folders.subtracting(["paging"]) == Set(Provider.names))
  }

  /// The stage modules in pipeline order; each may depend only on modules before it.
  static let stages = [
    "InvoiceQLSIMD", "InvoiceQLJSON", "InvoiceQLSyntax", "InvoiceQLSemantics", "InvoiceQLPlanning",
    "InvoiceQLStreaming", "InvoiceQLImport", "InvoiceQLProviders", "InvoiceQLSavedSearches", "InvoiceQL",
  ]

  @Test func everyStageDependsOnlyOnEarlierStages() throws {
    let manifest = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
      .filter { !$0.isWhitespace }
    var checked = 0
    for (index, stage) in Self.stages.enumerated() {
      guard let start = manifest.range(of: ".target(name:\"\(stage)\"") else {
        Issue.record("no target \(stage) in Package.swift")
        continue
      }
      let declaration = manifest[start.upperBound...].prefix { $0 != ")" }
      let dependencies = declaration.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }
        .map { String($0.element) }.filter { $0.hasPrefix("InvoiceQL") }
      for dependency in dependencies {
        let position = Self.stages.firstIndex(of: dependency)
        #expect(position.map { $0 < index } == true, "\(stage) depends on \(dependency)")
      }
      checked += 1
    }
    #expect(checked == Self.stages.count)
  }
}
