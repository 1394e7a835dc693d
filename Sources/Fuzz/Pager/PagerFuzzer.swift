import InvoiceQLFuzzProperties

/// libFuzzer's entry point: one provider's pager driven through random page metadata (`PagerProperty` states the property).
@_cdecl("LLVMFuzzerTestOneInput")
package func fuzzPager(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  FuzzHarness.testOneInput(data, size, PagerProperty.check)
}

#if !INVOICEQL_FUZZING
  /// A normal build (no libFuzzer main): replays the corpus named on the command line, or the
  /// committed one, through the same property.
  @main enum PagerFuzzerReplay {
    static func main() { FuzzHarness.replayMain(target: "pager", PagerProperty.check) }
  }
#endif
