import InvoiceQLFuzzProperties

/// libFuzzer's entry point: one saved-search file rewritten (`SavedSearchProperty` states the property).
@_cdecl("LLVMFuzzerTestOneInput")
package func fuzzSavedSearches(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  FuzzHarness.testOneInput(data, size, SavedSearchProperty.check)
}

#if !INVOICEQL_FUZZING
  /// A normal build (no libFuzzer main): replays the corpus named on the command line, or the
  /// committed one, through the same property.
  @main enum SavedSearchesFuzzerReplay {
    static func main() { FuzzHarness.replayMain(target: "saved-searches", SavedSearchProperty.check) }
  }
#endif
