import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// SoftwareOne Marketplace's invoice (`GET /public/v1/billing/invoices`), transcribed from
/// `softwareone-marketplace.seed.txt` (its response example gives the shape and types).
///
/// `erpData.documentDate`, `erpData.dueDate` and `erpData.postingDate` are dates although the API sends
/// datetimes: the language reference makes the canonical `issueDate`/`dueDate` dates on every provider, and a date field
/// holding a datetime counts by its date as written.
package enum SoftwareOneCatalog {
  static let actor: [FieldDescriptor] = [
    .field("id", .id(numeric: false)),
    .field("name", .string),
    .field("icon", .string),
  ]

  static let event: [FieldDescriptor] =
    [.field("at", .dateTime), .field("by", .object)] + FieldDescriptor.nested("by", actor)

  static func audit(_ prefix: String, _ events: [String]) -> [FieldDescriptor] {
    [.field(prefix, .object)]
      + events.flatMap { e in
        [FieldDescriptor.field(prefix + "." + e, .object)]
          + FieldDescriptor.nested(prefix + "." + e, event)
      }
  }

  static let reference: [FieldDescriptor] = [
    .field("id", .id(numeric: false)),
    .field("icon", .string),
    .field("type", .string),
    .field("status", .string),
    .field("name", .string),
  ]

  static let erpAddress: [FieldDescriptor] = [
    "name", "name2", "email", "customerNo", "addressLine1", "addressLine2", "addressLine3", "city",
    "postCode", "county", "country", "contactName", "contactNo", "contactEmail", "contactPhone",
  ].map { FieldDescriptor.field($0, .string) }

  static let erpLink: [FieldDescriptor] =
    [
      .field("id", .id(numeric: false)),
      .field("icon", .string),
      .field("name", .string),
      .field("status", .string),
      .field("note", .string),
      .field("buyer", .object),
    ] + FieldDescriptor.nested("buyer", actor)
    + audit("audit", ["created", "updated", "blocked", "unblocked"]) + [
      .field("externalIds", .object),
      .field("externalIds.erpCompanyContact", .string),
      .field("externalIds.erpCustomer", .string),
      .field("externalIds.accountExternalId", .string),
      .field("address", .object),
    ]
    + ["addressLine1", "addressLine2", "postCode", "city", "state", "country"].map {
      FieldDescriptor.field("address." + $0, .string)
    }

  static let line: [FieldDescriptor] =
    [
      .field("id", .id(numeric: false)),
      .field("documentNo", .string),
      .field("lineNo", .integer),
      .field("discountAmount", .decimal),
      .field("vatBaseAmount", .decimal),
      .field("unitOfMeasure", .string),
      .field("itemNo", .string),
      .field("description", .string),
      .field("description2", .string),
      .field("quantity", .decimal),
      .field("unitPrice", .decimal),
      .field("countryOfUsage", .string),
      .field("contractNo", .string),
      .field("primaryCodeIdentifier", .string),
      .field("primaryCodeVersion", .string),
      .field("primaryCodeValue", .string),
      .field("secondaryCodeIdentifier", .string),
      .field("secondaryCodeVersion", .string),
      .field("secondaryCodeValue", .string),
      .field("msrp", .decimal),
      .field("timestamp", .integer),
      .field("rowVersion", .string),
      .field("parentItemNo", .string),
      .field("type", .string),
      .field("responsibilityCenterCode", .string),
      .field("vatCalculationType", .string),
      .field("vatPercent", .decimal),
      .field("varPartnerNo", .string),
      .field("swoPurchaseOrderNo", .string),
      .field("varAgreementNo", .string),
      .field("externalPositionNo", .string),
      .field("dataOrigin", .string),
      .field("primaryKey", .string),
      .field("sellToContactNo", .string),
      .field("externalDocumentNo", .string),
      .field("externalDocumentNo2", .string),
      .field("yourReference", .string),
      .field("period", .object),
      .field("period.start", .dateTime),
      .field("period.end", .dateTime),
    ]
    + [
      "purchasePriceLcy", "purchasePriceTotalLcy", "salesMargin", "salesMarkup", "amount",
      "lineAmount", "amountIncludingVat",
    ].map { FieldDescriptor.field($0, .decimal) }

  static let fields: [FieldDescriptor] =
    [
      .field("id", .id(numeric: false), "The invoice identifier (INV-…)"),
      .field("icon", .string),
      .field("name", .string),
      .field("status", .enumeration(["Issued", "Paid", "Overdue"]), "The invoice status"),
      .field("type", .string),
      .field("billingType", .string),
    ]
    + audit("audit", ["created", "updated"])
    + [.field("buyer", .object)] + FieldDescriptor.nested("buyer", actor)
    + [
      .field("seller", .object),
      .field("seller.id", .id(numeric: false)),
      .field("seller.icon", .string),
      .field("seller.externalId", .string),
      .field("seller.name", .string),
      .field("seller.erpLink", .object),
    ]
    + FieldDescriptor.nested("seller.erpLink", erpLink)
    + [.field("statement", .object)] + FieldDescriptor.nested("statement", actor)
    + [.field("agreement", .object)] + FieldDescriptor.nested("agreement", reference)
    + [.field("client", .object)] + FieldDescriptor.nested("client", reference)
    + [
      .field("licensee", .object),
      .field("licensee.id", .id(numeric: false)),
      .field("licensee.icon", .string),
      .field("licensee.name", .string),
      .field("licensee.externalId", .string),
      .field("product", .object),
      .field("product.id", .id(numeric: false)),
      .field("product.name", .string),
      .field("product.externalIds", .object),
      .field("product.externalIds.operations", .string),
      .field("product.icon", .string),
      .field("product.status", .string),
    ]
    + [.field("vendor", .object)] + FieldDescriptor.nested("vendor", reference)
    + [
      .field("erpData", .object),
      .field("erpData.erpId", .id(numeric: false)),
      .field("erpData.documentNo", .string, "The ERP document number"),
      .field("erpData.documentDate", .date, "The document date (sent as a datetime)"),
      .field("erpData.dueDate", .date, "The due date (sent as a datetime)"),
      .field("erpData.balanceDue", .decimal, "The balance due"),
      .field("erpData.invoiceTotal", .decimal, "The invoice total"),
      .field("erpData.postingDate", .date, "The posting date (sent as a datetime)"),
      .field("erpData.yourReference", .string),
      .field("erpData.addresses", .object),
    ]
    + ["billTo", "licenseTo", "sellTo", "shipTo"].flatMap { kind in
      [FieldDescriptor.field("erpData.addresses." + kind, .object)]
        + FieldDescriptor.nested("erpData.addresses." + kind, erpAddress)
    }
    + [
      .field("erpData.referenceNumber", .object),
      .field("erpData.referenceNumber.eInvoiceNo", .string),
      .field("erpData.referenceNumber.orderNo", .string),
      .field("erpData.referenceNumber.ppqNo", .string),
      .field("erpData.referenceNumber.quoteNo", .string),
      .field("erpData.payment", .object),
      .field("erpData.payment.methodCode", .string),
      .field("erpData.payment.termsCode", .string),
      .field("price", .object),
      .field("price.currency", .string, "The currency code"),
    ]
    + ["markup", "margin", "totalPP", "totalSP", "totalST", "totalGT"].map {
      FieldDescriptor.field("price." + $0, .decimal)
    }
    + [.field("lines", .array(element: .object))] + FieldDescriptor.nested("lines", line)

  /// The catalog.
  package static let catalog = FieldCatalog(
    provider: "softwareone",
    fields: fields,
    canonicalFields: [
      "id": ["id"],
      "number": ["erpData", "documentNo"],
      "status": ["status"],
      "issueDate": ["erpData", "documentDate"],
      "dueDate": ["erpData", "dueDate"],
      "total": ["erpData", "invoiceTotal"],
      "balance": ["erpData", "balanceDue"],
      "currency": ["price", "currency"],
      "customerId": ["buyer", "id"],
      "createdAt": ["audit", "created", "at"],
      "updatedAt": ["audit", "updated", "at"],
    ],
    canonicalStatuses: [
      "draft": [],
      "open": ["Issued", "Overdue"],
      "paid": ["Paid"],
      "void": [],
      "cancelled": [],
      "writtenOff": [],
    ])
}
