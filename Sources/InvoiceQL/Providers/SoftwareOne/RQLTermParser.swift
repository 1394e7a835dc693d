import InvoiceQLImport
import InvoiceQLJSON
import InvoiceQLPlanning
import InvoiceQLSemantics
import InvoiceQLStreaming
import InvoiceQLSyntax

extension RQLImport {
  /// Reads RQL terms: `name(args)`, `(a,b)` lists, quoted (`"…"`, `'…'`, no escapes) and bare values.
  struct TermParser {
    let bytes: [UInt8]
    /// Where the text starts in the native text, or nil when it was percent-decoded (ranges then
    /// point at the whole component).
    let base: Int?
    let whole: SourceRange
    var i = 0

    init(bytes: [UInt8], base: Int?, whole: SourceRange) {
      self.bytes = bytes
      self.base = base
      self.whole = whole
    }

    func range(_ a: Int, _ b: Int) -> SourceRange {
      guard let base else { return whole }
      return SourceRange(base + a, base + max(a, b))
    }

    mutating func parseAll(_ ctx: inout ImportContext) -> Term? {
      guard let t = term(depth: 0, &ctx) else { return nil }
      guard i == bytes.count else {
        ctx.error(.importSyntax, "unexpected text after the RQL expression", range(i, bytes.count))
        return nil
      }
      return t
    }

    private mutating func term(depth: Int, _ ctx: inout ImportContext) -> Term? {
      guard depth < RQLImport.maximumDepth else {
        ctx.error(.importSyntax, "RQL nested deeper than \(RQLImport.maximumDepth) levels", range(i, i))
        return nil
      }
      let start = i
      guard i < bytes.count else {
        ctx.error(.importSyntax, "unexpected end of the RQL expression", range(i, i))
        return nil
      }
      let c = bytes[i]
      if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
        i += 1
        let s = i
        while i < bytes.count && bytes[i] != c { i += 1 }
        guard i < bytes.count else {
          ctx.error(.importSyntax, "unterminated quoted value", range(start, bytes.count))
          return nil
        }
        let text = String(decoding: bytes[s..<i], as: UTF8.self)
        i += 1
        return .value(text, quoted: true, range(start, i))
      }
      if c == UInt8(ascii: "(") {
        i += 1
        guard let items = arguments(depth: depth, &ctx) else { return nil }
        return .list(items, range(start, i))
      }
      while i < bytes.count, !isDelimiter(bytes[i]) { i += 1 }
      let word = String(decoding: bytes[start..<i], as: UTF8.self)
      if i < bytes.count && bytes[i] == UInt8(ascii: "(") {
        guard !word.isEmpty else {
          ctx.error(.importSyntax, "expected an operator name before '('", range(start, i + 1))
          return nil
        }
        i += 1
        guard let args = arguments(depth: depth, &ctx) else { return nil }
        return .call(word, args, range(start, i))
      }
      return .value(word, quoted: false, range(start, i))
    }

    /// Arguments after `(`, through the closing `)`.
    private mutating func arguments(depth: Int, _ ctx: inout ImportContext) -> [Term]? {
      var items: [Term] = []
      if i < bytes.count && bytes[i] == UInt8(ascii: ")") {
        i += 1
        return items
      }
      while true {
        let before = i
        guard let t = term(depth: depth + 1, &ctx) else { return nil }
        items.append(t)
        guard i < bytes.count else {
          ctx.error(.importSyntax, "missing ')'", range(i, i))
          return nil
        }
        if bytes[i] == UInt8(ascii: ",") {
          i += 1
          continue
        }
        if bytes[i] == UInt8(ascii: ")") {
          i += 1
          return items
        }
        ctx.error(.importSyntax, "expected ',' or ')'", range(i, i + 1))
        if i == before { return nil }
        return nil
      }
    }

    private func isDelimiter(_ c: UInt8) -> Bool {
      c == UInt8(ascii: "(") || c == UInt8(ascii: ")") || c == UInt8(ascii: ",")
        || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || c == UInt8(ascii: "&")
    }
  }
}
