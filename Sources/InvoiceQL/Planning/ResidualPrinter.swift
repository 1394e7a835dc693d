/// Temporary until the formatter lands.
public enum ResidualPrinter {
  public static func text(_ e: BoundExpression) -> String { String(describing: e) }
}
