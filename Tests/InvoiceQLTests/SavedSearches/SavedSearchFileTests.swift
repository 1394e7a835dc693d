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

@Suite("Saved-search files")
struct SavedSearchFileTests {
  private func read(_ text: String) throws -> SavedSearchFile {
    try SavedSearchFile(bytes: Array(text.utf8))
  }

  @Test func readsAnArrayWithNamesProvidersAndOtherMembers() throws {
    let f = try read(
      """
      [ {"name": "late", "query": "status = open", "provider": "rhythm", "x": [1, {"query": "no"}]},
        {"query": "total > 5", "owner": null} ]
      """)
    #expect(f.layout == .array)
    #expect(f.entries.count == 2)
    #expect(f.entries[0].name == "late")
    #expect(f.entries[0].provider == "rhythm")
    #expect(f.entries[0].query == "status = open")
    #expect(f.entries[1].query == "total > 5")
    #expect(f.entries[1].line == 2)
    #expect(f.entries.allSatisfy { $0.problem == nil })
  }

  @Test func splicingChangesOnlyTheQueryStringBytes() throws {
    let text = "[{\"a\":1.50,  \"query\" : \"x = 1\",\"z\":\"\\u00e9\"},\n {\"query\":\"y\"}]\n"
    let f = try read(text)
    let out = String(decoding: f.splicing(queries: [0: "x = \"2\""]), as: UTF8.self)
    #expect(out == "[{\"a\":1.50,  \"query\" : \"x = \\\"2\\\"\",\"z\":\"\\u00e9\"},\n {\"query\":\"y\"}]\n")
    #expect(try read(out).entries[0].query == "x = \"2\"")
  }

  @Test func jsonLinesKeepsBlankLinesAndReportsABadLineWithoutStoppingTheOthers() throws {
    let text = "{\"query\":\"a = 1\"}\n\n{\"query\": oops}\n{\"name\":\"n\"}\n[1]\n{\"query\":\"b = 2\"}"
    let f = try read(text)
    #expect(f.layout == .jsonLines)
    #expect(f.entries.map(\.line) == [1, 3, 4, 5, 6])
    #expect(f.entries[1].problem?.hasPrefix("invalid JSON at column 11") == true)
    #expect(f.entries[2].problem == "no 'query' member")
    #expect(f.entries[3].problem == "not an object")
    #expect(f.entries[4].query == "b = 2")
    let out = String(decoding: f.splicing(queries: [0: "a = 2", 4: "b = 3"]), as: UTF8.self)
    #expect(out == "{\"query\":\"a = 2\"}\n\n{\"query\": oops}\n{\"name\":\"n\"}\n[1]\n{\"query\":\"b = 3\"}")
  }

  @Test func duplicateQueryMembersTheLastWins() throws {
    let f = try read("[{\"query\":\"a\",\"query\":\"b\"}]")
    #expect(f.entries[0].query == "b")
    let out = String(decoding: f.splicing(queries: [0: "c"]), as: UTF8.self)
    #expect(out == "[{\"query\":\"a\",\"query\":\"c\"}]")
  }

  @Test func aQueryThatIsNotAStringIsAProblem() throws {
    let f = try read("[{\"query\": 5}, {\"query\": \"a\", \"query\": null}]")
    #expect(f.entries[0].problem == "'query' is not a string")
    #expect(f.entries[1].problem == "'query' is not a string")
  }

