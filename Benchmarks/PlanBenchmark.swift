import InvoiceQL

/// Planning throughput: a fixed corpus of queries bound once per provider, then planned repeatedly.
/// Prints the median of repeated runs in plans/second and µs/plan, with normalising alone and
/// binding as baselines of the same run.
enum PlanBenchmark {
  static func run() {
    let context = BindingContext.utc(now: Instant(seconds: 1_746_057_600, fraction: ""))
    var corpus: [(provider: Provider, text: String, query: BoundQuery)] = []
    for provider in Provider.all.sorted(by: { $0.name < $1.name }) {
      for text in provider.sample.moreQueries {
        guard let parsed = try? Parser.parse(text),
          let bound = try? Binder.bind(parsed, catalog: provider.catalog, context: context, source: text)
        else {
          print("skipped (does not bind on \(provider)): \(text)")
          continue
        }
        corpus.append((provider, text, bound))
      }
    }
    guard !corpus.isEmpty else { return }
    let settings = Dictionary(
      uniqueKeysWithValues: Provider.all.map { p in
        (p, p.exampleSettings)
      })
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
          if let q = try? Parser.parse(c.text),
            let b = try? Binder.bind(q, catalog: c.provider.catalog, context: context)
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
          if let p = try? c.provider.plan(c.query, settings: settings[c.provider] ?? [:]) {
            n &+= p.json().utf8.count
          }
        }
      }
      return n
    }
    func perSecond(_ ns: Double) -> Int { Int(perRun / (ns / 1e9)) }
    print(
      "queries: \(corpus.count) over \(Provider.all.count) providers, \(repeats) rounds, median of 9 runs")
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
