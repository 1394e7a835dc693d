// swift-tools-version:6.0
import PackageDescription

// InvoiceQL has no package dependencies: Foundation, Dispatch and the test libraries only (and one
// small C target of its own, for the AVX2 kernel).
let package = Package(
  name: "InvoiceQL",
  products: [
    .library(name: "InvoiceQL", targets: ["InvoiceQL"]),
    .executable(name: "invoiceql", targets: ["invoiceql"]),
  ],
  targets: [
    // The pipeline: Syntax → Semantics → Planning → Providers → Streaming → SavedSearches → Client.
    .target(name: "InvoiceQL", dependencies: ["InvoiceQLSIMD"], path: "Sources/InvoiceQL"),
    // Stage 1's AVX2 byte-class kernel, picked at run time (see ByteClassKernel).
    .target(name: "InvoiceQLSIMD", path: "Sources/InvoiceQLSIMD"),
    // The commands and the REPL, as a library so tests can drive them in-process.
    .target(name: "InvoiceQLCLI", dependencies: ["InvoiceQL"], path: "Sources/InvoiceQLCLI"),
    // The thin `invoiceql` executable.
    .executableTarget(name: "invoiceql", dependencies: ["InvoiceQLCLI"], path: "Sources/invoiceql"),
    // `swift run -c release invoiceql-bench`: figures and ratios against baselines of the same run.
    .executableTarget(name: "invoiceql-bench", dependencies: ["InvoiceQL"], path: "Benchmarks"),
    .testTarget(
      name: "InvoiceQLTests", dependencies: ["InvoiceQL", "InvoiceQLSIMD"], path: "Tests/InvoiceQLTests"),
    .testTarget(
      name: "InvoiceQLCLITests", dependencies: ["InvoiceQLCLI", "InvoiceQL"],
      path: "Tests/InvoiceQLCLITests"),
  ],
  swiftLanguageModes: [.v6]
)
