import InvoiceQL

/// Planning throughput: a fixed corpus of queries bound once per provider, then planned repeatedly.
/// Prints the median of repeated runs in plans/second and µs/plan, with normalising alone and
/// binding as baselines of the same run.
enum PlanBenchmark {
  static let queries: [String: [String]] = [
    "elevate": [
      "status in (open, paid) and dueDate < 2025-05-01",
      "customerId = 7 and dueDate >= 2025-01-01 and dueDate <= 2025-01-31",
      "(status = paid and total < 3) or (status = open and total < 5) or number contains \"x\"",
      "not (total > 5 or invoiceDate is null) and id = 3 sort by dueDate desc limit 10",
    ],
    "softwareone": [
      "total >= 100 and not (currency = \"EUR\" or currency = \"GBP\")",
      "status in (open, paid) and dueDate < 2025-05-01 and updatedAt >= 2025-04-01T00:00:00Z",
      "(status = paid and total < 3) or (status = open and total < 5)",
    ],
    "wethod": [
      "issueDate between 2025-01-01 and 2025-01-31 and status = paid", "updatedAt > 2025-04-01T10:00:00Z",
    ],
    "roadsync": ["id in (\"A\", \"B\") and createdAt >= 2025-05-01 and status = sent"],
    "rhythm": ["status = writtenOff and memo contains \"refund\" and total > 10"],
  ]
  static let settings: [String: [String: String]] = [
    "rhythm": ["tenantId": "t", "portalContactId": "c"], "wethod": ["company": "a", "version": "v"],
  ]

  static func run() {
    let context = BindingContext.utc(now: Instant(seconds: 1_746_057_600, fraction: ""))
    var corpus: [(provider: String, text: String, query: BoundQuery)] = []
    for (provider, texts) in queries.sorted(by: { $0.key < $1.key }) {
      guard let catalog = Catalogs.named(provider) else { continue }
      for text in texts {
        guard let parsed = try? Parser.parse(text),
          let bound = try? Binder.bind(parsed, catalog: catalog, context: context, source: text)
        else {
          print("skipped (does not bind on \(provider)): \(text)")
          continue
        }
        corpus.append((provider, text, bound))
      }
    }
    guard !corpus.isEmpty else { return }
    let repeats = 200
    let perRun = Double(corpus.count * repeats)
    let normalise = Measuring.median(runs: 9) {
      var n = 0
      for _ in 0..<repeats { for c in corpus { n &+= Normaliser.normalise(c.query.filter).conjuncts.count } }
      return n
    }
    let bind = Measuring.median(runs: 9) {
      var n = 0
      for _ in 0..<repeats {
        for c in corpus {
          if let catalog = Catalogs.named(c.provider), let q = try? Parser.parse(c.text),
            let b = try? Binder.bind(q, catalog: catalog, context: context)
          {
            n &+= b.sort.count + 1
          }
        }
      }
      return n
    }
    let plan = Measuring.median(runs: 9) {
      var n = 0
      for _ in 0..<repeats {
        for c in corpus {
          if let p = try? Planner.plan(c.query, provider: c.provider, settings: settings[c.provider] ?? [:]) {
            n &+= p.json().utf8.count
          }
        }
      }
      return n
    }
    func perSecond(_ ns: Double) -> Int { Int(perRun / (ns / 1e9)) }
    print("queries: \(corpus.count) over 5 providers, \(repeats) rounds, median of 9 runs")
    print(
      "plan + JSON:     \(perSecond(plan)) plans/s, \(Measuring.format(plan / perRun / 1000, 1)) µs/plan")
    print(
      "normalise only:  \(perSecond(normalise)) queries/s (plan costs \(Measuring.format(plan / normalise, 1))× normalising)"
    )
    print(
      "parse + bind:    \(perSecond(bind)) queries/s (plan costs \(Measuring.format(plan / bind, 2))× binding)"
    )
  }
}
