// InvoiceQL: the one library an app imports. Each stage of the pipeline is its own module, so the
// compiler keeps the direction JSON/Syntax → Semantics → Planning → Streaming → Import → Providers →
// SavedSearches; this module re-exports them all.
@_exported import InvoiceQLImport
@_exported import InvoiceQLJSON
@_exported import InvoiceQLPlanning
@_exported import InvoiceQLProviders
@_exported import InvoiceQLSavedSearches
@_exported import InvoiceQLSemantics
@_exported import InvoiceQLStreaming
@_exported import InvoiceQLSyntax
