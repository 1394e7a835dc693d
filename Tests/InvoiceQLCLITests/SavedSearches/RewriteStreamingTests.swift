import Foundation
import InvoiceQL
import TestSupport
import Testing

@testable import InvoiceQLCLI

/// `rewrite` streams the file: the same bytes and report as rewriting it whole, and a file that
/// cannot be read leaves no output behind.
@Suite("rewrite command: streaming")
struct RewriteStreamingTests {
  static let rules = """
    {"fields": [{"from": "paymentStatusUpdatedDate", "to": "paymentStatusUpdatedTime", "provider": "elevate"}],
     "values": [{"field": "status", "from": "written off", "to": "writtenOff", "provider": "rhythm"}]}
    """
  static let queries = [
    ("elevate", #"paymentStatusUpdatedDate = \"2025-01-01\" and invoiceTotalAmount > 5"#),
    ("rhythm", #"status in (open, \"written off\") sort by date_due desc"#),
    ("rhythm", "total > 5 and total > 3"),
    ("elevate", "status = = open"),
    ("wethod", "status = open or status = paid"),
    ("softwareone", "dueDate < today and dueDate < today"),
    ("", "total > 5"),
  ]

  /// A random file of `count` searches, as an array or JSON Lines, with blank lines, other
  /// members, escapes, and now and then an element that is not a usable search.
  static func file(count: Int, array: Bool, _ random: inout SplitMix64) -> String {
    let objects = (0..<count).map { i -> String in
      switch Int.random(in: 0..<20, using: &random) {
      case 0: return #"{"name": "no query \u00e9"}"#
      case 1: return array ? "[1, 2]" : "{oops"
      default:
        let (provider, query) = queries.randomElement(using: &random)!
        let p = provider.isEmpty ? "" : #""provider": "\#(provider)", "#
        return
          #"{"name": "s\#(i)", \#(p)"query": "\#(query)", "owner": {"id": \#(i), "tags": ["a", "\u00e9"]}}"#
      }
    }
    let separator = [",\n", ",\n\n  ", ", "].randomElement(using: &random)!
    return array
      ? "[\n  " + objects.joined(separator: separator) + "\n]\n"
      : objects.joined(separator: ["\n", "\n\n", "\r\n"].randomElement(using: &random)!) + "\n"
  }

  @Test(
    "property: streamed output and report are those of the whole-file rewrite, for stdout, -o and --in-place")
  func streamingEqualsTheWholeFileRewrite() async throws {
    var random = SplitMix64(seed: 0x57_EA3)
    let dir = try ScratchDirectory()
    let rules = try dir.file("rules.json", Self.rules)
    let rewriter = SavedSearchRewriter(rules: try RewriteRules.parse(Array(Self.rules.utf8)))
    for round in 0..<12 {
      // Up to a few thousand searches: several of the reader's chunks.
      let text = Self.file(count: Int.random(in: 0..<3000, using: &random), array: round % 2 == 0, &random)
      let path = try dir.file("s\(round).json", text)
      let batch = RewriteBatch(file: try SavedSearchFile(bytes: Array(text.utf8)), rewriter: rewriter)
      let expectedStatus: InvoiceQLCLI.ExitStatus = batch.errorCount > 0 ? .failure : .success

      let toStdout = await SavedSearchCLI.run(["rewrite", "--rules", rules, path])
      #expect(toStdout.status == expectedStatus)
      #expect(Array(toStdout.stdout.utf8) == batch.output, "round \(round)")
      #expect(toStdout.stderr == batch.report, "round \(round)")

      let toFile = await SavedSearchCLI.run(["rewrite", "--rules", rules, "-o", dir.path + "/out.json", path])
      #expect(toFile.status == expectedStatus && toFile.stdout.isEmpty)
      #expect(Array(try dir.read("out.json").utf8) == batch.output, "round \(round)")

      let inPlace = await SavedSearchCLI.run(["rewrite", "--rules", rules, "--in-place", path])
      #expect(inPlace.stderr == batch.report, "round \(round)")
      #expect(Array(try dir.read("s\(round).json").utf8) == batch.output, "round \(round)")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).allSatisfy { !$0.hasPrefix(".") })
  }

  @Test("an invalid array is reported with its offset before anything is written, wherever its error is")
  func anInvalidArrayLeavesNoOutput() async throws {
    var random = SplitMix64(seed: 0xBAD)
    let dir = try ScratchDirectory()
    let valid = Self.file(count: 4000, array: true, &random)
    // The error comes after the searches, far beyond the first chunk.
    let text = String(valid.dropLast(3)) + "} x]\n"
    let offset = text.utf8.count - 5
    let path = try dir.file("s.json", text)
    let message = "error: \(path): invalid JSON at byte \(offset): expected ',' or ']'\n"

    let toStdout = await SavedSearchCLI.run(["rewrite", path])
    #expect(toStdout.status == .failure)
    #expect(toStdout.stdout.isEmpty)
    #expect(toStdout.stderr == message)

    _ = try dir.file("out.json", "old")
    let toFile = await SavedSearchCLI.run(["rewrite", "-o", dir.path + "/out.json", path])
    #expect(toFile.stderr == message)
    #expect(try dir.read("out.json") == "old")
    let toNewFile = await SavedSearchCLI.run(["rewrite", "-o", dir.path + "/new.json", path])
    #expect(toNewFile.status == .failure)
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/new.json"))

    let inPlace = await SavedSearchCLI.run(["rewrite", "--in-place", path])
    #expect(inPlace.stderr == message)
    #expect(try dir.read("s.json") == text)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["out.json", "s.json"])
  }

  @Test func outputToALinkReplacesTheFileItPointsToAndKeepsItsMode() async throws {
    let dir = try ScratchDirectory()
    let path = try dir.file("s.jsonl", "{\"query\": \"total > 5 and total > 3\", \"provider\": \"rhythm\"}\n")
    let target = try dir.file("target.jsonl", "old")
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: target)
    try FileManager.default.createSymbolicLink(atPath: dir.path + "/link.jsonl", withDestinationPath: target)
    let r = await SavedSearchCLI.run(["rewrite", "-o", dir.path + "/link.jsonl", path])
    #expect(r.status == .success)
    #expect(try dir.read("target.jsonl") == "{\"query\": \"total > 5\", \"provider\": \"rhythm\"}\n")
    let link = try FileManager.default.destinationOfSymbolicLink(atPath: dir.path + "/link.jsonl")
    #expect(link == target)
    let mode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
    #expect(mode == 0o640)
  }

  @Test func anUnchangedFileIsNotRewrittenInPlace() async throws {
    let dir = try ScratchDirectory()
    let path = try dir.file("s.jsonl", "{\"query\": \"total > 5\", \"provider\": \"rhythm\"}\n")
    let before = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
    let r = await SavedSearchCLI.run(["rewrite", "--in-place", path])
    #expect(r.status == .success)
    #expect(r.stderr == "#1 (line 1): unchanged\n1 searches: 0 rewritten, 1 unchanged, 0 failed\n")
    let after = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
    #expect(before == after, "the file was replaced")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["s.jsonl"])
  }
}
