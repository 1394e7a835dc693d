// swift-tools-version:6.0
import PackageDescription

// An app outside the InvoiceQL package, as a user writes one: it depends on the package by path and
// sees only its public API. It compiles the README's examples (Sources/Consumer/ReadmeExamples.swift
// is a link to Tests/InvoiceQLAPITests/ReadmeExamples.swift), so an example that needs anything
// `package` or internal fails here even though the in-package tests compile it. `.ci/docs` builds it.
let package = Package(
  name: "ExternalConsumer",
  dependencies: [.package(name: "InvoiceQL", path: "../..")],
  targets: [
    .executableTarget(
      name: "Consumer",
      dependencies: [
        .product(name: "InvoiceQL", package: "InvoiceQL"),
        .product(name: "InvoiceQLClient", package: "InvoiceQL"),
      ],
      path: "Sources/Consumer")
  ],
  swiftLanguageModes: [.v6]
)
