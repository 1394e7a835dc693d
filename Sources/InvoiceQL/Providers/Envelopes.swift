/// The response envelope of every provider (each defined beside its catalog).
public enum Envelopes {
  public static let all: [Envelope] = [.rhythm, .elevate, .roadsync, .softwareone, .wethod]

  /// The envelope of `provider` (exact name), or nil.
  public static func named(_ provider: String) -> Envelope? {
    all.first { $0.provider == provider }
  }
}
