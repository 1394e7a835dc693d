import InvoiceQL

/// The streaming benchmark (being built).
enum StreamingBenchmark {
  static func run() {
    print("not built yet")
  }
}
