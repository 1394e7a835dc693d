import Testing

@testable import InvoiceQLSemantics

/// Did-you-mean: the bounded edit distance agrees with the whole table, and `closest` picks the
/// first candidate at the smallest distance within the limit.
@Suite struct SuggestionsTests {
  /// Optimal string alignment over the whole table: the reference.
  static func reference(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
        }
      }
    }
    return d[a.count][b.count]
  }

  @Test func theBoundedDistanceIsTheTablesWhenWithinTheBoundAndNilOtherwise() {
    var state: UInt64 = 0x5EED
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    let alphabet: [Unicode.Scalar] = ["a", "b", "c", "é"]
    for _ in 0..<3000 {
      let a = (0..<next(8)).map { _ in alphabet[next(alphabet.count)] }
      let b = (0..<next(8)).map { _ in alphabet[next(alphabet.count)] }
      let truth = Self.reference(a, b)
      #expect(Suggestions.distance(a, b, atMost: .max - 1) == truth)
      for bound in 0...4 {
        #expect(Suggestions.distance(a, b, atMost: bound) == (truth <= bound ? truth : nil), "\(a) \(b)")
      }
    }
  }

  @Test func closestIsTheFirstNearestWithinAThirdOfTheLength() {
    #expect(Suggestions.closest(to: "stauts", in: ["status", "statuses"]) == "status")
    #expect(Suggestions.closest(to: "opne", in: ["open", "opn"]) == "open")
    // Two at distance one: the first listed.
    #expect(Suggestions.closest(to: "totl", in: ["total", "tota"]) == "total")
    #expect(Suggestions.closest(to: "dueDat", in: ["issueDate", "dueDate"]) == "dueDate")
    #expect(Suggestions.closest(to: "xyz", in: ["status", "total"]) == nil)
  }
}
