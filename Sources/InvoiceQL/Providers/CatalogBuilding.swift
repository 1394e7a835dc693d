import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

extension FieldDescriptor {
  /// A field from its dotted path as the seed page writes it (`line_items.product_id`).
  /// `required` fields are documented as always present; everything else may be absent or null.
  static func field(
    _ dotted: String, _ type: FieldType, required: Bool = false, _ summary: String = ""
  ) -> FieldDescriptor {
    FieldDescriptor(
      dotted.split(separator: ".").map(String.init), type, nullable: !required, summary: summary)
  }

  /// An open map at `dotted` (an object whose keys are free), each key holding a `values`.
  static func openMap(_ dotted: String, values: FieldType, _ summary: String = "") -> FieldDescriptor {
    FieldDescriptor(
      dotted.split(separator: ".").map(String.init), .object, summary: summary, openMapValues: values)
  }

  /// The same fields again under `prefix` (for repeated sub-objects such as addresses).
  static func nested(_ prefix: String, _ fields: [FieldDescriptor]) -> [FieldDescriptor] {
    let head = prefix.split(separator: ".").map(String.init)
    return fields.map { f in
      var copy = f
      copy.path = head + f.path
      return copy
    }
  }
}