  @Test(arguments: [
    ("[{\"query\":\"a\"}", 14, "expected ',' or ']'"),
    ("[{\"query\":\"a\"},]", 15, "unexpected character, expected a value"),
    ("[{\"query\":\"a\\q\"}]", 12, "invalid escape '\\q'"),
    ("[{\"query\":\"a\"}] x", 16, "unexpected text after the array"),
    ("[{\"query\":01}]", 10, "invalid number"),
    ("[{\"query\":\"\u{1}\"}]", 11, "control character in string"),
  ])
  func anInvalidArrayIsAnErrorAtItsByteOffset(text: String, offset: Int, message: String) {
    #expect {
      _ = try read(text)
    } throws: { error in
      guard let e = error as? JSONStreamError else { return false }
      return e.byteOffset == offset && e.message == message
    }
  }

  @Test func deepNestingIsAnErrorNotACrash() {
    let text = "[{\"query\":\"a\",\"x\":" + String(repeating: "[", count: 100_000) + "}]"
    #expect(throws: JSONStreamError.self) { try read(text) }
  }

  @Test func surrogatePairsAndBOMAreRead() throws {
    let f = try read("\u{FEFF}[{\"query\":\"name = \\\"\\ud83d\\ude00\\\"\"}]")
    #expect(f.entries[0].query == "name = \"😀\"")
  }

  @Test func emptyFilesHaveNoSearches() throws {
    #expect(try read("").entries.isEmpty)
    #expect(try read("[ ]").entries.isEmpty)
    #expect(try read("\n\n").entries.isEmpty)
  }

  /// Random files: random members around `query`, random layouts and whitespace.
  static func randomFile(_ rng: inout SavedSearchRandom) -> (text: String, queries: [String]) {
    let strings = ["", "a", "é\"\\", "x\ny", "\u{1}", "😀", "status = open", "\\u0041"]
    func value(_ depth: Int, _ rng: inout SavedSearchRandom) -> String {
      switch rng.int(0...(depth > 2 ? 3 : 5)) {
      case 0: return rng.pick(["1", "-0.50", "1e3", "true", "false", "null"])
      case 1, 2: return JSONValue.quoted(rng.pick(strings))
      case 3: return "\"\\u00e9\\n\""
      case 4:
        return "[" + (0..<rng.int(0...3)).map { _ in value(depth + 1, &rng) }.joined(separator: " ,") + "]"
      default:
        return "{"
          + (0..<rng.int(0...3)).map { _ in "\"k\(rng.int(0...9))\" :" + value(depth + 1, &rng) }
          .joined(separator: ",") + "}"
      }
    }
    var queries: [String] = []
    var objects: [String] = []
    for _ in 0..<rng.int(0...6) {
      let q = rng.pick(strings) + String(rng.int(0...99))
      queries.append(q)
      var members = (0..<rng.int(0...3)).map { _ in "\"m\(rng.int(0...9))\": " + value(0, &rng) }
      members.insert("\"query\":" + JSONValue.quoted(q), at: rng.int(0...members.count))
      objects.append("{" + members.joined(separator: rng.pick([",", " , ", ",\t"])) + "}")
    }
    if rng.chance(50) {
      return ("[" + objects.joined(separator: rng.pick([",", ",\n", " , "])) + "]\n", queries)
    }
    return (objects.joined(separator: rng.pick(["\n", "\r\n", "\n\n"])), queries)
  }

  @Test func propertyRandomFilesSpliceOnlyQueriesAndReadBackTheSameOtherBytes() throws {
    var rng = SavedSearchRandom(seed: 0x5A7ED)
    for _ in 0..<300 {
      let (text, queries) = Self.randomFile(&rng)
      let f = try read(text)
      #expect(f.entries.map(\.query) == queries)
      #expect(f.splicing(queries: [:]) == Array(text.utf8))
      var replacement: [Int: String] = [:]
      for i in queries.indices where rng.chance(60) { replacement[i] = "q\(i) = \"\\\"\n" }
      let out = f.splicing(queries: replacement)
      let back = try SavedSearchFile(bytes: out)
      #expect(back.entries.map(\.query) == queries.indices.map { replacement[$0] ?? queries[$0] })
      // Every byte outside the query values is the same.
      var stripped1: [UInt8] = []
      var cursor = 0
      for e in f.entries {
        if let r = e.queryRange { stripped1 += f.bytes[cursor..<r.lowerBound]; cursor = r.upperBound }
      }
      stripped1 += f.bytes[cursor...]
      var stripped2: [UInt8] = []
      cursor = 0
      for e in back.entries {
        if let r = e.queryRange { stripped2 += back.bytes[cursor..<r.lowerBound]; cursor = r.upperBound }
      }
      stripped2 += back.bytes[cursor...]
      #expect(stripped1 == stripped2)
    }
  }
}
