import Foundation
import Testing

/// `InvoiceQL` needs no more of Foundation than FoundationEssentials, so a process that only plans
/// and filters does not load Foundation's internationalisation, URLSession and libcurl (the streaming
/// benchmark's peak memory depends on it: 14 MiB resident against 27 MiB with them). Each source file
/// may import `Foundation` only as the fallback of `#if canImport(FoundationEssentials)` (Darwin),
/// and never `FoundationNetworking`; fetching lives in `InvoiceQLClient`.
@Suite struct FoundationFootprintTests {
  static let sources = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Sources/InvoiceQL")

  /// The imports of one file that break the rule, as "line: text".
  static func violations(in text: String) -> [String] {
    // The stack of open `#if` blocks: whether each is `canImport(FoundationEssentials)`, and whether
    // its `#else` branch has been reached.
    var blocks: [(essentials: Bool, inElse: Bool)] = []
    var found: [String] = []
    for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("#if") {
        blocks.append(
          (line.replacingOccurrences(of: " ", with: "") == "#ifcanImport(FoundationEssentials)", false))
      } else if line.hasPrefix("#else") || line.hasPrefix("#elseif") {
        if !blocks.isEmpty { blocks[blocks.count - 1].inElse = true }
      } else if line.hasPrefix("#endif") {
        _ = blocks.popLast()
      } else if let module = Self.importedModule(line) {
        let fallback = blocks.last.map { $0.essentials && $0.inElse } ?? false
        let allowed: Bool
        switch module {
        case "Foundation": allowed = fallback
        case "FoundationNetworking", "FoundationInternationalization", "FoundationXML": allowed = false
        default: allowed = true
        }
        if !allowed { found.append("\(number + 1): \(line)") }
      }
    }
    return found
  }

  /// The module an `import` line names (`@testable import X`, `import struct X.Y` included).
  static func importedModule(_ line: String) -> String? {
    var words = line.split(separator: " ").map(String.init).filter { !$0.hasPrefix("@") }
    guard words.first == "import" else { return nil }
    words.removeFirst()
    let kinds: Set<String> = ["struct", "class", "enum", "protocol", "func", "var", "let", "typealias"]
    if let first = words.first, kinds.contains(first) { words.removeFirst() }
    return words.first.map { String($0.split(separator: ".")[0]) }
  }

  @Test func theRuleCatchesWhatItShould() {
    #expect(Self.violations(in: "import Foundation\n").count == 1)
    #expect(
      Self.violations(in: "#if canImport(FoundationNetworking)\n  import FoundationNetworking\n#endif").count
        == 1)
    #expect(Self.violations(in: "#if canImport(FoundationEssentials)\nimport Foundation\n#endif").count == 1)
    #expect(Self.violations(in: "@preconcurrency import struct Foundation.URL").count == 1)
    #expect(
      Self.violations(
        in:
          "#if canImport(FoundationEssentials)\n  import FoundationEssentials\n#else\n  import Foundation\n#endif\n"
      ).isEmpty)
    #expect(Self.violations(in: "import InvoiceQLSIMD\nimport Dispatch\n").isEmpty)
  }

  @Test func invoiceQLImportsNoMoreOfFoundationThanFoundationEssentials() throws {
    let files = try #require(FileManager.default.enumerator(atPath: Self.sources.path))
      .compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
    #expect(files.count > 50, "found only \(files.count) sources under \(Self.sources.path)")
    for file in files {
      let text = try String(contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8)
      let bad = Self.violations(in: text)
      #expect(bad.isEmpty, "Sources/InvoiceQL/\(file): \(bad.joined(separator: "; "))")
    }
  }
}
