import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// Elevate Billing's invoice (`GET /invoices`, Invoices API 1.21), transcribed from
/// `elevate-billing.seed.txt`. The page marks nothing required, so every field is nullable.
package enum ElevateCatalog {
  static let paymentStatuses = [
    "NA", "PAID", "UNPAID", "PENDING", "REFUNDED", "PART_REFUNDED", "REFUND_PENDING", "WRITTEN_OFF",
    "DISPUTED", "PARTIALLY_PAID",
  ]

  static let paymentMethods = [
    "CHEQUE", "DIRECT_DEBIT", "CANCELLED_DD", "CANCELLED_CARD", "CREDIT_CARD", "PAYPAL", "BACS",
    "POST_OFFICE_PAYMENT_CARD", "EZYPAY", "GO_CARDLESS", "GC_INSTANT_BANK_PAYMENTS", "STRIPE",
    "STRIPE_CARD", "STRIPE_DD", "FINASTRA", "FAST_PAY", "OTHER",
  ]

  static let mandateStatuses = [
    "NEW", "INACTIVE", "CREATED", "CUSTOMER_APPROVAL_GRANTED", "CUSTOMER_APPROVAL_SKIPPED", "ACTIVE",
    "CANCELLED", "FAILED", "TRANSFERRED", "EXPIRED", "SUBMITTED", "RESUBMISSION_REQUESTED",
    "PENDING_SUBMISSION", "REINSTATED", "REPLACED", "PENDING_CUSTOMER_APPROVAL", "CONSUMED", "BLOCKED",
    "UNKNOWN",
  ]

  static let thirdPartyPaymentStatuses = [
    "NEW", "CREATED", "PENDING_CUSTOMER_APPROVAL", "PENDING_SUBMISSION", "SUBMITTED", "CONFIRMED",
    "PAID_OUT", "CANCELLED", "FAILED", "FAILED_RETRYING", "CHARGED_BACK", "CUSTOMER_APPROVAL_GRANTED",
    "CUSTOMER_APPROVAL_DENIED", "CHARGEBACK_CANCELLED", "LATE_FAILURE_SETTLED", "CHARGEBACK_SETTLED",
    "SURCHARGE_FEE_DEBITED", "RESUBMISSION_REQUESTED", "UNSUPPORTED_PAYMENT_TYPE",
    "UNAUTHORISED_PAYMENT_TYPE", "CUSTOMER_APPROVAL_MISSING", "SURCHARGE_FEE_CREDITED", "MANUALLY_PAID",
    "UNSENT", "REFUNDED", "PARTIALLY_REFUNDED", "REFUND_PENDING",
  ]

  static let thirdPartyRefundStatuses = [
    "CREATED", "PENDING_SUBMISSION", "SUBMITTED", "PAID", "CANCELLED", "BOUNCED", "FUNDS_RETURNED",
    "MANUALLY_REFUNDED", "REFUND_SETTLED",
  ]

  static let fields: [FieldDescriptor] = [
    .field("id", .id(numeric: true), "Invoice identifier"),
    .field("invoiceSummaryId", .id(numeric: true), "Invoice summary identifier"),
    .field("contractOwnerId", .id(numeric: true), "Contract owner identifier"),
    .field("billingCycleId", .id(numeric: true), "Billing cycle identifier"),
    .field("billRunId", .id(numeric: true), "Bill run identifier"),
    .field("billRunType", .enumeration(["NORMAL", "ADHOC"]), "Billing run type"),
    .field("billRunStatus", .enumeration(["OPEN", "CLOSED", "FINALIZED"]), "Bill run status"),
    .field("customerId", .id(numeric: true), "Customer identifier"),
    .field("siteId", .id(numeric: true), "Site identifier"),
    .field("dueDate", .date, "Invoice due date"),
    .field("invoiceDate", .date, "Invoice date"),
    .field("createdDate", .dateTime, "Invoice created date (sent as a date and time)"),
    .field(
      "thirdPartyPaymentStatusUpdatedTime", .dateTime,
      "Invoice thirdPartyPaymentStatus updated date and time"),
    FieldDescriptor(
      ["paymentStatusUpdatedDate"], .date,
      summary: "Invoice paymentStatus updated date (deprecated: use paymentStatusUpdatedTime)",
      replacedBy: ["paymentStatusUpdatedTime"]),
    .field("paymentStatusUpdatedTime", .dateTime, "Invoice paymentStatus updated date and time"),
    .field("refundStatusUpdatedDate", .date, "Invoice thirdPartyRefundStatus updated date"),
    .field("paymentMethod", .enumeration(paymentMethods), "Payment method"),
    .field("mandateStatus", .enumeration(mandateStatuses), "Mandate status"),
    .field("paymentStatus", .enumeration(paymentStatuses), "Invoice payment status"),
    .field(
      "thirdPartyPaymentStatus", .enumeration(thirdPartyPaymentStatuses),
      "Payment status of the integrated payment provider"),
    .field(
      "thirdPartyRefundStatus", .enumeration(thirdPartyRefundStatuses), "Third party refund status"),
    .field("invoiceNumber", .string, "Invoice number"),
    .field("invoiceTotalAmount", .decimal, "Invoice total amount"),
    .field("invoiceTaxAmount", .decimal, "Invoice total tax amount"),
    .field("taxExempt", .boolean, "Invoice is tax exempt"),
    .field("purchaseOrderNumber", .string, "Purchase order number"),
    .field("invoiceRemainingAmount", .decimal, "Invoice remaining amount"),
    .field("totalRentalAmount", .decimal, "Invoice total rental charge amount"),
    .field("totalRentalTaxAmount", .decimal, "Invoice total rental charge tax amount"),
    .field("totalUsageAmount", .decimal, "Invoice total usage charge amount"),
    .field("totalUsageTaxAmount", .decimal, "Invoice total usage charge tax amount"),
    .field("usageBreakdown", .array(element: .object)),
    .field("usageBreakdown.usageProductId", .id(numeric: true), "Usage product identifier"),
    .field(
      "usageBreakdown.chargeGroupCategoryId", .id(numeric: true), "Charge group category identifier"),
    .field("usageBreakdown.taxBandId", .id(numeric: true), "Tax band identifier"),
    .field("usageBreakdown.costPrice", .decimal, "Net unrated cost price"),
    .field("usageBreakdown.sellPrice", .decimal, "Net rated sell price"),
    .field("usageBreakdown.taxAmount", .decimal, "Tax amount"),
    .field("usageBreakdown.ratedCostPrice", .decimal, "Net rated cost price"),
    .field("totalAdhocAmount", .decimal, "Invoice total adhoc charge amount"),
    .field("totalAdhocTaxAmount", .decimal, "Invoice total adhoc charge tax amount"),
    .field("totalBoltOnAmount", .decimal, "Invoice total bolt-on charge amount"),
    .field("totalBoltOnTaxAmount", .decimal, "Invoice total bolt-on charge tax amount"),
    .field("totalReverseVatAmount", .decimal, "Invoice total reverse-vat charge amount"),
    .field("paymentRetryCount", .integer, "Number of payment retries attempted"),
  ]

  /// The catalog.
  package static let catalog = FieldCatalog(
    provider: "elevate",
    fields: fields,
    canonicalFields: [
      "id": ["id"],
      "number": ["invoiceNumber"],
      "status": ["paymentStatus"],
      "issueDate": ["invoiceDate"],
      "dueDate": ["dueDate"],
      "total": ["invoiceTotalAmount"],
      "balance": ["invoiceRemainingAmount"],
      "customerId": ["customerId"],
      "purchaseOrder": ["purchaseOrderNumber"],
    ],
    canonicalStatuses: [
      "draft": [],
      "open": ["UNPAID", "PARTIALLY_PAID"],
      "paid": ["PAID"],
      "void": [],
      "cancelled": [],
      "writtenOff": ["WRITTEN_OFF"],
    ])
}
