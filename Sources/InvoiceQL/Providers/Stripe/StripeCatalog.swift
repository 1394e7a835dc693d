import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// Stripe's invoice object (`GET /v1/invoices`) at the pinned `Stripe-Version`
/// (``StripeCatalog/defaultVersion``), transcribed from stripe.md (Stripe's OpenAPI spec
/// `components.schemas.invoice`). Fields that API version 2025-03-31.basil removed or moved
/// (`paid`, `charge`, `payment_intent`, top-level `subscription`) are kept, marked, so a query
/// written for an account pinned to an older version still binds.
///
/// Money is an integer of the currency's minor unit; times are Unix seconds. By their own names
/// they read as such (an integer; an instant); the canonical names read them as the canonical vocabulary says
/// (`total` the decimal amount, `issueDate` the date in the query's zone): `canonicalViews`.
package enum StripeCatalog {
  /// The newest API version this catalog was written for: the default `version` setting.
  package static let defaultVersion = "2026-07-29.dahlia"

  static let statuses = ["draft", "open", "paid", "uncollectible", "void"]

  /// Currencies with no minor unit (an amount of 10 JPY is `10`), per Stripe's currency docs.
  static let zeroDecimal = [
    "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf",
    "xof", "xpf",
  ]
  /// Currencies with three decimals (5.124 KWD is `5124`).
  static let threeDecimal = ["bhd", "jod", "kwd", "omr", "tnd"]

  /// Stripe's presentment currencies (lowercase ISO codes). ISK is two-decimal at Stripe (`100`
  /// is 1 króna), unlike ISO 4217.
  static let currencies: [String] =
    [
      "usd", "aed", "afn", "all", "amd", "ang", "aoa", "ars", "aud", "awg", "azn", "bam", "bbd", "bdt",
      "bgn", "bmd", "bnd", "bob", "brl", "bsd", "bwp", "byn", "bzd", "cad", "cdf", "chf", "cny", "cop",
      "crc", "cve", "czk", "dkk", "dop", "dzd", "egp", "etb", "eur", "fjd", "fkp", "gbp", "gel", "gip",
      "gmd", "gtq", "gyd", "hkd", "hnl", "htg", "huf", "idr", "ils", "inr", "isk", "jmd", "kes", "kgs",
      "khr", "kyd", "kzt", "lak", "lbp", "lkr", "lrd", "lsl", "mad", "mdl", "mkd", "mmk", "mnt", "mop",
      "mur", "mvr", "mwk", "mxn", "myr", "mzn", "nad", "ngn", "nio", "nok", "npr", "nzd", "pab", "pen",
      "pgk", "php", "pkr", "pln", "qar", "ron", "rsd", "rub", "sar", "sbd", "scr", "sek", "sgd", "shp",
      "sle", "sos", "srd", "std", "szl", "thb", "tjs", "top", "try", "ttd", "twd", "tzs", "uah", "uyu",
      "uzs", "wst", "xcd", "yer", "zar", "zmw",
    ] + zeroDecimal + threeDecimal

  /// Stripe's exponent table: the scale of every money field, per invoice currency.
  package static let exponents = CurrencyExponents(
    exceptions: Dictionary(
      uniqueKeysWithValues: zeroDecimal.map { ($0, 0) } + threeDecimal.map { ($0, 3) }),
    standard: 2, known: Set(currencies))

  static let billingReasons = [
    "automatic_pending_invoice_item_invoice", "manual", "quote_accept", "subscription",
    "subscription_create", "subscription_cycle", "subscription_threshold", "subscription_update",
    "upcoming",
  ]

  static func seconds(_ dotted: String, required: Bool = false, _ summary: String) -> FieldDescriptor {
    var f = FieldDescriptor.field(dotted, .dateTime, required: required, summary + " (Unix seconds)")
    f.encoding = .unixSeconds(zone: nil)
    return f
  }

  static func money(_ dotted: String, _ summary: String) -> FieldDescriptor {
    .field(dotted, .integer, summary + " (integer, in the currency's minor unit)")
  }

  static let fields: [FieldDescriptor] = [
    .field("id", .id(numeric: false), required: true, "Invoice id (in_…)"),
    .field("object", .string, "Always \"invoice\""),
    .field("number", .string, "Invoice number, assigned at finalization"),
    .field("status", .enumeration(statuses), "Invoice status"),
    .field("customer", .id(numeric: false), "Customer id (cus_…)"),
    .field("customer_email", .string, "Customer's email at finalization"),
    .field("customer_name", .string, "Customer's name at finalization"),
    .field("currency", .enumeration(currencies), required: true, "Three-letter ISO code, lowercase"),
    money("amount_due", "Final amount due"),
    money("amount_paid", "Amount paid"),
    money("amount_remaining", "Amount remaining (due − paid)"),
    money("total", "Total after discounts and taxes"),
    money("subtotal", "Total before invoice-level discounts and exclusive tax"),
    money("total_excluding_tax", "Total excluding tax"),
    money("starting_balance", "Customer balance before the invoice"),
    money("ending_balance", "Customer balance after the invoice"),
    .field("attempt_count", .integer, "Payment attempts made"),
    .field("attempted", .boolean, "Whether payment was attempted"),
    .field("auto_advance", .boolean, "Whether Stripe advances the invoice automatically"),
    .field("livemode", .boolean, "Live (true) or test mode"),
    .field(
      "collection_method", .enumeration(["charge_automatically", "send_invoice"]),
      "How payment is collected"),
    .field("billing_reason", .enumeration(billingReasons), "Why the invoice was created"),
    seconds("created", required: true, "Creation time"),
    seconds("due_date", "Due time (null when charge_automatically)"),
    seconds("period_start", "Start of the usage period"),
    seconds("period_end", "End of the usage period"),
    seconds("effective_at", "When the invoice is considered issued"),
    seconds("next_payment_attempt", "Next automatic payment attempt"),
    .field("status_transitions", .object),
    seconds("status_transitions.finalized_at", "Finalization time"),
    seconds("status_transitions.paid_at", "Payment time"),
    seconds("status_transitions.marked_uncollectible_at", "Time marked uncollectible"),
    seconds("status_transitions.voided_at", "Void time"),
    .field("description", .string, "Memo shown to the customer"),
    .field("footer", .string, "Footer shown on the invoice"),
    .field("receipt_number", .string, "Receipt number"),
    .field("statement_descriptor", .string, "Statement descriptor"),
    .field("account_country", .string, "Country of the business"),
    .field("account_name", .string, "Public name of the business"),
    .field("hosted_invoice_url", .string, "Hosted invoice page"),
    .field("invoice_pdf", .string, "PDF link"),
    .openMap("metadata", values: .string, "Your key-value pairs: any key, string values (metadata.<key>)"),
    .field("parent", .object),
    .field("parent.quote_details", .object),
    .openMap(
      "parent.subscription_details.metadata", values: .string,
      "The subscription's key-value pairs when the invoice was made"),
    .field("parent.type", .enumeration(["quote_details", "subscription_details"]), "What created it"),
    .field("parent.subscription_details", .object),
    .field(
      "parent.subscription_details.subscription", .id(numeric: false),
      "Subscription id (since 2025-03-31.basil)"),
    .field("subscription", .id(numeric: false), "Subscription id (before 2025-03-31.basil)"),
    .field("paid", .boolean, "Whether paid (before 2025-03-31.basil)"),
    .field("paid_out_of_band", .boolean, "Paid outside Stripe (before 2025-03-31.basil)"),
    .field("charge", .id(numeric: false), "Latest charge (before 2025-03-31.basil)"),
    .field("payment_intent", .id(numeric: false), "Payment intent (before 2025-03-31.basil)"),
    .field("lines", .object, "The first page of line items"),
    .field("lines.object", .string, "Always \"list\""),
    .field("lines.has_more", .boolean, "Whether more line items exist than `lines.data` holds"),
    .field("lines.url", .string, "Where the rest is listed (/v1/invoices/{id}/lines)"),
    .field("lines.total_count", .integer, "How many line items the invoice has"),
    FieldDescriptor(
      ["lines", "data"], .array(element: .object),
      summary: "Line items (only the first page: see lines.has_more)",
      encoding: .partialArray(more: "has_more")),
    .field("lines.data.id", .id(numeric: false), "Line item id (il_…)"),
    .field("lines.data.object", .string, "Always \"line_item\""),
    money("lines.data.amount", "Line amount"),
    .field("lines.data.currency", .enumeration(currencies), "Line currency"),
    .field("lines.data.description", .string, "Line description"),
    .field("lines.data.quantity", .integer, "Quantity"),
    .field("lines.data.period", .object),
    seconds("lines.data.period.start", "Start of the line's period"),
    seconds("lines.data.period.end", "End of the line's period"),
  ]

  /// The catalog.
  package static let catalog = FieldCatalog(
    provider: "stripe",
    fields: fields,
    canonicalFields: [
      "id": ["id"],
      "number": ["number"],
      "status": ["status"],
      "issueDate": ["created"],
      "dueDate": ["due_date"],
      "paidDate": ["status_transitions", "paid_at"],
      "total": ["total"],
      "balance": ["amount_remaining"],
      "currency": ["currency"],
      "customerId": ["customer"],
      "createdAt": ["created"],
    ],
    canonicalStatuses: [
      "draft": ["draft"],
      "open": ["open"],
      "paid": ["paid"],
      "void": ["void"],
      "cancelled": [],
      "writtenOff": ["uncollectible"],
    ],
    canonicalViews: [
      "issueDate": FieldView(.date, .unixSeconds(zone: nil)),
      "dueDate": FieldView(.date, .unixSeconds(zone: nil)),
      "paidDate": FieldView(.date, .unixSeconds(zone: nil)),
      "total": FieldView(.decimal, .minorUnits(currency: ["currency"], exponents: exponents)),
      "balance": FieldView(.decimal, .minorUnits(currency: ["currency"], exponents: exponents)),
    ])
}
