import InvoiceQL

/// The plan benchmark (being built).
enum PlanBenchmark {
  static func run() {
    print("not built yet")
  }
}
