import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

extension Provider {
  /// Every provider, in the canonical vocabulary's column order: the one list of providers.
  ///
  /// Adding a provider means adding its folder under `Providers/` and one line here.
  public static let all: [Provider] = [
    .rhythm,
    .elevate,
    .roadsync,
    .softwareone,
    .wethod,
    .stripe,
  ]

  /// The provider called `name` (exact spelling, as in ``all``), or nil.
  public static func named(_ name: String) -> Provider? {
    all.first { $0.name == name }
  }

  /// The provider names, in registry order.
  public static var names: [String] { all.map(\.name) }
}
