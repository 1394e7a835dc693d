import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

enum WethodSample {
  /// A page of `wethod` invoices.
  static let body = #"""
    [
      {
        "id": 1,
        "created_at": "2025-03-10T18:18:59.360Z",
        "updated_at": "2025-04-10T09:00:00.000Z",
        "status": "draft",
        "invoice_number": "INV-2025-001",
        "purchase_order": null,
        "value": 5381.96,
        "exchange_rate": 0,
        "issue_date": "2025-04-01",
        "payment_date": null,
        "notes": "Consulting — phase 1",
        "project_id": 10,
        "budget_area_uid": "ba-1",
        "vat_rate_id": 1,
        "payment_term_id": 2
      },
      {
        "id": 2,
        "created_at": "2025-03-11T18:18:59.360Z",
        "updated_at": "2025-04-11T09:00:00.000Z",
        "status": "sent",
        "invoice_number": "INV-2025-002",
        "purchase_order": "PO-1",
        "value": 1502.31,
        "exchange_rate": 0,
        "issue_date": "2025-04-03",
        "payment_date": null,
        "notes": "Consulting — phase 2",
        "project_id": 11,
        "budget_area_uid": "ba-1",
        "vat_rate_id": 1,
        "payment_term_id": 2
      },
      {
        "id": 3,
        "created_at": "2025-03-12T18:18:59.360Z",
        "updated_at": "2025-04-12T09:00:00.000Z",
        "status": "paid",
        "invoice_number": "INV-2025-003",
        "purchase_order": null,
        "value": 1476.81,
        "exchange_rate": 0,
        "issue_date": "2025-04-05",
        "payment_date": "2025-05-03",
        "notes": "Consulting — phase 3",
        "project_id": 12,
        "budget_area_uid": "ba-1",
        "vat_rate_id": 1,
        "payment_term_id": 2
      },
      {
        "id": 4,
        "created_at": "2025-03-13T18:18:59.360Z",
        "updated_at": "2025-04-13T09:00:00.000Z",
        "status": "sent",
        "invoice_number": "INV-2025-004",
        "purchase_order": "PO-3",
        "value": 2647.67,
        "exchange_rate": 0,
        "issue_date": "2025-04-07",
        "payment_date": null,
        "notes": "Consulting — phase 4",
        "project_id": 10,
        "budget_area_uid": "ba-1",
        "vat_rate_id": 1,
        "payment_term_id": 2
      },
      {
        "id": 5,
        "created_at": "2025-03-14T18:18:59.360Z",
        "updated_at": "2025-04-14T09:00:00.000Z",
        "status": "paid",
        "invoice_number": "INV-2025-005",
        "purchase_order": null,
        "value": 6443.2,
        "exchange_rate": 0,
        "issue_date": "2025-04-09",
        "payment_date": "2025-05-05",
        "notes": "Consulting — phase 5",
        "project_id": 11,
        "budget_area_uid": "ba-1",
        "vat_rate_id": 1,
        "payment_term_id": 2
      },
      {
        "id": 6,
        "created_at": "2025-03-15T18:18:59.360Z",
        "updated_at": "2025-04-15T09:00:00.000Z",
        "status": "draft",
        "invoice_number": "INV-2025-006",
        "purchase_order": "PO-5",
        "value": 4420.74,
        "exchange_rate": 0,
        "issue_date": "2025-04-11",
        "payment_date": null,
        "notes": "Consulting — phase 6",
        "project_id": 12,
        "budget_area_uid": "ba-1",
        "vat_rate_id": 1,
        "payment_term_id": 2
      },
      {
        "id": 7,
        "created_at": "2025-03-16T18:18:59.360Z",
        "updated_at": "2025-04-16T09:00:00.000Z",
        "status": "sent",
        "invoice_number": "INV-2025-007",
        "purchase_order": null,
        "value": 3513.18,
        "exchange_rate": 0,
        "issue_date": "2025-04-13",
        "payment_date": null,
        "notes": "Consulting — phase 7",
        "project_id": 10,
        "budget_area_uid": "ba-1",
        "vat_rate_id": 1,
        "payment_term_id": 2
      },
      {
        "id": 8,
        "created_at": "2025-03-17T18:18:59.360Z",
        "updated_at": "2025-04-17T09:00:00.000Z",
        "status": "paid",
        "invoice_number": "INV-2025-008",
        "purchase_order": "PO-7",
        "value": 5684.49,
        "exchange_rate": 0,
        "issue_date": "2025-04-15",
        "payment_date": "2025-05-08",
        "notes": "Consulting — phase 8",
        "project_id": 11,
        "budget_area_uid": "ba-1",
        "vat_rate_id": 1,
        "payment_term_id": 2
      }
    ]
    """#
}
