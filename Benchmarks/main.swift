import InvoiceQL

// Each benchmark lives in its own file and prints its figures and ratios against baselines measured
// in the same run. Run with `swift run -c release invoiceql-bench [NAME…]`.
let selected = Set(CommandLine.arguments.dropFirst())
let benchmarks: [(name: String, run: () -> Void)] = [
  ("parse", ParseBenchmark.run),
  ("streaming", StreamingBenchmark.run),
  ("plan", PlanBenchmark.run),
]
print("InvoiceQL benchmarks")
for benchmark in benchmarks where selected.isEmpty || selected.contains(benchmark.name) {
  print("\n== \(benchmark.name)")
  benchmark.run()
}
