import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// Wethod's invoice (`GET /api/invoices`, public REST API beta), transcribed from `wethod.seed.txt`.
/// Only `id` is documented as always present.
package enum WethodCatalog {
  static let fields: [FieldDescriptor] = [
    .field("id", .id(numeric: true), required: true, "The unique identifier of the resource"),
    .field("created_at", .dateTime, "When the resource was created"),
    .field("updated_at", .dateTime, "When the resource was last updated"),
    .field("status", .enumeration(["draft", "sent", "paid"]), "The invoice status"),
    .field("invoice_number", .string, "The invoice number"),
    .field("purchase_order", .string, "The invoice purchase order reference"),
    .field("value", .decimal, "The invoice value"),
    .field("exchange_rate", .decimal, "The invoice custom exchange rate"),
    .field("issue_date", .date, "The invoice issue date"),
    .field("payment_date", .date, "The invoice payment date"),
    .field("notes", .string, "The invoice notes"),
    .field("project_id", .id(numeric: true), "The project associated with this invoice"),
    .field("budget_area_uid", .id(numeric: false), "The budget area associated with this invoice"),
    .field("vat_rate_id", .id(numeric: true), "The VAT rate associated with this invoice"),
    .field("payment_term_id", .id(numeric: true), "The payment term associated with this invoice"),
  ]

  /// The catalog.
  package static let catalog = FieldCatalog(
    provider: "wethod",
    fields: fields,
    canonicalFields: [
      "id": ["id"],
      "number": ["invoice_number"],
      "status": ["status"],
      "issueDate": ["issue_date"],
      "paidDate": ["payment_date"],
      "total": ["value"],
      "purchaseOrder": ["purchase_order"],
      "createdAt": ["created_at"],
      "updatedAt": ["updated_at"],
    ],
    canonicalStatuses: [
      "draft": ["draft"],
      "open": ["sent"],
      "paid": ["paid"],
      "void": [],
      "cancelled": [],
      "writtenOff": [],
    ])
}
