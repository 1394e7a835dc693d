import TestSupport
import Testing

@testable import InvoiceQLProviders
@testable import InvoiceQLSemantics
@testable import InvoiceQLSyntax

/// The catalog keeps each one-word enum name's values by spelling (`EnumSpellings`), which the
/// binder asks before comparing a written value with every known value and canonical status
/// (`BindingSession.enumValues`): what the lookup finds must be what the comparisons find.
@Suite struct EnumSpellingsTests {
  /// The values `enumValues` finds for `written` without the lookup (nil when it reports).
  private func compared(_ written: String, _ r: NameResolution, _ catalog: FieldCatalog) -> [String]? {
    var session = BindingSession(catalog: catalog, context: BinderFixture.utc, source: "")
    return session.enumValues(Literal(.word(written), range: .at(0)), for: r.field, isStatus: r.isStatus)
  }

  /// Spellings near the known values and canonical statuses: as they are, in other cases, cut,
  /// lengthened, and with letters whose lowercase is ASCII or that lowercase to several letters.
  private func spellings(_ known: [String], _ rng: inout SplitMix64) -> [String] {
    let words = known + CanonicalVocabulary.statusValues + ["null", "", "nope", "K", "ß", "İ"]
    var out: [String] = []
    for word in words {
      out.append(word)
      out.append(word.uppercased())
      out.append(word.lowercased())
      for _ in 0..<4 {
        var scalars = Array(word.unicodeScalars)
        switch rng.next() % 5 {
        case 0:
          // Each letter's case flipped at random.
          scalars = scalars.map { c in
            let s = String(c)
            let flipped = rng.next() % 2 == 0 ? s.uppercased() : s.lowercased()
            return flipped.unicodeScalars.count == 1 ? flipped.unicodeScalars.first ?? c : c
          }
        case 1: if !scalars.isEmpty { scalars.removeLast() }
        case 2: scalars.append("s")
        case 3:
          // The Kelvin sign lowercases to `k`; `ß` and `İ` lowercase to other letters.
          let odd: [Unicode.Scalar] = ["\u{212A}", "ß", "\u{0130}", "é"]
          scalars.insert(odd[Int(rng.next() % 4)], at: Int(rng.next() % UInt64(scalars.count + 1)))
        default:
          scalars = scalars.map { $0 == "k" || $0 == "K" ? "\u{212A}" : $0 }
        }
        var s = ""
        s.unicodeScalars.append(contentsOf: scalars)
        out.append(s)
      }
    }
    return out
  }

  @Test(arguments: Provider.names)
  func propertyWhatTheSpellingsFindIsWhatComparingFinds(provider: String) throws {
    var rng = SplitMix64(seed: 0xE5_5E11)
    let catalog = BinderFixture.catalog(provider)
    let names =
      CanonicalVocabulary.fieldNames + catalog.fields.compactMap { $0.path.count == 1 ? $0.path[0] : nil }
    var found = 0
    var enums = 0
    for name in names {
      guard let r = catalog.topLevelResolution(name), case .enumeration(let known) = r.field.type else {
        continue
      }
      let table = try #require(r.spellings, "\(provider).\(name) has no spellings")
      enums += 1
      for written in spellings(known, &rng) {
        let expected = compared(written, r, catalog)
        guard let values = table.values(for: written) else { continue }
        found += 1
        #expect(values == expected, "\(provider).\(name): \(written)")
      }
    }
    #expect(enums > 0 && found > 10 * enums, "\(provider): \(found) found over \(enums) enum names")
  }

  @Test func aStatusLookupFollowsTheCatalogsCanonicalStatuses() throws {
    // Rhythm spells it `written off`: `writtenOff` is only a canonical status there.
    var catalog = BinderFixture.catalog("rhythm")
    let values = try #require(catalog.topLevelResolution("status")?.spellings?.values(for: "WRITTENOFF"))
    #expect(values == ["written off"])
    #expect(catalog.topLevelResolution("status")?.spellings?.values(for: "draft") == nil)
    catalog.canonicalStatuses["writtenOff"] = []
    #expect(catalog.topLevelResolution("status")?.spellings?.values(for: "WRITTENOFF") == nil)
  }
}

/// The byte-hashed table behind the catalog's names and enum spellings, and the folded names the
/// catalog keeps for did-you-mean.
@Suite struct SpellingTableTests {
  @Test func propertyAKeyGivenTwiceIsFoundWithItsFirstEntry() {
    var rng = SplitMix64(seed: 0x5AB1E)
    // ASCII keys, as an enum's spellings are: there `==` is equality of the bytes.
    let alphabet = ["a", "b", "ab", "ba", "K", "k", "Kk", ""]
    for _ in 0..<2_000 {
      let keys = (0..<Int(rng.next() % 12)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
      let table = SpellingTable(keys: keys, entries: Array(keys.indices))
      for probe in alphabet + ["zz"] {
        #expect(table.entry(for: probe) == keys.firstIndex(of: probe), "\(keys) \(probe)")
      }
    }
  }

  /// Keys `==` but spelled with other bytes (`é` precomposed or not) may or may not be found, but
  /// what is found is `==` to what was asked, and a key with the very bytes asked is found.
  @Test func propertyWhatATableFindsIsEqualToWhatWasAsked() {
    var rng = SplitMix64(seed: 0xE9)
    let alphabet = ["é", "e\u{301}", "a", "\u{212A}", "K"]
    for _ in 0..<2_000 {
      let keys = (0..<Int(rng.next() % 8)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
      let table = SpellingTable(keys: keys, entries: Array(keys.indices))
      for probe in alphabet {
        let found = table.entry(for: probe)
        if let found { #expect(keys[found] == probe, "\(keys) \(probe)") }
        if keys.contains(where: { Array($0.utf8) == Array(probe.utf8) }) {
          #expect(found != nil, "\(keys) \(probe)")
        }
      }
    }
  }

  @Test(arguments: Provider.names)
  func foldedNamesAreTheNamesFoldedAsEverywhereElse(provider: String) {
    let catalog = BinderFixture.catalog(provider)
    #expect(catalog.foldedTopLevelNames == catalog.topLevelNames.map(\.foldedLowercase))
  }

  @Test func propertyLowercasedIsFoldedLowercase() {
    var rng = SplitMix64(seed: 0xF01D)
    let pieces = ["a", "Z", "due", "Date", "\u{212A}", "ß", "\u{0130}", "É", "e\u{301}", "_", "1", "Σ"]
    for _ in 0..<5_000 {
      let s = (0..<Int(rng.next() % 6)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
      #expect(Array(s.lowercased().utf8) == Array(s.foldedLowercase.utf8), "\(s)")
    }
  }
}
