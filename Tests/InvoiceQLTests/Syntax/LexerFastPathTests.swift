import TestSupport
import Testing

@testable import InvoiceQLSyntax

/// The lexer's fast paths agree with the general code they stand beside.
@Suite struct LexerFastPathTests {
  @Test func theWordByteTableAgreesWithIsASCIIAlnumForEveryByte() {
    for b in UInt8.min...UInt8.max {
      #expect(Scanner.isWordByte(b) == Scanner.isASCIIAlnum(b), "byte \(b)")
    }
  }

  /// Runs of ASCII letters, digits and `_` (keywords and bases in random case, with a letter
  /// changed, added or dropped, with digits and `_` mixed in, and random runs): the key the lexer
  /// builds without the letter test tells the same keyword and base as the key with it.
  @Test func anAlphanumericRunsKeyTellsTheSameKeywordAndBaseAsTheCheckedKey() {
    var rng = SplitMix64(seed: 0x30D_C0DE)
    let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_".utf8)
    let spellings = Keyword.allCases.map(\.rawValue) + ["today", "now"]
    var matched = 0
    for i in 0..<20_000 {
      var run: [UInt8]
      if i % 2 == 0 {
        run = Array(spellings[Int(rng.next() % UInt64(spellings.count))].utf8)
        run = run.map { rng.next() % 2 == 0 ? $0 & ~0x20 : $0 }
        switch rng.next() % 5 {
        case 0: run[Int(rng.next() % UInt64(run.count))] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
        case 1:
          run.insert(
            alphabet[Int(rng.next() % UInt64(alphabet.count))], at: Int(rng.next() % UInt64(run.count + 1)))
        case 2: run.remove(at: Int(rng.next() % UInt64(run.count)))
        default: break
        }
      } else {
        run = (0..<Int(rng.next() % 13)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
      }
      // The run sits inside other bytes, as a word does in a query.
      let text: [UInt8] = [0x28] + run + [0x20]
      let range = 1..<(1 + run.count)
      let (fast, checked) = text.withUnsafeBufferPointer {
        (WordKey(alphanumericRun: $0, range), WordKey($0, range))
      }
      #expect(fast?.keyword == checked?.keyword, "\(String(decoding: run, as: UTF8.self))")
      #expect(fast?.relativeBase == checked?.relativeBase, "\(String(decoding: run, as: UTF8.self))")
      if checked?.keyword != nil || checked?.relativeBase != nil { matched += 1 }
    }
    // The generator reaches the keywords and bases often, not only words that are neither.
    #expect(matched > 2_000)
  }
}

/// The parser's way of making a token's text gives the same string as `String(decoding:as:)`.
@Suite struct TokenTextTests {
  /// Random byte runs, valid UTF-8 or not, short (small strings) and long, at random offsets.
  @Test func tokenTextIsTheSameStringAsDecodingForAnyBytes() {
    var rng = SplitMix64(seed: 0x7E_87)
    let interesting: [UInt8] = [
      0x61, 0x5A, 0x30, 0x20, 0x7F, 0x00, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0xFF, 0x80,
    ]
    for _ in 0..<20_000 {
      let count = Int(rng.next() % 40)
      let bytes: [UInt8] = (0..<count).map { _ in
        rng.next() % 2 == 0
          ? interesting[Int(rng.next() % UInt64(interesting.count))] : UInt8(truncatingIfNeeded: rng.next())
      }
      let lower = count == 0 ? 0 : Int(rng.next() % UInt64(count + 1))
      let upper = lower + Int(rng.next() % UInt64(count - lower + 1))
      let made = LexedTokens.text(bytes, lower..<upper)
      let decoded = String(decoding: bytes[lower..<upper], as: UTF8.self)
      #expect(made == decoded)
      #expect(Array(made.utf8) == Array(decoded.utf8))
    }
  }
}

/// The formatter's byte loop for words agrees with the plain definitions.
@Suite struct FormatWordTests {
  /// Keywords, bases and near misses in random case, random ASCII runs with punctuation, and words
  /// with a non-ASCII letter anywhere: the same answer with and without `today`/`now` reserved.
  @Test func asciiWordByItsBytesIsAsciiWordByTheDefinitions() {
    var rng = SplitMix64(seed: 0xF0_4D)
    let alphabet = Array(
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-. `é".unicodeScalars)
    let spellings = Keyword.allCases.map(\.rawValue) + ["today", "now", "startswithth", "x"]
    for i in 0..<20_000 {
      var scalars: [Unicode.Scalar]
      if i % 2 == 0 {
        scalars = Array(spellings[Int(rng.next() % UInt64(spellings.count))].unicodeScalars)
        scalars = scalars.map { rng.next() % 2 == 0 ? Unicode.Scalar(String($0).uppercased()) ?? $0 : $0 }
        if rng.next() % 3 == 0 {
          scalars.insert(
            alphabet[Int(rng.next() % UInt64(alphabet.count))],
            at: Int(rng.next() % UInt64(scalars.count + 1)))
        }
      } else {
        scalars = (0..<Int(rng.next() % 14)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
      }
      var word = ""
      word.unicodeScalars.append(contentsOf: scalars)
      for reserved in [false, true] {
        #expect(
          FormatWriter.asciiWord(word, relativeBaseIsKeyword: reserved)
            == FormatWriter.asciiWordByDefinition(word, relativeBaseIsKeyword: reserved),
          "\(word.debugDescription) \(reserved)")
      }
    }
  }
}
