import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

enum ElevateSample {
  /// A page of `elevate` invoices.
  static let body = #"""
    [
      {
        "id": 501,
        "invoiceSummaryId": 9000,
        "customerId": 70,
        "siteId": 1,
        "billRunType": "NORMAL",
        "billRunStatus": "FINALIZED",
        "dueDate": "2025-04-10",
        "invoiceDate": "2025-03-10",
        "createdDate": "2025-03-10T08:00:00",
        "paymentStatus": "UNPAID",
        "paymentMethod": "DIRECT_DEBIT",
        "invoiceNumber": "EB-2025000",
        "invoiceTotalAmount": 53.0,
        "invoiceTaxAmount": 10.6,
        "taxExempt": true,
        "purchaseOrderNumber": null,
        "invoiceRemainingAmount": 53.0,
        "usageBreakdown": [
          {
            "usageProductId": 10,
            "sellPrice": 26.5,
            "taxAmount": 1.5
          }
        ]
      },
      {
        "id": 502,
        "invoiceSummaryId": 9001,
        "customerId": 71,
        "siteId": 1,
        "billRunType": "NORMAL",
        "billRunStatus": "FINALIZED",
        "dueDate": "2025-05-11",
        "invoiceDate": "2025-04-11",
        "createdDate": "2025-04-11T08:00:00",
        "paymentStatus": "PAID",
        "paymentMethod": "CREDIT_CARD",
        "invoiceNumber": "EB-2025001",
        "invoiceTotalAmount": 401.61,
        "invoiceTaxAmount": 80.32,
        "taxExempt": false,
        "purchaseOrderNumber": "PO1",
        "invoiceRemainingAmount": 0,
        "usageBreakdown": []
      },
      {
        "id": 503,
        "invoiceSummaryId": 9002,
        "customerId": 72,
        "siteId": 1,
        "billRunType": "NORMAL",
        "billRunStatus": "FINALIZED",
        "dueDate": "2025-06-12",
        "invoiceDate": "2025-05-12",
        "createdDate": "2025-05-12T08:00:00",
        "paymentStatus": "PARTIALLY_PAID",
        "paymentMethod": "BACS",
        "invoiceNumber": "EB-2025002",
        "invoiceTotalAmount": 81.47,
        "invoiceTaxAmount": 16.29,
        "taxExempt": false,
        "purchaseOrderNumber": null,
        "invoiceRemainingAmount": 27.16,
        "usageBreakdown": [
          {
            "usageProductId": 12,
            "sellPrice": 40.73,
            "taxAmount": 1.5
          }
        ]
      },
      {
        "id": 504,
        "invoiceSummaryId": 9003,
        "customerId": 70,
        "siteId": 1,
        "billRunType": "NORMAL",
        "billRunStatus": "FINALIZED",
        "dueDate": "2025-04-13",
        "invoiceDate": "2025-03-13",
        "createdDate": "2025-03-13T08:00:00",
        "paymentStatus": "WRITTEN_OFF",
        "paymentMethod": "DIRECT_DEBIT",
        "invoiceNumber": "EB-2025003",
        "invoiceTotalAmount": 99.83,
        "invoiceTaxAmount": 19.97,
        "taxExempt": false,
        "purchaseOrderNumber": "PO3",
        "invoiceRemainingAmount": 0,
        "usageBreakdown": []
      },
      {
        "id": 505,
        "invoiceSummaryId": 9004,
        "customerId": 71,
        "siteId": 1,
        "billRunType": "NORMAL",
        "billRunStatus": "FINALIZED",
        "dueDate": "2025-05-14",
        "invoiceDate": "2025-04-14",
        "createdDate": "2025-04-14T08:00:00",
        "paymentStatus": "UNPAID",
        "paymentMethod": "CREDIT_CARD",
        "invoiceNumber": "EB-2025004",
        "invoiceTotalAmount": 393.58,
        "invoiceTaxAmount": 78.72,
        "taxExempt": true,
        "purchaseOrderNumber": null,
        "invoiceRemainingAmount": 393.58,
        "usageBreakdown": [
          {
            "usageProductId": 14,
            "sellPrice": 196.79,
            "taxAmount": 1.5
          }
        ]
      },
      {
        "id": 506,
        "invoiceSummaryId": 9005,
        "customerId": 72,
        "siteId": 1,
        "billRunType": "NORMAL",
        "billRunStatus": "FINALIZED",
        "dueDate": "2025-06-15",
        "invoiceDate": "2025-05-15",
        "createdDate": "2025-05-15T08:00:00",
        "paymentStatus": "DISPUTED",
        "paymentMethod": "BACS",
        "invoiceNumber": "EB-2025005",
        "invoiceTotalAmount": 747.63,
        "invoiceTaxAmount": 149.53,
        "taxExempt": false,
        "purchaseOrderNumber": "PO5",
        "invoiceRemainingAmount": 747.63,
        "usageBreakdown": []
      },
      {
        "id": 507,
        "invoiceSummaryId": 9006,
        "customerId": 70,
        "siteId": 1,
        "billRunType": "NORMAL",
        "billRunStatus": "FINALIZED",
        "dueDate": "2025-04-16",
        "invoiceDate": "2025-03-16",
        "createdDate": "2025-03-16T08:00:00",
        "paymentStatus": "PAID",
        "paymentMethod": "DIRECT_DEBIT",
        "invoiceNumber": "EB-2025006",
        "invoiceTotalAmount": 128.95,
        "invoiceTaxAmount": 25.79,
        "taxExempt": false,
        "purchaseOrderNumber": null,
        "invoiceRemainingAmount": 0,
        "usageBreakdown": [
          {
            "usageProductId": 16,
            "sellPrice": 64.47,
            "taxAmount": 1.5
          }
        ]
      },
      {
        "id": 508,
        "invoiceSummaryId": 9007,
        "customerId": 71,
        "siteId": 1,
        "billRunType": "NORMAL",
        "billRunStatus": "FINALIZED",
        "dueDate": "2025-05-17",
        "invoiceDate": "2025-04-17",
        "createdDate": "2025-04-17T08:00:00",
        "paymentStatus": "REFUNDED",
        "paymentMethod": "CREDIT_CARD",
        "invoiceNumber": "EB-2025007",
        "invoiceTotalAmount": 216.45,
        "invoiceTaxAmount": 43.29,
        "taxExempt": false,
        "purchaseOrderNumber": "PO7",
        "invoiceRemainingAmount": 0,
        "usageBreakdown": []
      }
    ]
    """#
}
