import TestSupport

/// The shared seeded SplitMix64 with the helpers the saved-search property tests use.
struct SavedSearchRandom: RandomNumberGenerator {
  private var base: SplitMix64
  init(seed: UInt64) { base = SplitMix64(seed: seed) }
  mutating func next() -> UInt64 { base.next() }
  mutating func pick<T>(_ xs: [T]) -> T { xs[Int(next() % UInt64(xs.count))] }
  mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
  mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
}
