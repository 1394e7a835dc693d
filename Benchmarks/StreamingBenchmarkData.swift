import InvoiceQL

/// Deterministic rhythm-shaped response bodies for the streaming benchmark, produced chunk by chunk
/// so a body of any size never exists in memory at once.
struct StreamingBenchmarkData {
  /// The pages' envelope: `{"Count": n, "Items": [...], "LastEvaluatedKey": key}`, as the invoices'
  /// provider sends it (the same value as that provider's registered envelope).
  static let envelope = Envelope(
    itemsKey: "Items", acceptsBareArray: false, metadataKeys: ["Count", "LastEvaluatedKey"])

  /// A pool of distinct realistic invoices (~2–3 KB each), cycled through to build bodies.
  let pool: [[UInt8]]

  init(poolSize: Int = 509, seed: UInt64 = 0x1_0CE) {
    var random = BenchmarkRandom(seed: seed)
    pool = (0..<poolSize).map { Array(Self.invoice($0, &random).utf8) }
  }

  init(pool: [[UInt8]]) {
    self.pool = pool
  }

  /// The same invoices without whitespace between tokens, as most APIs send them.
  func compacted() -> StreamingBenchmarkData {
    StreamingBenchmarkData(pool: pool.map { (try? JSONScanner.compact($0)) ?? $0 })
  }

  /// The average size of one invoice.
  var averageItemBytes: Int { pool.reduce(0) { $0 + $1.count } / pool.count }

  static let head = Array("{\"Count\": 0, \"Items\": [\n".utf8)
  static let tail = Array("\n], \"LastEvaluatedKey\": \"tenant-1#inv-999999\"}\n".utf8)

  /// Calls `body` with consecutive chunks of exactly `chunkSize` bytes (the last one shorter) of a
  /// body of about `totalBytes`, reusing one buffer. Chunks end anywhere, as network reads do:
  /// mid-invoice, mid-string.
  func generate(totalBytes: Int, chunkSize: Int = 64 << 10, _ body: (ArraySlice<UInt8>) -> Void) {
    var buffer: [UInt8] = []
    buffer.reserveCapacity(2 * chunkSize + 8192)
    buffer += Self.head
    var produced = 0
    var n = 0
    while produced < totalBytes {
      if n > 0 { buffer += [UInt8(ascii: ","), 0x0A] }
      buffer += pool[n % pool.count]
      n += 1
      if buffer.count >= chunkSize {
        body(buffer[..<chunkSize])
        produced += chunkSize
        buffer.removeFirst(chunkSize)
      }
    }
    buffer += Self.tail
    body(buffer[...])
  }

  /// The whole body in memory (for the baseline that needs it).
  func materialize(totalBytes: Int) -> [UInt8] {
    var all: [UInt8] = []
    all.reserveCapacity(totalBytes + (1 << 20))
    generate(totalBytes: totalBytes) { all += $0 }
    return all
  }

  static func invoice(_ n: Int, _ r: inout BenchmarkRandom) -> String {
    let statuses = ["open", "paid", "void", "written off", "cancelled", "open", "paid"]
    let cities = ["Boston", "München", "São Paulo", "Zürich", "Kraków", "東京", "Montréal", "Reykjavík"]
    let countries = ["US", "DE", "BR", "CH", "PL", "JP", "CA", "IS"]
    let products = ["membership", "event", "donation", "subscription", "merchandise"]
    func money() -> String { "\(r.below(5000)).\(r.below(10))\(r.below(10))" }
    func date(_ year: Int) -> String {
      let m = 1 + r.below(12)
      let d = 1 + r.below(28)
      return "\(year)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }
    let c = r.below(cities.count)
    let lines = (0..<(1 + r.below(4))).map { k in
      """
          {
            "invoice_line_item_id": "li-\(n)-\(k)", "product_id": "prod-\(r.below(900))",
            "product_type": "\(products[r.below(products.count)])", "quantity": \(1 + r.below(5)),
            "unit_price": \(money()), "total": \(money()), "amount_paid": 0, "balance_due": \(money()),
            "description": "Line \(k): \\"Premium\\" access — année \(2020 + r.below(6)) \\u00e9\\ud83d\\ude00",
            "status": "\(statuses[r.below(statuses.count)])", "optional": \(r.below(2) == 0),
            "related_transactions": [{"amount": \(money()), "date": "\(date(2025))T10:00:00Z", "transaction_id": "tx-\(r.below(100000))", "type": "payment"}]
          }
      """
    }
    return """
        {
          "id": "inv-\(n)-\(r.below(1_000_000))", "number": \(10000 + n), "status": "\(statuses[r.below(statuses.count)])",
          "date": "\(date(2025))", "date_due": "\(date(2025))", "total": \(money()), "balance_due": \(money()),
          "amount_paid": \(money()), "amount_refunded": 0, "amount_written_off": 0.00,
          "currency_code": "USD", "currency_symbol": "$", "exchange_rate": 1.0,
          "bill_to_contact_id": "contact-\(r.below(5000))", "bill_to_organization_id": "org-\(r.below(500))",
          "bill_to_type": "contact", "business_unit_id": "bu-1", "batch_id": "batch-\(r.below(99))",
          "billing_address": {"line1": "\(r.below(999)) Main Street", "line2": "Suite \\"B\\"", "city": "\(cities[c])",
            "state": "MA", "postal_code": "0\(2100 + r.below(800))", "country": "\(countries[c])",
            "country_name": "Côte d’Ivoire", "latitude": 42.36\(r.below(1000)), "longitude": -71.05\(r.below(1000)),
            "time_zone_id": "America/New_York"},
          "memo": "Annual membership renewal\\nThank you — merci — danke — ありがとう",
          "notes": "Path C:\\\\billing\\\\\(n) \\t tabbed",
          "purchase_order_number": \(r.below(3) == 0 ? "null" : "\"PO-\(r.below(100000))\""),
          "line_items": [
      \(lines.joined(separator: ",\n"))
          ],
          "custom_field_values": [{"custom_field_id": "cf-1", "string_value": "gold", "numeric_value": 1.5e2}],
          "sys_created_at": "\(date(2024))T09:10:00.000Z", "sys_created_by_id": "u-\(r.below(50))",
          "sys_last_modified_at": "\(date(2025))T12:00:00Z", "sys_last_modified_by_id": "u-\(r.below(50))",
          "sys_version": \(r.below(40)), "total_in_base_currency": \(money()), "uses_v2_api": true
        }
      """
  }
}

/// SplitMix64, seeded: the same bodies on every run.
struct BenchmarkRandom {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
