import InvoiceQLFuzzProperties

/// libFuzzer's entry point: one response body streamed through a provider's filter (`ResponseBodyProperty` states the property).
@_cdecl("LLVMFuzzerTestOneInput")
package func fuzzResponseBody(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  FuzzHarness.testOneInput(data, size, ResponseBodyProperty.check)
}

#if !INVOICEQL_FUZZING
  /// A normal build (no libFuzzer main): replays the corpus named on the command line, or the
  /// committed one, through the same property.
  @main enum ResponseFuzzerReplay {
    static func main() { FuzzHarness.replayMain(target: "response", ResponseBodyProperty.check) }
  }
#endif
