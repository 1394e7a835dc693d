import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

enum RoadSyncSample {
  /// A page of `roadsync` invoices.
  static let body = #"""
    {
      "code": "Success",
      "message": "ok",
      "invoice_list": [
        {
          "id": "rs-0000",
          "invoiceNumber": 88000,
          "status": "new",
          "amount": 3174.42,
          "baseAmt": 3174.42,
          "customerId": "cust-0",
          "createdAt": "2025-04-10 10:32:28Z",
          "updatedAt": "2025-05-01 08:00:00Z",
          "sentAt": null,
          "deletedAt": null,
          "type": "service",
          "customer": {
            "id": "cust-0",
            "name": "Acme Trucking",
            "state": "TX"
          },
          "lineItems": [
            {
              "productId": "p0",
              "qty": 1,
              "cost": 3174.42,
              "type": "service",
              "description": "Tow & recovery"
            }
          ]
        },
        {
          "id": "rs-0001",
          "invoiceNumber": 88001,
          "status": "sent",
          "amount": 4743.77,
          "baseAmt": 4743.77,
          "customerId": "cust-1",
          "createdAt": "2025-04-11 11:32:28Z",
          "updatedAt": "2025-05-02 08:00:00Z",
          "sentAt": "2025-04-12 09:00:00Z",
          "deletedAt": null,
          "type": "service",
          "customer": {
            "id": "cust-1",
            "name": "Blue Line",
            "state": "TX"
          },
          "lineItems": [
            {
              "productId": "p1",
              "qty": 2,
              "cost": 2371.89,
              "type": "service",
              "description": "Tow & recovery"
            }
          ]
        },
        {
          "id": "rs-0002",
          "invoiceNumber": 88002,
          "status": "completed",
          "amount": 2927.8,
          "baseAmt": 2927.8,
          "customerId": "cust-2",
          "createdAt": "2025-04-12 12:32:28Z",
          "updatedAt": "2025-05-03 08:00:00Z",
          "sentAt": "2025-04-13 09:00:00Z",
          "deletedAt": null,
          "type": "service",
          "customer": {
            "id": "cust-2",
            "name": "Café Fleet",
            "state": "TX"
          },
          "lineItems": [
            {
              "productId": "p2",
              "qty": 3,
              "cost": 975.93,
              "type": "service",
              "description": "Tow & recovery"
            }
          ]
        },
        {
          "id": "rs-0003",
          "invoiceNumber": 88003,
          "status": "processing",
          "amount": 2043.73,
          "baseAmt": 2043.73,
          "customerId": "cust-0",
          "createdAt": "2025-04-13 13:32:28Z",
          "updatedAt": "2025-05-04 08:00:00Z",
          "sentAt": null,
          "deletedAt": null,
          "type": "service",
          "customer": {
            "id": "cust-0",
            "name": "Acme Trucking",
            "state": "TX"
          },
          "lineItems": [
            {
              "productId": "p3",
              "qty": 4,
              "cost": 510.93,
              "type": "service",
              "description": "Tow & recovery"
            }
          ]
        },
        {
          "id": "rs-0004",
          "invoiceNumber": 88004,
          "status": "sent",
          "amount": 4883.65,
          "baseAmt": 4883.65,
          "customerId": "cust-1",
          "createdAt": "2025-04-14 14:32:28Z",
          "updatedAt": "2025-05-05 08:00:00Z",
          "sentAt": "2025-04-15 09:00:00Z",
          "deletedAt": null,
          "type": "service",
          "customer": {
            "id": "cust-1",
            "name": "Blue Line",
            "state": "TX"
          },
          "lineItems": [
            {
              "productId": "p4",
              "qty": 1,
              "cost": 4883.65,
              "type": "service",
              "description": "Tow & recovery"
            }
          ]
        },
        {
          "id": "rs-0005",
          "invoiceNumber": 88005,
          "status": "failed",
          "amount": 328.26,
          "baseAmt": 328.26,
          "customerId": "cust-2",
          "createdAt": "2025-04-15 15:32:28Z",
          "updatedAt": "2025-05-06 08:00:00Z",
          "sentAt": "2025-04-16 09:00:00Z",
          "deletedAt": null,
          "type": "service",
          "customer": {
            "id": "cust-2",
            "name": "Café Fleet",
            "state": "TX"
          },
          "lineItems": [
            {
              "productId": "p5",
              "qty": 2,
              "cost": 164.13,
              "type": "service",
              "description": "Tow & recovery"
            }
          ]
        },
        {
          "id": "rs-0006",
          "invoiceNumber": 88006,
          "status": "waitingapproval",
          "amount": 4306.5,
          "baseAmt": 4306.5,
          "customerId": "cust-0",
          "createdAt": "2025-04-16 16:32:28Z",
          "updatedAt": "2025-05-07 08:00:00Z",
          "sentAt": null,
          "deletedAt": null,
          "type": "service",
          "customer": {
            "id": "cust-0",
            "name": "Acme Trucking",
            "state": "TX"
          },
          "lineItems": [
            {
              "productId": "p6",
              "qty": 3,
              "cost": 1435.5,
              "type": "service",
              "description": "Tow & recovery"
            }
          ]
        },
        {
          "id": "rs-0007",
          "invoiceNumber": 88007,
          "status": "completed",
          "amount": 1519.09,
          "baseAmt": 1519.09,
          "customerId": "cust-1",
          "createdAt": "2025-04-17 17:32:28Z",
          "updatedAt": "2025-05-08 08:00:00Z",
          "sentAt": "2025-04-18 09:00:00Z",
          "deletedAt": null,
          "type": "service",
          "customer": {
            "id": "cust-1",
            "name": "Blue Line",
            "state": "TX"
          },
          "lineItems": [
            {
              "productId": "p7",
              "qty": 4,
              "cost": 379.77,
              "type": "service",
              "description": "Tow & recovery"
            }
          ]
        }
      ],
      "pagination": {
        "ItemsPerPage": 100,
        "PageNumber": 1,
        "TotalItems": 8,
        "TotalPages": 1
      }
    }
    """#
}
