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
    // The pipeline, one module per stage; each depends only on earlier stages, so a stage that reached
    // forward would not compile. It needs no more of Foundation than FoundationEssentials, so filtering
    // alone stays small in memory. `InvoiceQL` is the umbrella an app imports.
    .target(name: "InvoiceQLJSON", dependencies: ["InvoiceQLSIMD"], path: "Sources/InvoiceQL/JSON"),
    .target(name: "InvoiceQLSyntax", path: "Sources/InvoiceQL/Syntax"),
    .target(
      name: "InvoiceQLSemantics", dependencies: ["InvoiceQLSyntax", "InvoiceQLJSON"],
      path: "Sources/InvoiceQL/Semantics"),
    .target(
      name: "InvoiceQLPlanning", dependencies: ["InvoiceQLSemantics"], path: "Sources/InvoiceQL/Planning"),
    .target(
      name: "InvoiceQLStreaming", dependencies: ["InvoiceQLSemantics", "InvoiceQLJSON", "InvoiceQLSIMD"],
      path: "Sources/InvoiceQL/Streaming"),
    .target(
      name: "InvoiceQLImport", dependencies: ["InvoiceQLPlanning", "InvoiceQLStreaming"],
      path: "Sources/InvoiceQL/Import"),
    .target(
      name: "InvoiceQLProviders",
      dependencies: ["InvoiceQLPlanning", "InvoiceQLStreaming", "InvoiceQLImport"],
      path: "Sources/InvoiceQL/Providers"),
    .target(
      name: "InvoiceQLSavedSearches", dependencies: ["InvoiceQLProviders"],
      path: "Sources/InvoiceQL/SavedSearches"),
    .target(
      name: "InvoiceQL",
      dependencies: [
        "InvoiceQLJSON", "InvoiceQLSyntax", "InvoiceQLSemantics", "InvoiceQLPlanning", "InvoiceQLStreaming",
        "InvoiceQLImport", "InvoiceQLProviders", "InvoiceQLSavedSearches",
      ],
      path: "Sources/InvoiceQL/Umbrella"),
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
    .executableTarget(
      name: "invoiceql-bench", dependencies: ["InvoiceQL"], path: "Benchmarks", exclude: ["Run"]),
    // `swift run -c release invoiceql-run-bench`: `run` against a simulated API with latency. Its own
    // executable: it loads Foundation's networking, which would change the streaming benchmark's
    // memory figure.
    .executableTarget(
      name: "invoiceql-run-bench", dependencies: ["InvoiceQL", "InvoiceQLClient", "InvoiceQLSimulation"],
      path: "Benchmarks/Run"),
    // The simulated billing servers: each API's native semantics under every reading of what its
    // documentation leaves open. The planner's property tests and the import fuzzer share them.
    .target(
      name: "InvoiceQLSimulation", dependencies: ["InvoiceQL", "InvoiceQLClient"],
      path: "Sources/InvoiceQLSimulation"),
    // The properties the fuzzers check and the corpus tests replay (Sources/Fuzz/README.md).
    .target(
      name: "InvoiceQLFuzzProperties", dependencies: ["InvoiceQL", "InvoiceQLClient", "InvoiceQLSimulation"],
      path: "Sources/Fuzz/Properties"),
    // One libFuzzer target per entry point that takes outside input. A normal build makes each a
    // corpus-replaying executable; Sources/Fuzz/fuzz.sh builds them with libFuzzer.
    .executableTarget(
      name: "fuzz-query", dependencies: ["InvoiceQLFuzzProperties"], path: "Sources/Fuzz/Query"),
    .executableTarget(
      name: "fuzz-response", dependencies: ["InvoiceQLFuzzProperties"], path: "Sources/Fuzz/Response"),
    .executableTarget(
      name: "fuzz-import", dependencies: ["InvoiceQLFuzzProperties"], path: "Sources/Fuzz/Import"),
    .executableTarget(
      name: "fuzz-saved-searches", dependencies: ["InvoiceQLFuzzProperties"],
      path: "Sources/Fuzz/SavedSearches"),
    .executableTarget(
      name: "fuzz-pager", dependencies: ["InvoiceQLFuzzProperties"], path: "Sources/Fuzz/Pager"),
    // What the test targets share: a seeded random number generator for property tests.
    .target(name: "TestSupport", path: "Tests/Support"),
    .testTarget(
      name: "InvoiceQLTests",
      dependencies: [
        "InvoiceQL", "InvoiceQLSIMD", "InvoiceQLSimulation", "TestSupport", "InvoiceQLJSON",
        "InvoiceQLSyntax", "InvoiceQLSemantics",
        "InvoiceQLPlanning", "InvoiceQLStreaming",
        "InvoiceQLImport", "InvoiceQLProviders", "InvoiceQLSavedSearches",
      ],
      path: "Tests/InvoiceQLTests"),
    .testTarget(
      name: "InvoiceQLClientTests",
      dependencies: [
        "InvoiceQLClient", "InvoiceQL", "InvoiceQLSimulation", "TestSupport", "InvoiceQLJSON",
        "InvoiceQLSyntax",
        "InvoiceQLSemantics", "InvoiceQLPlanning", "InvoiceQLStreaming",
        "InvoiceQLImport", "InvoiceQLProviders", "InvoiceQLSavedSearches",
      ],
      path: "Tests/InvoiceQLClientTests"),
    .testTarget(
      name: "InvoiceQLCLITests",
      dependencies: [
        "InvoiceQLCLI", "InvoiceQL", "InvoiceQLClient", "TestSupport", "InvoiceQLJSON", "InvoiceQLSyntax",
        "InvoiceQLSemantics", "InvoiceQLPlanning", "InvoiceQLStreaming",
        "InvoiceQLImport", "InvoiceQLProviders", "InvoiceQLSavedSearches",
      ],
      path: "Tests/InvoiceQLCLITests"),
    // The public API as an app sees it: plain imports only (no @testable), the README's examples
    // compiled and run, every public type named unqualified beside Foundation.
    .testTarget(
      name: "InvoiceQLAPITests", dependencies: ["InvoiceQL", "InvoiceQLClient", "TestSupport"],
      path: "Tests/InvoiceQLAPITests"),
    // The fuzzers' seed corpora replayed through the same property checks, and the JSON conformance
    // corpus replayed through the streaming filter whole and one byte per chunk.
    .testTarget(
      name: "InvoiceQLCorpusTests", dependencies: ["InvoiceQLFuzzProperties", "InvoiceQL"],
      path: "Tests/InvoiceQLCorpusTests"),
  ],
  swiftLanguageModes: [.v6]
)
