import InvoiceQL

/// The parse benchmark (being built).
enum ParseBenchmark {
  static func run() {
    print("not built yet")
  }
}
