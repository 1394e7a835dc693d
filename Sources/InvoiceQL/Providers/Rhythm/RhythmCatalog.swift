import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// Rhythm Collect's invoice (`GET /invoices/{tenantId}/portal/contact/{portalContactId}`, v1-2025-04-18),
/// transcribed from `rhythm-collect.seed.txt`. Fields the page marks "required" are not nullable.
package enum RhythmCatalog {
  static let statuses = ["cancelled", "open", "paid", "void", "written off"]

  static let transactionTypes = [
    "cancellation", "credit", "credit memo", "credit usage", "debit memo", "invoice", "payment",
    "refund", "return", "shipment", "write off",
  ]

  static let bundledProduct: [FieldDescriptor] = [
    .field("amount", .decimal, required: true, "The amount of the bundled product"),
    .field("product_id", .id(numeric: false), required: true, "The bundled product ID"),
    .field("product_type", .string, required: true, "The bundled product type"),
  ]

  static let address: [FieldDescriptor] = [
    .field("city", .string, "The city of the address"),
    .field("country", .string, "The country ISO code"),
    .field("country_name", .string, "The full name of the country"),
    .field("county", .string, "The county"),
    .field("latitude", .decimal),
    .field("line1", .string, "The first line of the address"),
    .field("line2", .string, "The second line of the address"),
    .field("line3", .string, "The third line of the address"),
    .field("longitude", .decimal),
    .field("postal_code", .string, "The zip/postal code"),
    .field("state", .string, "The state/province of the address"),
    .field("time_zone_id", .string),
  ]

  static let lineItem: [FieldDescriptor] =
    [
      .field("amount_paid", .decimal, "Amount paid on this item"),
      .field("amount_refunded", .decimal, "The amount refunded on the invoice item"),
      .field("amount_to_pay_upon_creation", .decimal, "Amount to pay when created"),
      .field("amount_written_off", .decimal, "The amount written off on the invoice item"),
      .field("balance_due", .decimal, "The balance due on the invoice item"),
      .field("bundled_product_1", .object),
    ] + FieldDescriptor.nested("bundled_product_1", bundledProduct) + [
      .field("bundled_product_2", .object)
    ] + FieldDescriptor.nested("bundled_product_2", bundledProduct) + [
      .field("description", .string, "Description of the item"),
      .field("has_inline_bundled_products", .boolean, "This line item has inline bundled products"),
      .field("inline_bundled_products", .array(element: .object)),
      .field("invoice_line_item_id", .id(numeric: false), "Line item id of the invoice"),
      .field("legacy_ar_gl_account", .string, "The legacy G/L account imported from another system"),
      .field("legacy_project", .string, "The legacy project imported from another system"),
      .field("legacy_revenue_account", .string, "The legacy G/L account imported from another system"),
      .field("optional", .boolean, "Whether or not this is an optional item"),
      .field("order_line_item_id", .id(numeric: false), "The order line item it is tied to"),
      .field("original_total", .decimal, "Invoice line item original total"),
      .field("original_total_in_base_currency", .decimal, "Original total (base currency)"),
      .field("primary_product_total", .decimal, "The total NOT allocated to bundled products"),
      .field("product_id", .id(numeric: false), required: true, "The product on the line item"),
      .field("product_type", .string, required: true, "The service that owns the product type"),
      .field("quantity", .decimal, required: true, "Quantity of the invoice line item"),
      .field("related_transactions", .array(element: .object)),
      .field("related_transactions.amount", .decimal, required: true, "The amount applied"),
      .field("related_transactions.date", .dateTime, required: true, "The date/time of the transaction"),
      .field("related_transactions.transaction_id", .id(numeric: false), required: true),
      .field("related_transactions.transaction_line_item_id", .id(numeric: false), required: true),
      .field("related_transactions.transaction_number", .integer, required: true),
      .field("related_transactions.type", .enumeration(transactionTypes)),
      .field("status", .enumeration(statuses), "The status of the invoice item"),
      .field("total", .decimal, required: true, "Invoice line item total"),
      .field("total_in_base_currency", .decimal, "Invoice line item total (base currency)"),
      .field("unit_price", .decimal, required: true, "Unit price of the invoice line item"),
    ]

  static let fields: [FieldDescriptor] =
    [
      .field("amount_paid", .decimal, required: true, "The amount paid on the invoice"),
      .field("amount_refunded", .decimal, required: true, "The amount refunded on the invoice"),
      .field("amount_written_off", .decimal, required: true, "The amount written off"),
      .field("balance_due", .decimal, required: true, "The balance due on the invoice"),
      .field("base_currency_code", .string, "The base currency of the business unit"),
      .field("base_currency_symbol", .string, "The base currency symbol of the business unit"),
      .field("batch_id", .id(numeric: false), "The batch this transaction belongs to"),
      .field("bill_to_contact_id", .id(numeric: false), required: true, "The person being billed"),
      .field("bill_to_organization_id", .id(numeric: false), required: true, "The organization billed"),
      .field("bill_to_type", .enumeration(["contact", "organization"]), required: true),
      .field("billing_address", .object, "A complete address"),
    ] + FieldDescriptor.nested("billing_address", address) + [
      .field("business_unit_id", .id(numeric: false), required: true, "The business unit"),
      .field("cancellation_id", .id(numeric: false), "The order cancellation tied to this"),
      .field(
        "currency_code", .string, "The currency code in use (ISO 4217; canonical `currency` is a string)"),
      .field("currency_symbol", .string, "The currency symbol"),
      .field("custom_field_values", .array(element: .object)),
      .field("custom_field_values.boolean_value", .boolean, "The boolean value"),
      .field("custom_field_values.custom_field_id", .id(numeric: false), "The custom field"),
      .field("custom_field_values.file_url_value", .string, "The pointer to a file value"),
      .field("custom_field_values.list_value", .array(element: .string), "The list value"),
      .field("custom_field_values.numeric_value", .decimal, "The numeric value"),
      .field("custom_field_values.string_value", .string, "The string value"),
      .field("custom_field_values.table_value", .array(element: .object), "A table"),
      .field("custom_metadata", .object, "Custom metadata for custom order generation"),
      .field("date", .date, "The date of the transaction"),
      .field("date_due", .date, required: true, "The date the invoice is due"),
      .field("exchange_rate", .decimal, "The exchange rate, if applicable"),
      .field("id", .id(numeric: false), required: true, "The unique identifier of this invoice"),
      .field("legacy_balance_due", .decimal, "The balance due from the legacy system"),
      .field("line_items", .array(element: .object), required: true),
    ] + FieldDescriptor.nested("line_items", lineItem) + [
      .field("memo", .string, "Memo/description of the transaction"),
      .field("notes", .string, "Notes for the transaction"),
      .field("number", .integer, required: true, "The transaction number"),
      .field("order_id", .id(numeric: false), "The order tied to this transaction"),
      .field("parent_invoice_id", .id(numeric: false), "A parent invoice for this invoice"),
      .field("payment_terms_id", .id(numeric: false), "The invoice terms applied"),
      .field("pro_forma", .boolean, "Whether this is a pro forma invoice"),
      .field("purchase_order_number", .string, "The purchase order number"),
      .field("regenerated_invoice_id", .id(numeric: false), "The regenerated invoice"),
      .field("regeneration_error", .string, "An error during regeneration"),
      .field("return_id", .id(numeric: false), "The return tied to this transaction"),
      .field("send_email_to_billing_contact", .boolean, "Email the billing contact"),
      .field("sharing_secret", .string, "Salt for sharing invoices publicly"),
      .field("status", .enumeration(statuses), required: true, "The status of the invoice"),
      .field("sys_bulk_load_at", .dateTime, "When a bulk load processed the record"),
      .field("sys_bulk_load_id", .id(numeric: false), "The bulk load process"),
      .field("sys_bulk_load_pk", .string, "The bulk load partition key"),
      .field("sys_bulk_load_record_no", .decimal, "The record number in the bulk source file"),
      .field("sys_bulk_load_source_file", .string, "The bulk load source file"),
      .field("sys_calculated_field_error", .string, "The calculated field error"),
      .field("sys_calculated_field_errors", .array(element: .object)),
      .field("sys_calculated_field_errors.error", .string),
      .field("sys_calculated_field_errors.field", .string),
      .field("sys_configuration_snapshot_id", .id(numeric: false), "The snapshot applied"),
      .field("sys_created_at", .dateTime, required: true, "When this record was created"),
      .field("sys_created_by_id", .id(numeric: false), required: true, "Who created this record"),
      .field("sys_deleted_by_id", .id(numeric: false), "Who deleted (or tried to) this record"),
      .field("sys_directive", .string, "Directive information for processing logic"),
      .field("sys_external_id", .id(numeric: false), "The id in an external system"),
      .field("sys_has_files_in_s3", .boolean, "Whether this record has files in S3"),
      .field("sys_last_bulk_data_operation_id", .id(numeric: false), "The last bulk operation"),
      .field("sys_last_bulk_data_operation_sys_version", .string, "sys_version at that operation"),
      .field("sys_last_modified_at", .dateTime, required: true, "When this record was last modified"),
      .field("sys_last_modified_by_id", .id(numeric: false), required: true, "Who last modified it"),
      .field("sys_last_security_context", .object, "The security context of the last change"),
      .field("sys_locked", .boolean, "Whether this record is locked"),
      .field("sys_search_composite_key", .string, "Internal use"),
      .field("sys_snapshot_base_version", .decimal, "The base version for configuration snapshots"),
      .field("sys_version", .decimal, "The version of this record in the database"),
      .field("template_id", .id(numeric: false), "The template for printing/emailing"),
      .field("total", .decimal, required: true, "The transaction total"),
      .field("total_in_base_currency", .decimal, required: true, "The total in base currency"),
      .field("type", .string, "The type of invoice"),
      .field("uses_v2_api", .boolean, "Processed with the v2 sync"),
      .field("workflow_execution_id", .id(numeric: false), "The state machine execution"),
    ]

  /// The catalog.
  package static let catalog = FieldCatalog(
    provider: "rhythm",
    fields: fields,
    canonicalFields: [
      "id": ["id"],
      "number": ["number"],
      "status": ["status"],
      "issueDate": ["date"],
      "dueDate": ["date_due"],
      "total": ["total"],
      "balance": ["balance_due"],
      "currency": ["currency_code"],
      "customerId": ["bill_to_contact_id"],
      "purchaseOrder": ["purchase_order_number"],
      "createdAt": ["sys_created_at"],
      "updatedAt": ["sys_last_modified_at"],
    ],
    canonicalStatuses: [
      "draft": [],
      "open": ["open"],
      "paid": ["paid"],
      "void": ["void"],
      "cancelled": ["cancelled"],
      "writtenOff": ["written off"],
    ])
}
