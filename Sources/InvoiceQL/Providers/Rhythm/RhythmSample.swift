import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

enum RhythmSample {
  /// A page of `rhythm` invoices.
  static let body = #"""
    {
      "Count": 8,
      "Items": [
        {
          "id": "inv-1000",
          "number": 1000,
          "status": "open",
          "date": "2025-03-05",
          "date_due": "2025-04-05",
          "total": 843.39,
          "balance_due": 843.39,
          "amount_paid": 0.0,
          "amount_refunded": 0,
          "amount_written_off": 0,
          "currency_code": "USD",
          "bill_to_contact_id": "contact-0",
          "bill_to_organization_id": "org-1",
          "bill_to_type": "contact",
          "business_unit_id": "bu-1",
          "purchase_order_number": null,
          "memo": "Annual membership",
          "billing_address": {
            "city": "Boston",
            "country": "US"
          },
          "line_items": [
            {
              "product_id": "prod-0",
              "product_type": "membership",
              "quantity": 1,
              "unit_price": 421.69,
              "total": 421.69
            }
          ],
          "sys_created_at": "2025-03-05T09:10:00.000Z",
          "sys_last_modified_at": "2025-05-01T12:00:00Z",
          "sys_created_by_id": "u1",
          "sys_last_modified_by_id": "u2",
          "total_in_base_currency": 843.39
        },
        {
          "id": "inv-1001",
          "number": 1001,
          "status": "paid",
          "date": "2025-04-08",
          "date_due": "2025-05-08",
          "total": 419.58,
          "balance_due": 0,
          "amount_paid": 419.58,
          "amount_refunded": 0,
          "amount_written_off": 0,
          "currency_code": "EUR",
          "bill_to_contact_id": "contact-1",
          "bill_to_organization_id": "org-1",
          "bill_to_type": "contact",
          "business_unit_id": "bu-1",
          "purchase_order_number": "PO-501",
          "memo": "Conference — Zürich",
          "billing_address": {
            "city": "Zürich",
            "country": "CH"
          },
          "line_items": [
            {
              "product_id": "prod-1",
              "product_type": "event",
              "quantity": 2,
              "unit_price": 209.79,
              "total": 209.79
            },
            {
              "product_id": "prod-2",
              "product_type": "donation",
              "quantity": 3,
              "unit_price": 139.86,
              "total": 209.79
            }
          ],
          "sys_created_at": "2025-04-08T09:11:00.000Z",
          "sys_last_modified_at": "2025-05-02T12:00:00Z",
          "sys_created_by_id": "u1",
          "sys_last_modified_by_id": "u2",
          "total_in_base_currency": 419.58
        },
        {
          "id": "inv-1002",
          "number": 1002,
          "status": "open",
          "date": "2025-05-11",
          "date_due": "2025-06-11",
          "total": 1644.79,
          "balance_due": 822.39,
          "amount_paid": 822.4,
          "amount_refunded": 0,
          "amount_written_off": 0,
          "currency_code": "GBP",
          "bill_to_contact_id": "contact-2",
          "bill_to_organization_id": "org-1",
          "bill_to_type": "contact",
          "business_unit_id": "bu-1",
          "purchase_order_number": "PO-502",
          "memo": "Refund pending \"review\"",
          "billing_address": {
            "city": "London",
            "country": "GB"
          },
          "line_items": [
            {
              "product_id": "prod-2",
              "product_type": "donation",
              "quantity": 3,
              "unit_price": 822.39,
              "total": 822.39
            }
          ],
          "sys_created_at": "2025-05-11T09:12:00.000Z",
          "sys_last_modified_at": "2025-05-03T12:00:00Z",
          "sys_created_by_id": "u1",
          "sys_last_modified_by_id": "u2",
          "total_in_base_currency": 1644.79
        },
        {
          "id": "inv-1003",
          "number": 1003,
          "status": "void",
          "date": "2025-06-14",
          "date_due": "2025-07-14",
          "total": 227.47,
          "balance_due": 0,
          "amount_paid": 227.47,
          "amount_refunded": 0,
          "amount_written_off": 0,
          "currency_code": "USD",
          "bill_to_contact_id": "contact-0",
          "bill_to_organization_id": "org-1",
          "bill_to_type": "contact",
          "business_unit_id": "bu-1",
          "purchase_order_number": null,
          "memo": "Workshop",
          "billing_address": {
            "city": "Austin",
            "country": "US"
          },
          "line_items": [
            {
              "product_id": "prod-3",
              "product_type": "membership",
              "quantity": 1,
              "unit_price": 113.73,
              "total": 113.73
            },
            {
              "product_id": "prod-4",
              "product_type": "event",
              "quantity": 2,
              "unit_price": 75.82,
              "total": 113.73
            }
          ],
          "sys_created_at": "2025-06-14T09:13:00.000Z",
          "sys_last_modified_at": "2025-05-04T12:00:00Z",
          "sys_created_by_id": "u1",
          "sys_last_modified_by_id": "u2",
          "total_in_base_currency": 227.47
        },
        {
          "id": "inv-1004",
          "number": 1004,
          "status": "written off",
          "date": "2025-03-17",
          "date_due": "2025-04-17",
          "total": 1362.91,
          "balance_due": 0,
          "amount_paid": 1362.91,
          "amount_refunded": 0,
          "amount_written_off": 1362.91,
          "currency_code": "USD",
          "bill_to_contact_id": "contact-1",
          "bill_to_organization_id": "org-1",
          "bill_to_type": "contact",
          "business_unit_id": "bu-1",
          "purchase_order_number": "PO-504",
          "memo": "Late fee",
          "billing_address": {
            "city": "Boston",
            "country": "US"
          },
          "line_items": [
            {
              "product_id": "prod-4",
              "product_type": "event",
              "quantity": 2,
              "unit_price": 681.46,
              "total": 681.46
            }
          ],
          "sys_created_at": "2025-03-17T09:14:00.000Z",
          "sys_last_modified_at": "2025-05-05T12:00:00Z",
          "sys_created_by_id": "u1",
          "sys_last_modified_by_id": "u2",
          "total_in_base_currency": 1362.91
        },
        {
          "id": "inv-1005",
          "number": 1005,
          "status": "cancelled",
          "date": "2025-04-20",
          "date_due": "2025-05-20",
          "total": 945.94,
          "balance_due": 0,
          "amount_paid": 945.94,
          "amount_refunded": 0,
          "amount_written_off": 0,
          "currency_code": "EUR",
          "bill_to_contact_id": "contact-2",
          "bill_to_organization_id": "org-1",
          "bill_to_type": "contact",
          "business_unit_id": "bu-1",
          "purchase_order_number": "PO-505",
          "memo": "Café order",
          "billing_address": {
            "city": "Zürich",
            "country": "CH"
          },
          "line_items": [
            {
              "product_id": "prod-0",
              "product_type": "donation",
              "quantity": 3,
              "unit_price": 472.97,
              "total": 472.97
            },
            {
              "product_id": "prod-1",
              "product_type": "membership",
              "quantity": 4,
              "unit_price": 315.31,
              "total": 472.97
            }
          ],
          "sys_created_at": "2025-04-20T09:15:00.000Z",
          "sys_last_modified_at": "2025-05-06T12:00:00Z",
          "sys_created_by_id": "u1",
          "sys_last_modified_by_id": "u2",
          "total_in_base_currency": 945.94
        },
        {
          "id": "inv-1006",
          "number": 1006,
          "status": "paid",
          "date": "2025-05-23",
          "date_due": "2025-06-23",
          "total": 192.1,
          "balance_due": 0,
          "amount_paid": 192.1,
          "amount_refunded": 0,
          "amount_written_off": 0,
          "currency_code": "GBP",
          "bill_to_contact_id": "contact-0",
          "bill_to_organization_id": "org-1",
          "bill_to_type": "contact",
          "business_unit_id": "bu-1",
          "purchase_order_number": null,
          "memo": "Membership renewal",
          "billing_address": {
            "city": "London",
            "country": "GB"
          },
          "line_items": [
            {
              "product_id": "prod-1",
              "product_type": "membership",
              "quantity": 1,
              "unit_price": 96.05,
              "total": 96.05
            }
          ],
          "sys_created_at": "2025-05-23T09:16:00.000Z",
          "sys_last_modified_at": "2025-05-07T12:00:00Z",
          "sys_created_by_id": "u1",
          "sys_last_modified_by_id": "u2",
          "total_in_base_currency": 192.1
        },
        {
          "id": "inv-1007",
          "number": 1007,
          "status": "open",
          "date": "2025-06-26",
          "date_due": "2025-07-26",
          "total": 1293.22,
          "balance_due": 1293.22,
          "amount_paid": 0.0,
          "amount_refunded": 0,
          "amount_written_off": 0,
          "currency_code": "USD",
          "bill_to_contact_id": "contact-1",
          "bill_to_organization_id": "org-1",
          "bill_to_type": "contact",
          "business_unit_id": "bu-1",
          "purchase_order_number": "PO-507",
          "memo": "Donation",
          "billing_address": {
            "city": "Austin",
            "country": "US"
          },
          "line_items": [
            {
              "product_id": "prod-2",
              "product_type": "event",
              "quantity": 2,
              "unit_price": 646.61,
              "total": 646.61
            },
            {
              "product_id": "prod-3",
              "product_type": "donation",
              "quantity": 3,
              "unit_price": 431.07,
              "total": 646.61
            }
          ],
          "sys_created_at": "2025-06-26T09:17:00.000Z",
          "sys_last_modified_at": "2025-05-08T12:00:00Z",
          "sys_created_by_id": "u1",
          "sys_last_modified_by_id": "u2",
          "total_in_base_currency": 1293.22
        }
      ],
      "LastEvaluatedKey": null
    }
    """#
}
