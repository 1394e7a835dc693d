/// A half-open range of UTF-8 byte offsets into a query's source text.
///
/// Offsets, not `String.Index`, so ranges are plain values that survive copying the text,
/// can be encoded as JSON for editors, and are turned into line and column only when a
/// diagnostic is rendered.
public struct SourceRange: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The offset of the first byte.
  public var lowerBound: Int
  /// The offset one past the last byte.
  public var upperBound: Int

  /// Bounds given out of order are swapped: a range never traps, whatever offsets it is built from.
  public init(_ lowerBound: Int, _ upperBound: Int) {
    self.lowerBound = Swift.min(lowerBound, upperBound)
    self.upperBound = Swift.max(lowerBound, upperBound)
  }

  /// An empty range at `offset`, for "expected …" diagnostics at a position.
  public static func at(_ offset: Int) -> SourceRange { SourceRange(offset, offset) }

  /// The smallest range covering both.
  public func union(_ other: SourceRange) -> SourceRange {
    SourceRange(Swift.min(lowerBound, other.lowerBound), Swift.max(upperBound, other.upperBound))
  }

  /// Whether the range marks a position rather than text.
  public var isEmpty: Bool { lowerBound == upperBound }
  /// Its length in bytes.
  public var count: Int { upperBound - lowerBound }
  public var description: String { "\(lowerBound)..<\(upperBound)" }
}
