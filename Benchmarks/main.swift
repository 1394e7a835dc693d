import InvoiceQL

// Each benchmark lives in its own file and prints its figures and ratios against baselines measured
// in the same run. Run with `swift run -c release invoiceql-bench [NAME…]`.
let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "streaming-child", let megabytes = arguments.dropFirst().first.flatMap({ Int($0) }) {
  // The streaming benchmark's memory figure, measured in a process of its own.
  StreamingBenchmark.runChild(megabytes: megabytes)
} else if arguments.first == "rewrite-child", arguments.count == 4 {
  // One run of the rewrite benchmark, in a process of its own: mode, input, output.
  let rest = Array(arguments.dropFirst())
  RewriteBenchmark.runChild(mode: rest[0], input: rest[1], output: rest[2])
} else if arguments.first == "rewrite-corpus", arguments.count == 3, let count = Int(Array(arguments)[1]) {
  // The rewrite benchmark's input alone, for profiling the child (`rewrite-child one-core IN OUT`).
  _ = try RewriteBenchmark.writeCorpus(count: count, to: Array(arguments)[2])
} else if arguments.first == "run" {
  // Fetching loads Foundation's networking, which would change the streaming benchmark's memory
  // figure: the run benchmark is an executable of its own (Benchmarks/Run).
  print(
    "the run benchmark: swift run -c release invoiceql-run-bench [--latency MS] [--invoices N] [PROVIDER…]")
} else {
  let names: Set<String> = ["parse", "streaming", "plan", "rewrite"]
  let selected = Set(arguments).intersection(names)
  let benchmarks: [(name: String, run: () -> Void)] = [
    ("parse", ParseBenchmark.run),
    ("streaming", StreamingBenchmark.run),
    ("plan", PlanBenchmark.run),
    ("rewrite", RewriteBenchmark.run),
  ]
  print("InvoiceQL benchmarks")
  for benchmark in benchmarks where selected.isEmpty || selected.contains(benchmark.name) {
    print("\n== \(benchmark.name)")
    benchmark.run()
  }
}
