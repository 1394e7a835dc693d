/// Bundled sample response bodies, one per provider, for `invoiceql demo` and for trying the REPL.
/// Each is one page exactly as the provider sends it (envelope included); the invoices are made up.
public enum SampleResponses {
  /// The body of provider `name`, or nil for an unknown provider.
  public static func body(for provider: String) -> String? {
    switch provider {
    case "rhythm": rhythm
    case "elevate": elevate
    case "roadsync": roadsync
    case "softwareone": softwareone
    case "wethod": wethod
    default: nil
    }
  }
}
