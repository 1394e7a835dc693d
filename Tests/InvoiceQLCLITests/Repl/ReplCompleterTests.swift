import Testing

@testable import InvoiceQL
@testable import InvoiceQLCLI

/// What Tab offers, position by position, from the grammar and the provider's catalog.
@Suite struct ReplCompleterTests {
  func session(_ provider: String?) -> ReplSession {
    var session = ReplSession(output: StringSink(), errors: StringSink())
    session.provider = provider
    return session
  }

  func complete(_ line: String, provider: String? = "elevate") -> [String] {
    // The word is what follows the last break character, as libedit splits it.
    let breaks = Set(ReplCompleter.wordBreaks)
    let start = line.lastIndex(where: { breaks.contains($0) }).map(line.index(after:)) ?? line.startIndex
    return ReplCompleter().candidates(
      before: String(line[..<start]), word: String(line[start...]), session: session(provider))
  }

  @Test func commandsAfterAColonAndProvidersAfterProvider() {
    #expect(complete(":pro") == [":provider"])
    #expect(complete(":").contains(":connect") && complete(":").contains(":help"))
    #expect(complete(":provider ") == Provider.names.sorted())
    #expect(complete(":provider ro") == ["roadsync"])
    #expect(complete(":json o") == ["off", "on"])
  }

  @Test func fieldNamesCanonicalAndNativeWhereAFieldMayStart() {
    #expect(complete("stat") == ["status"])
    #expect(complete("invoiceT").contains("invoiceTotalAmount"))
    #expect(complete("status = open and tot").first == "total")
    #expect(complete("status = open and tot").contains("totalUsageAmount"))
    #expect(complete("not (due") == ["dueDate"])
    #expect(complete("sort by du") == ["dueDate"])
    #expect(complete(":columns id,tot").first == "total")
    // Native dotted paths, completed whole.
    let rhythm = complete("billing_address.c", provider: "rhythm")
    #expect(!rhythm.isEmpty && rhythm.allSatisfy { $0.hasPrefix("billing_address.c") }, "\(rhythm)")
    // Without a provider: the canonical vocabulary.
    #expect(complete("cur", provider: nil) == ["currency"])
  }

  @Test func operatorsAfterAFieldByItsType() {
    let onEnum = complete("status ")
    #expect(
      onEnum.contains("in") && onEnum.contains("=") && !onEnum.contains("<") && !onEnum.contains("contains"))
    let onDate = complete("dueDate ")
    #expect(onDate.contains("between") && onDate.contains("<="))
    #expect(complete("status i") == ["in", "is not null", "is null"])
    // Any key of an open map (stripe's metadata) is a string.
    let onKey = complete("metadata.plan ", provider: "stripe")
    #expect(onKey.contains("contains") && onKey.contains("="), "\(onKey)")
  }

  @Test func enumValuesAfterEqualsAndInsideIn() {
    #expect(complete("status = UN") == ["UNPAID"])
    #expect(complete("status =UN") == ["UNPAID"])
    #expect(complete("status in (PAID, UN") == ["UNPAID"])
    #expect(complete("status != wr").contains("writtenOff"))
    let rhythm = complete("status = wr", provider: "rhythm")
    #expect(rhythm.contains("\"written off\"") && rhythm.contains("writtenOff"), "\(rhythm)")
    #expect(complete("dueDate > to") == ["today"])
  }

  @Test func keywordsWhereTheGrammarAllowsThem() {
    #expect(complete("status = open a") == ["and"])
    #expect(complete("status = open ").contains("sort by"))
    #expect(complete("status is ") == ["not null", "null"])
    #expect(complete("total between 1 a") == ["and"])
    #expect(complete("total between 1 and ") == [])
    #expect(complete("sort by total ") == ["asc", "desc", "limit"])
    #expect(complete("").contains("sort by") && complete("").contains("status"))
  }
}
