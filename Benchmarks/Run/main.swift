import Foundation
import InvoiceQL
import InvoiceQLClient
import InvoiceQLSimulation

// `swift run -c release invoiceql-run-bench [--latency MS] [--invoices N] [PROVIDER…]`: `run`
// against each registered provider's simulated API (RunBenchmark.swift).
var latency = 0.050
var count = 10_000
var only: Set<String> = []
var arguments = Array(CommandLine.arguments.dropFirst())
while let argument = arguments.first {
  arguments.removeFirst()
  switch argument {
  case "--latency": latency = (arguments.first.flatMap(Double.init) ?? 50) / 1000
  case "--invoices": count = arguments.first.flatMap { Int($0) } ?? count
  default:
    only.insert(argument)
    continue
  }
  if !arguments.isEmpty { arguments.removeFirst() }
}
await RunBenchmark(latency: latency, invoicesPerProvider: count, only: only).run()
