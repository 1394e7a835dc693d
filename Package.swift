// swift-tools-version:6.0
import PackageDescription

// InvoiceQL has no package dependencies: Foundation, Dispatch and the test libraries only (and one
// small C target of its own, for the AVX2 kernel).
let package = Package(
  name: "InvoiceQL",
  products: [
    .library(name: "InvoiceQL", targets: ["InvoiceQL"]),
    .library(name: "InvoiceQLClient", targets: ["InvoiceQLClient"]),
    .executable(name: "invoiceql", targets: ["invoiceql"]),
  ],
  targets: [
    // The pipeline: Syntax → Semantics → Planning → Providers → Streaming → SavedSearches. It needs
    // no more of Foundation than FoundationEssentials, so filtering alone stays small in memory.
    .target(name: "InvoiceQL", dependencies: ["InvoiceQLSIMD"], path: "Sources/InvoiceQL"),
    // Fetching over HTTP: URLSession transport, retries, and each provider's paging.
    .target(name: "InvoiceQLClient", dependencies: ["InvoiceQL"], path: "Sources/InvoiceQLClient"),
    // Stage 1's AVX2 byte-class kernel, picked at run time (see ByteClassKernel).
    .target(name: "InvoiceQLSIMD", path: "Sources/InvoiceQLSIMD"),
    // The commands and the REPL, as a library so tests can drive them in-process.
    .target(
      name: "InvoiceQLCLI", dependencies: ["InvoiceQL", "InvoiceQLClient"], path: "Sources/InvoiceQLCLI"),
    // The thin `invoiceql` executable.
    .executableTarget(name: "invoiceql", dependencies: ["InvoiceQLCLI"], path: "Sources/invoiceql"),
    // `swift run -c release invoiceql-bench`: figures and ratios against baselines of the same run.
    .executableTarget(name: "invoiceql-bench", dependencies: ["InvoiceQL"], path: "Benchmarks"),
    // What the test targets share: a seeded random number generator for property tests.
    .target(name: "TestSupport", path: "Tests/Support"),
    .testTarget(
      name: "InvoiceQLTests", dependencies: ["InvoiceQL", "InvoiceQLSIMD", "TestSupport"],
      path: "Tests/InvoiceQLTests"),
    .testTarget(
      name: "InvoiceQLClientTests", dependencies: ["InvoiceQLClient", "InvoiceQL", "TestSupport"],
      path: "Tests/InvoiceQLClientTests"),
    .testTarget(
      name: "InvoiceQLCLITests",
      dependencies: ["InvoiceQLCLI", "InvoiceQL", "InvoiceQLClient", "TestSupport"],
      path: "Tests/InvoiceQLCLITests"),
  ],
  swiftLanguageModes: [.v6]
)
