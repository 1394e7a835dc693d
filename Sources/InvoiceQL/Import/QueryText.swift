import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

/// How saved-search rewriting spells names and values in query text, when it splices a rename into
/// a query without reformatting the rest.
package enum QueryText {
  /// `[A-Za-z_][A-Za-z0-9_]*`: a field-name component that needs no backquotes.
  static func isIdentifier(_ s: String) -> Bool { Lexer.isPlainIdentifier(s) }

  /// Whether `s` can be written as a bare word and read back as the same word.
  package static func isBareWord(_ s: String) -> Bool { Formatter.isBareWord(s) }

  /// A dotted field path as the formatter writes it (backquoting keywords).
  package static func path(_ components: [String]) -> String {
    Formatter.format(FieldPath(components, range: .at(0)))
  }

  /// A double-quoted string literal with the language's escapes.
  package static func quoted(_ s: String) -> String { Formatter.quote(s) }

  /// Replaces byte ranges of `source`; edits must not overlap.
  package static func splice(_ source: String, _ edits: [(SourceRange, String)]) -> String {
    if edits.isEmpty { return source }
    let bytes = Array(source.utf8)
    var out: [UInt8] = []
    var cursor = 0
    for (range, text) in edits.sorted(by: { $0.0.lowerBound < $1.0.lowerBound })
    where range.lowerBound >= cursor && range.upperBound <= bytes.count {
      out += bytes[cursor..<range.lowerBound]
      out += Array(text.utf8)
      cursor = range.upperBound
    }
    out += bytes[cursor...]
    return String(decoding: out, as: UTF8.self)
  }
}
