import InvoiceQL

/// Parse and format throughput over a fixed corpus: hand-written queries like the spec's plus
/// deterministic generated ones of growing size. Prints the median of repeated runs, in
/// queries/second and µs/query, with lexing alone as the baseline of the same run. Time is the
/// thread's CPU time, so the figures hold on a machine shared with other work.
enum ParseBenchmark {
  static let handWritten = [
    "status in (open, paid) and dueDate < 2025-05-01",
    "total >= 100.00 and not (currency = \"EUR\" or currency = \"GBP\")",
    "any(line_items, product_type = \"membership\" and quantity > 2)",
    "updatedAt >= today-30d and memo contains \"refund\"",
    "status = open sort by dueDate asc, total desc limit 50",
    "customerId in (\"C-1\", \"C-2\", \"C-3\", \"C-4\") and balance between 0.01 and 1e6",
    "createdAt >= 2025-01-01T00:00:00Z and createdAt < now-2h and purchaseOrder is not null",
    "billing_address.country = DE or billing_address.country = AT or `limit`.x startswith \"é\"",
  ]

  /// A deterministic corpus: the hand-written queries, then conjunctions and disjunctions of them.
  static func corpus() -> [String] {
    var state: UInt64 = 0x5EED
    func next() -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(truncatingIfNeeded: state >> 33)
    }
    var queries = handWritten
    for size in 2...9 {
      for _ in 0..<12 {
        let parts = (0..<size).map { _ in
          "(" + handWritten[next() % handWritten.count].split(separator: " sort")[0] + ")"
        }
        queries.append(parts.joined(separator: next() % 2 == 0 ? " and " : " or "))
      }
    }
    return queries
  }

  static func run() {
    let queries = corpus()
    let bytes = queries.reduce(0) { $0 + $1.utf8.count }
    let repeats = 20
    let perRun = Double(queries.count * repeats)
    let lex = Measuring.median(runs: 15) {
      var n = 0
      for _ in 0..<repeats { for q in queries { n &+= Lexer.tokens(q).count } }
      return n
    }
    let parse = Measuring.median(runs: 15) {
      var n = 0
      for _ in 0..<repeats { for q in queries { n &+= ((try? Parser.parse(q)) != nil ? 1 : 0) } }
      return n
    }
    let parseFormat = Measuring.median(runs: 15) {
      var n = 0
      for _ in 0..<repeats {
        for q in queries {
          if let tree = try? Parser.parse(q) { n &+= Formatter.format(tree).utf8.count }
        }
      }
      return n
    }
    print(
      "corpus: \(queries.count) queries, \(bytes) bytes (mean \(bytes / queries.count) bytes/query); median of 15 runs, thread CPU time"
    )
    for (name, ns) in [("lex", lex), ("parse", parse), ("parse+format", parseFormat)] {
      let micros = ns / perRun / 1000
      let perSecond = perRun / (ns / 1e9)
      let mbps = Double(bytes * repeats) / (ns / 1e9) / 1e6
      print(
        "\(name.padded(13)) \(Measuring.format(perSecond, 0).padded(10, left: true)) queries/s  \(Measuring.format(micros, 2).padded(8, left: true)) µs/query  \(Measuring.format(mbps, 1).padded(7, left: true)) MB/s  ×\(Measuring.format(ns / lex, 2)) lex"
      )
    }
  }
}
