import Testing

@testable import InvoiceQL
@testable import InvoiceQLImport
@testable import InvoiceQLJSON
@testable import InvoiceQLPlanning
@testable import InvoiceQLProviders
@testable import InvoiceQLSavedSearches
@testable import InvoiceQLSemantics
@testable import InvoiceQLStreaming
@testable import InvoiceQLSyntax

/// the language reference: numbers are exact decimals, a literal the grammar accepts compares by its value, and a
/// literal is converted to a field's type only when that is exact.
@Suite struct NumberLiteralTests {
  static func bind(_ text: String, _ provider: String) throws -> BoundExpression {
    try Binder.bind(
      try Parser.parseExpression(text), catalog: BinderFixture.catalog(provider), context: BinderFixture.utc,
      source: text)
  }

  static func diagnostics(_ text: String, _ provider: String) -> [Diagnostic] {
    do {
      let bound = try bind(text, provider)
      Issue.record("\(text) bound to \(bound)")
      return []
    } catch {
      return (error as? DiagnosticError)?.diagnostics ?? []
    }
  }

  @Test func leadingZerosAreReadByValue() throws {
    let total = BoundField(path: ["total"], type: .decimal, name: "total")
    for (spelled, value) in [
      ("007", "7"), ("00721.36E+0", "721.36"), ("-007", "-7"), ("000", "0"), ("00.50", "0.5"),
      ("-00.5e-0001", "-0.05"), ("0010e01", "100"),
    ] {
      let bound = try Self.bind("total > \(spelled)", "rhythm")
      #expect(bound == .predicate(.compare(total, .greater, Build.dec(value))), "\(spelled)")
    }
    // On a string field a number is taken as written, leading zeros and all.
    #expect(
      try Self.bind("number = 007", "wethod")
        == .predicate(
          .compare(
            BoundField(path: ["invoice_number"], type: .string, name: "number"), .equal, .string("007"))))
    // A string is read as JSON spells numbers: "007" is not one.
    #expect(Self.diagnostics("total > \"007\"", "rhythm").map(\.kind) == [.typeMismatch])
  }

  @Test func anExponentBeyondTheRangeAfterLeadingZerosIsStillOutOfRange() {
    #expect(Self.diagnostics("total > 001e100000000000000001", "rhythm").map(\.kind) == [.numberOutOfRange])
  }

  /// Every whole-number field of every provider: a fraction is a type error with a help line; a whole
  /// value spelled with a point, an exponent or leading zeros is exact and accepted.
  @Test(arguments: Provider.names)
  func aFractionOnAWholeNumberFieldIsATypeErrorAndWholeSpellingsConvert(provider: String) throws {
    let catalog = BinderFixture.catalog(provider)
    var checked = 0
    for field in catalog.fields {
      switch field.type {
      case .integer, .id(numeric: true): break
      default: continue
      }
      // A name a canonical name reads another way (stripe's `total`: a decimal) binds canonically.
      if field.path.count == 1, catalog.canonicalViews[field.path[0]] != nil { continue }
      let name = Formatter.format(FieldPath(field.path, range: .at(0)))
      // Inside an array the path is existential; the literal rules are the same.
      for text in [
        "\(name) = 1.5", "\(name) in (1, 2.5)", "\(name) != -0.001", "\(name) = \"1.5\"", "\(name) = 15e-1",
      ] {
        let d = Self.diagnostics(text, provider)
        #expect(d.map(\.kind) == [.typeMismatch], "\(provider): \(text)")
        #expect(d.first?.help.first?.contains("whole numbers") == true, "\(provider): \(text)")
      }
      for text in ["\(name) = 1.0", "\(name) = 10e-1", "\(name) = 007", "\(name) in (\"2.000\", 1E+2)"] {
        #expect(throws: Never.self, "\(provider): \(text)") { try Self.bind(text, provider) }
      }
      checked += 1
    }
    #expect(checked > 0)
  }

  @Test func decimalFieldsStillTakeFractions() throws {
    let total = BoundField(path: ["erpData", "invoiceTotal"], type: .decimal, name: "total")
    #expect(
      try Self.bind("total = 1.5", "softwareone") == .predicate(.compare(total, .equal, Build.dec("1.5"))))
  }
}
