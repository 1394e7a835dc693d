import InvoiceQLJSON
import InvoiceQLSemantics
import InvoiceQLSyntax

extension Plan {
  /// A readable account of the plan for `:explain`: each conjunct of the normalised query with what
  /// became of it and why, then the request, the residual, and where sort and limit are applied.
  package var explanation: String {
    var lines: [String] = []
    if !canMatch {
      lines.append("\(provider): the query can never match; no request is sent")
      for d in decisions { lines.append("  \(d.predicate): \(d.reason)") }
      return lines.joined(separator: "\n") + "\n"
    }
    lines.append("\(provider): \(requests.count) request\(requests.count == 1 ? "" : "s")")
    for d in decisions {
      lines.append("  \(d.outcome.rawValue): \(d.predicate)")
      lines.append("      why: \(d.reason)")
    }
    for r in requests {
      lines.append("  request: \(r.method) \(r.url)")
      if let body = r.body { lines.append("  body: \(body)") }
    }
    lines.append("  residual: \(residualText ?? "none (the server's answer is exact)")")
    if !sort.isEmpty {
      lines.append("  sort: " + (sortPushed ? "by the server" : "on the client"))
    }
    if let limit {
      lines.append("  limit \(limit): " + (limitPushed ? "page size cut on the server" : "on the client"))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
