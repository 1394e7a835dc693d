import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// A page of made-up invoices in the shape of Stripe's invoice object at the pinned version, newest
/// `created` first as the list sends them: amounts in USD, JPY (no minor unit), KWD (three decimals)
/// and ISK (two decimals at Stripe), and an invoice whose `lines` hold only the first page.
enum StripeSample {
  /// A page of `stripe` invoices (`GET /v1/invoices`).
  static let body = #"""
    {
      "object": "list",
      "data": [
        {
          "id": "in_1QdrftUSD0005",
          "object": "invoice",
          "account_country": "US",
          "account_name": "Acme Books",
          "amount_due": 4999,
          "amount_paid": 0,
          "amount_remaining": 4999,
          "attempt_count": 0,
          "attempted": false,
          "auto_advance": true,
          "billing_reason": "manual",
          "collection_method": "charge_automatically",
          "created": 1746403200,
          "currency": "usd",
          "customer": "cus_Pbrook",
          "customer_email": "Pbrook@example.com",
          "customer_name": "Pbrook",
          "description": null,
          "due_date": null,
          "ending_balance": null,
          "footer": null,
          "hosted_invoice_url": null,
          "lines": {
            "object": "list",
            "data": [
              {
                "id": "il_1Qa5",
                "object": "line_item",
                "amount": 4999,
                "currency": "usd",
                "description": "Setup fee",
                "quantity": 1,
                "period": {
                  "start": 1746403200,
                  "end": 1746403200
                }
              }
            ],
            "has_more": false,
            "total_count": 1,
            "url": "/v1/invoices/in_1QdrftUSD0005/lines"
          },
          "livemode": false,
          "metadata": {},
          "next_payment_attempt": null,
          "number": null,
          "parent": null,
          "period_end": 1746403200,
          "period_start": 1743811200,
          "receipt_number": null,
          "starting_balance": 0,
          "statement_descriptor": null,
          "status": "draft",
          "status_transitions": {
            "finalized_at": null,
            "marked_uncollectible_at": null,
            "paid_at": null,
            "voided_at": null
          },
          "subtotal": 4999,
          "total": 4999,
          "total_excluding_tax": 4999,
          "effective_at": null
        },
        {
          "id": "in_1QiskISK0004",
          "object": "invoice",
          "account_country": "US",
          "account_name": "Acme Books",
          "amount_due": 1250000,
          "amount_paid": 0,
          "amount_remaining": 1250000,
          "attempt_count": 0,
          "attempted": true,
          "auto_advance": false,
          "billing_reason": "subscription_cycle",
          "collection_method": "send_invoice",
          "created": 1746100800,
          "currency": "isk",
          "customer": "cus_Reykja",
          "customer_email": "Reykja@example.com",
          "customer_name": "Reykja",
          "description": null,
          "due_date": 1748692800,
          "ending_balance": 0,
          "footer": null,
          "hosted_invoice_url": "https://invoice.stripe.com/i/acct_1/in_1QiskISK0004",
          "lines": {
            "object": "list",
            "data": [
              {
                "id": "il_1Qa4a",
                "object": "line_item",
                "amount": 500000,
                "currency": "isk",
                "description": "Guided tour",
                "quantity": 2,
                "period": {
                  "start": 1746100800,
                  "end": 1748692800
                }
              },
              {
                "id": "il_1Qa4b",
                "object": "line_item",
                "amount": 250000,
                "currency": "isk",
                "description": "Equipment rental",
                "quantity": 1,
                "period": {
                  "start": 1746100800,
                  "end": 1748692800
                }
              }
            ],
            "has_more": true,
            "total_count": 5,
            "url": "/v1/invoices/in_1QiskISK0004/lines"
          },
          "livemode": false,
          "metadata": {"plan": "gold", "region": "eu-north"},
          "next_payment_attempt": null,
          "number": "ACME-0004",
          "parent": {
            "type": "subscription_details",
            "quote_details": null,
            "subscription_details": {
              "metadata": {},
              "subscription": "sub_1Qiceland"
            }
          },
          "period_end": 1746100800,
          "period_start": 1743508800,
          "receipt_number": null,
          "starting_balance": 0,
          "statement_descriptor": null,
          "status": "open",
          "status_transitions": {
            "finalized_at": 1746104400,
            "marked_uncollectible_at": null,
            "paid_at": null,
            "voided_at": null
          },
          "subtotal": 1250000,
          "total": 1250000,
          "total_excluding_tax": 1250000,
          "effective_at": 1746104400
        },
        {
          "id": "in_1QkwdKWD0003",
          "object": "invoice",
          "account_country": "US",
          "account_name": "Acme Books",
          "amount_due": 5124,
          "amount_paid": 0,
          "amount_remaining": 5124,
          "attempt_count": 0,
          "attempted": true,
          "auto_advance": false,
          "billing_reason": "manual",
          "collection_method": "send_invoice",
          "created": 1745884800,
          "currency": "kwd",
          "customer": "cus_Gulfco",
          "customer_email": "Gulfco@example.com",
          "customer_name": "Gulfco",
          "description": null,
          "due_date": 1746489600,
          "ending_balance": 0,
          "footer": null,
          "hosted_invoice_url": "https://invoice.stripe.com/i/acct_1/in_1QkwdKWD0003",
          "lines": {
            "object": "list",
            "data": [
              {
                "id": "il_1Qa3",
                "object": "line_item",
                "amount": 5124,
                "currency": "kwd",
                "description": "Consulting (3 h)",
                "quantity": 3,
                "period": {
                  "start": 1745884800,
                  "end": 1745884800
                }
              }
            ],
            "has_more": false,
            "total_count": 1,
            "url": "/v1/invoices/in_1QkwdKWD0003/lines"
          },
          "livemode": false,
          "metadata": {"plan": "Gold"},
          "next_payment_attempt": null,
          "number": "ACME-0003",
          "parent": null,
          "period_end": 1745884800,
          "period_start": 1743292800,
          "receipt_number": null,
          "starting_balance": 0,
          "statement_descriptor": null,
          "status": "uncollectible",
          "status_transitions": {
            "finalized_at": 1745888400,
            "marked_uncollectible_at": 1749340800,
            "paid_at": null,
            "voided_at": null
          },
          "subtotal": 5124,
          "total": 5124,
          "total_excluding_tax": 5124,
          "effective_at": 1745888400
        },
        {
          "id": "in_1QjpyJPY0002",
          "object": "invoice",
          "account_country": "US",
          "account_name": "Acme Books",
          "amount_due": 12000,
          "amount_paid": 12000,
          "amount_remaining": 0,
          "attempt_count": 0,
          "attempted": true,
          "auto_advance": false,
          "billing_reason": "subscription_cycle",
          "collection_method": "send_invoice",
          "created": 1745712000,
          "currency": "jpy",
          "customer": "cus_Tokyo",
          "customer_email": "Tokyo@example.com",
          "customer_name": "Tokyo",
          "description": null,
          "due_date": 1746316800,
          "ending_balance": 0,
          "footer": null,
          "hosted_invoice_url": "https://invoice.stripe.com/i/acct_1/in_1QjpyJPY0002",
          "lines": {
            "object": "list",
            "data": [
              {
                "id": "il_1Qa2",
                "object": "line_item",
                "amount": 12000,
                "currency": "jpy",
                "description": "Annual plan",
                "quantity": 1,
                "period": {
                  "start": 1745712000,
                  "end": 1777248000
                }
              }
            ],
            "has_more": false,
            "total_count": 1,
            "url": "/v1/invoices/in_1QjpyJPY0002/lines"
          },
          "livemode": false,
          "metadata": {},
          "next_payment_attempt": null,
          "number": "ACME-0002",
          "parent": {
            "type": "subscription_details",
            "quote_details": null,
            "subscription_details": {
              "metadata": {},
              "subscription": "sub_1Qtokyo"
            }
          },
          "period_end": 1745712000,
          "period_start": 1743120000,
          "receipt_number": null,
          "starting_balance": 0,
          "statement_descriptor": null,
          "status": "paid",
          "status_transitions": {
            "finalized_at": 1745715600,
            "marked_uncollectible_at": null,
            "paid_at": 1745798400,
            "voided_at": null
          },
          "subtotal": 12000,
          "total": 12000,
          "total_excluding_tax": 12000,
          "effective_at": 1745715600
        },
        {
          "id": "in_1QusdUSD0001",
          "object": "invoice",
          "account_country": "US",
          "account_name": "Acme Books",
          "amount_due": 10000,
          "amount_paid": 7500,
          "amount_remaining": 2500,
          "attempt_count": 0,
          "attempted": true,
          "auto_advance": false,
          "billing_reason": "manual",
          "collection_method": "send_invoice",
          "created": 1745539200,
          "currency": "usd",
          "customer": "cus_Pbrook",
          "customer_email": "Pbrook@example.com",
          "customer_name": "Pbrook",
          "description": "Thanks for your business",
          "due_date": 1748131200,
          "ending_balance": 0,
          "footer": null,
          "hosted_invoice_url": "https://invoice.stripe.com/i/acct_1/in_1QusdUSD0001",
          "lines": {
            "object": "list",
            "data": [
              {
                "id": "il_1Qa1",
                "object": "line_item",
                "amount": 10000,
                "currency": "usd",
                "description": "Pro plan (monthly)",
                "quantity": 1,
                "period": {
                  "start": 1745539200,
                  "end": 1748131200
                }
              }
            ],
            "has_more": false,
            "total_count": 1,
            "url": "/v1/invoices/in_1QusdUSD0001/lines"
          },
          "livemode": false,
          "metadata": {"plan": "silver", "order-ref": "PO 7781"},
          "next_payment_attempt": null,
          "number": "ACME-0001",
          "parent": null,
          "period_end": 1745539200,
          "period_start": 1742947200,
          "receipt_number": null,
          "starting_balance": 0,
          "statement_descriptor": null,
          "status": "open",
          "status_transitions": {
            "finalized_at": 1745542800,
            "marked_uncollectible_at": null,
            "paid_at": null,
            "voided_at": null
          },
          "subtotal": 10000,
          "total": 10000,
          "total_excluding_tax": 10000,
          "effective_at": 1745542800
        }
      ],
      "has_more": false,
      "url": "/v1/invoices"
    }
    """#
}
