import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

enum SoftwareOneSample {
  /// A page of `softwareone` invoices.
  static let body = #"""
    {
      "$meta": {
        "pagination": {
          "offset": 0,
          "limit": 100,
          "total": 8
        }
      },
      "data": [
        {
          "id": "INV-1234-5600-7800",
          "name": "Apr 2025 #0",
          "status": "Issued",
          "type": "Debit",
          "audit": {
            "created": {
              "at": "2025-04-01T14:30:00.0000000+00:00"
            },
            "updated": {
              "at": "2025-05-02T10:33:08.044Z"
            }
          },
          "buyer": {
            "id": "BUY-1000",
            "name": "Contoso"
          },
          "erpData": {
            "documentNo": "DOC-67890",
            "documentDate": "2025-04-01T10:00:00.0000000+00:00",
            "dueDate": "2025-05-01T23:59:59.0000000+00:00",
            "balanceDue": 3312.97,
            "invoiceTotal": 3312.97
          },
          "price": {
            "currency": "EUR",
            "totalSP": 3312.97
          },
          "lines": [
            {
              "id": "INL-0-1",
              "description": "Microsoft 365 Business Standard",
              "quantity": 5,
              "unitPrice": 12.5
            }
          ]
        },
        {
          "id": "INV-1235-5601-7801",
          "name": "Apr 2025 #1",
          "status": "Paid",
          "type": "Debit",
          "audit": {
            "created": {
              "at": "2025-04-02T14:30:00.0000000+00:00"
            },
            "updated": {
              "at": "2025-05-03T10:33:08.044Z"
            }
          },
          "buyer": {
            "id": "BUY-1001",
            "name": "Fabrikam"
          },
          "erpData": {
            "documentNo": "DOC-67891",
            "documentDate": "2025-04-02T10:00:00.0000000+00:00",
            "dueDate": "2025-05-04T23:59:59.0000000+00:00",
            "balanceDue": 0,
            "invoiceTotal": 2796.95
          },
          "price": {
            "currency": "USD",
            "totalSP": 2796.95
          },
          "lines": [
            {
              "id": "INL-1-1",
              "description": "Microsoft 365 Business Standard",
              "quantity": 6,
              "unitPrice": 12.5
            }
          ]
        },
        {
          "id": "INV-1236-5602-7802",
          "name": "Apr 2025 #2",
          "status": "Overdue",
          "type": "Debit",
          "audit": {
            "created": {
              "at": "2025-04-03T14:30:00.0000000+00:00"
            },
            "updated": {
              "at": "2025-05-04T10:33:08.044Z"
            }
          },
          "buyer": {
            "id": "BUY-1002",
            "name": "Northwind"
          },
          "erpData": {
            "documentNo": "DOC-67892",
            "documentDate": "2025-04-03T10:00:00.0000000+00:00",
            "dueDate": "2025-05-07T23:59:59.0000000+00:00",
            "balanceDue": 6515.4,
            "invoiceTotal": 6515.4
          },
          "price": {
            "currency": "EUR",
            "totalSP": 6515.4
          },
          "lines": [
            {
              "id": "INL-2-1",
              "description": "Microsoft 365 Business Standard",
              "quantity": 7,
              "unitPrice": 12.5
            }
          ]
        },
        {
          "id": "INV-1237-5603-7803",
          "name": "Apr 2025 #3",
          "status": "Issued",
          "type": "Debit",
          "audit": {
            "created": {
              "at": "2025-04-04T14:30:00.0000000+00:00"
            },
            "updated": {
              "at": "2025-05-05T10:33:08.044Z"
            }
          },
          "buyer": {
            "id": "BUY-1000",
            "name": "Contoso"
          },
          "erpData": {
            "documentNo": "DOC-67893",
            "documentDate": "2025-04-04T10:00:00.0000000+00:00",
            "dueDate": "2025-05-10T23:59:59.0000000+00:00",
            "balanceDue": 16414.46,
            "invoiceTotal": 16414.46
          },
          "price": {
            "currency": "USD",
            "totalSP": 16414.46
          },
          "lines": [
            {
              "id": "INL-3-1",
              "description": "Microsoft 365 Business Standard",
              "quantity": 8,
              "unitPrice": 12.5
            }
          ]
        },
        {
          "id": "INV-1238-5604-7804",
          "name": "Apr 2025 #4",
          "status": "Paid",
          "type": "Debit",
          "audit": {
            "created": {
              "at": "2025-04-05T14:30:00.0000000+00:00"
            },
            "updated": {
              "at": "2025-05-06T10:33:08.044Z"
            }
          },
          "buyer": {
            "id": "BUY-1001",
            "name": "Fabrikam"
          },
          "erpData": {
            "documentNo": "DOC-67894",
            "documentDate": "2025-04-05T10:00:00.0000000+00:00",
            "dueDate": "2025-05-13T23:59:59.0000000+00:00",
            "balanceDue": 0,
            "invoiceTotal": 4024.16
          },
          "price": {
            "currency": "EUR",
            "totalSP": 4024.16
          },
          "lines": [
            {
              "id": "INL-4-1",
              "description": "Microsoft 365 Business Standard",
              "quantity": 9,
              "unitPrice": 12.5
            }
          ]
        },
        {
          "id": "INV-1239-5605-7805",
          "name": "Apr 2025 #5",
          "status": "Overdue",
          "type": "Debit",
          "audit": {
            "created": {
              "at": "2025-04-06T14:30:00.0000000+00:00"
            },
            "updated": {
              "at": "2025-05-07T10:33:08.044Z"
            }
          },
          "buyer": {
            "id": "BUY-1002",
            "name": "Northwind"
          },
          "erpData": {
            "documentNo": "DOC-67895",
            "documentDate": "2025-04-06T10:00:00.0000000+00:00",
            "dueDate": "2025-05-16T23:59:59.0000000+00:00",
            "balanceDue": 11841.2,
            "invoiceTotal": 11841.2
          },
          "price": {
            "currency": "USD",
            "totalSP": 11841.2
          },
          "lines": [
            {
              "id": "INL-5-1",
              "description": "Microsoft 365 Business Standard",
              "quantity": 10,
              "unitPrice": 12.5
            }
          ]
        },
        {
          "id": "INV-1240-5606-7806",
          "name": "Apr 2025 #6",
          "status": "Issued",
          "type": "Debit",
          "audit": {
            "created": {
              "at": "2025-04-07T14:30:00.0000000+00:00"
            },
            "updated": {
              "at": "2025-05-08T10:33:08.044Z"
            }
          },
          "buyer": {
            "id": "BUY-1000",
            "name": "Contoso"
          },
          "erpData": {
            "documentNo": "DOC-67896",
            "documentDate": "2025-04-07T10:00:00.0000000+00:00",
            "dueDate": "2025-05-19T23:59:59.0000000+00:00",
            "balanceDue": 12958.81,
            "invoiceTotal": 12958.81
          },
          "price": {
            "currency": "EUR",
            "totalSP": 12958.81
          },
          "lines": [
            {
              "id": "INL-6-1",
              "description": "Microsoft 365 Business Standard",
              "quantity": 11,
              "unitPrice": 12.5
            }
          ]
        },
        {
          "id": "INV-1241-5607-7807",
          "name": "Apr 2025 #7",
          "status": "Paid",
          "type": "Debit",
          "audit": {
            "created": {
              "at": "2025-04-08T14:30:00.0000000+00:00"
            },
            "updated": {
              "at": "2025-05-09T10:33:08.044Z"
            }
          },
          "buyer": {
            "id": "BUY-1001",
            "name": "Fabrikam"
          },
          "erpData": {
            "documentNo": "DOC-67897",
            "documentDate": "2025-04-08T10:00:00.0000000+00:00",
            "dueDate": "2025-05-22T23:59:59.0000000+00:00",
            "balanceDue": 0,
            "invoiceTotal": 7761.75
          },
          "price": {
            "currency": "USD",
            "totalSP": 7761.75
          },
          "lines": [
            {
              "id": "INL-7-1",
              "description": "Microsoft 365 Business Standard",
              "quantity": 12,
              "unitPrice": 12.5
            }
          ]
        }
      ]
    }
    """#
}
