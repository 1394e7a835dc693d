import Foundation
import InvoiceQL
import Testing

/// The public sequences are `Sendable` when what they read is, so an app can hand them to another
/// task (the issue: everything public is `Sendable`). This file does not compile otherwise.
@Suite struct SendableTests {
  static func sendable<T: Sendable>(_ value: T) -> T { value }

  @Test func theMatchSequencesCrossTasksWhenTheirSourceDoes() async throws {
    let body = Data(Provider.elevate.sample.body.utf8)
    let filter = try InvoiceFilter("total > 0 limit 2", provider: .elevate)
    let chunks = Self.sendable(
      filter.matches(
        chunks: AsyncStream {
          $0.yield(body); $0.finish()
        }))
    let bytes = Self.sendable(
      filter.matches(
        bytes: AsyncStream {
          for b in body { $0.yield(b) }; $0.finish()
        }))
    let counts = try await Task.detached {
      var n = (0, 0)
      for try await _ in chunks { n.0 += 1 }
      for try await _ in bytes { n.1 += 1 }
      return n
    }.value
    #expect(counts == (2, 2))
  }
}
