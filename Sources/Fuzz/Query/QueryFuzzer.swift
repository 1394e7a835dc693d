import InvoiceQLFuzzProperties

/// libFuzzer's entry point: one query text, lexed, parsed, formatted, bound and planned for every provider (`QueryTextProperty` states the property).
@_cdecl("LLVMFuzzerTestOneInput")
package func fuzzQueryText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  FuzzHarness.testOneInput(data, size, QueryTextProperty.check)
}

#if !INVOICEQL_FUZZING
  /// A normal build (no libFuzzer main): replays the corpus named on the command line, or the
  /// committed one, through the same property.
  @main enum QueryFuzzerReplay {
    static func main() { FuzzHarness.replayMain(target: "query", QueryTextProperty.check) }
  }
#endif
