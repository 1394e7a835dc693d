import InvoiceQLFuzzProperties
import Testing

/// Each fuzz target's committed corpus, replayed through the property its fuzzer checks: the cheap,
/// deterministic part of the fuzzing that CI keeps (Sources/Fuzz/README.md).
@Suite struct FuzzCorpusReplayTests {
  static let targets: [(name: String, property: FuzzProperty)] = [
    ("query", QueryTextProperty.check), ("response", ResponseBodyProperty.check),
    ("import", NativeImportProperty.check), ("saved-searches", SavedSearchProperty.check),
    ("pager", PagerProperty.check),
  ]

  @Test(arguments: targets.map(\.name))
  func everyCorpusInputSatisfiesItsTargetsProperty(target: String) throws {
    let property = try #require(Self.targets.first { $0.name == target }?.property)
    let inputs = try FuzzHarness.inputs(at: FuzzHarness.corpusDirectory(target))
    #expect(inputs.count >= 5, "the \(target) corpus has \(inputs.count) inputs")
    for input in inputs {
      do {
        try property(input.bytes)
      } catch {
        Issue.record("\(target)/\(input.name): \(error.description)")
      }
    }
  }
}
