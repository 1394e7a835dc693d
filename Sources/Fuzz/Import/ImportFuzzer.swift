import InvoiceQLFuzzProperties

/// libFuzzer's entry point: one native filter imported as a query (`NativeImportProperty` states the property).
@_cdecl("LLVMFuzzerTestOneInput")
package func fuzzNativeImport(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  FuzzHarness.testOneInput(data, size, NativeImportProperty.check)
}

#if !INVOICEQL_FUZZING
  /// A normal build (no libFuzzer main): replays the corpus named on the command line, or the
  /// committed one, through the same property.
  @main enum ImportFuzzerReplay {
    static func main() { FuzzHarness.replayMain(target: "import", NativeImportProperty.check) }
  }
#endif
