import Testing

@testable import InvoiceQLSyntax

/// The ASCII fast paths give exactly the answers of `lowercased()` and `String.count`.
@Suite struct TextFoldingTests {
  /// Pieces that catch the fast paths' edges: capitals on both sides of the ASCII letters, bytes
  /// next to `A`/`Z`/`a`/`z`, a non-ASCII capital that folds to ASCII (the Kelvin sign), one that
  /// folds to two scalars (`İ`), `ß`, combining marks, CR LF and tabs.
  static let pieces = [
    "a", "Z", "z", "A", "@", "[", "`", "{", "0", " ", "\t", "\r", "\n", "\r\n", "_", "\u{212A}", "k", "K",
    "İ",
    "i", "ß", "SS", "é", "e\u{301}", "\u{301}", "Σ", "σ", "ς", "€", "😀", "Status", "STATUS", "status",
  ]

  /// Deterministic pseudo-random texts of 0 to 6 pieces.
  static func texts(_ count: Int, seed: UInt64) -> [String] {
    var state = seed
    func next() -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(truncatingIfNeeded: state >> 33)
    }
    return (0..<count).map { _ in
      (0..<(next() % 7)).map { _ in pieces[next() % pieces.count] }.joined()
    }
  }

  @Test func foldedLowercaseIsLowercased() {
    for text in Self.texts(3000, seed: 1) + Self.pieces {
      #expect(Array(text.foldedLowercase.utf8) == Array(text.lowercased().utf8), "\(text.debugDescription)")
    }
  }

  @Test func equalsFoldedIsEqualityOfLowercased() {
    let left = Self.texts(3000, seed: 2)
    let right = Self.texts(3000, seed: 3)
    // Pairs that differ only in case, to reach the equal answers often.
    let cased = left.map { $0.uppercased() }
    let pairs =
      Array(zip(left, right)) + Array(zip(left, cased)) + Array(zip(Self.pieces, Self.pieces.reversed()))
    for (a, b) in pairs {
      #expect(
        a.equalsFolded(b) == (a.lowercased() == b.lowercased()), "\(a.debugDescription) \(b.debugDescription)"
      )
    }
    #expect("\u{212A}".equalsFolded("k"))
    #expect("Kelvin".equalsFolded("\u{212A}ELVIN"))
    #expect(!"open".equalsFolded("opens"))
  }

  @Test func characterCountIsTheCountWithTabsAsSpaces() {
    for text in Self.texts(3000, seed: 4) + Self.pieces {
      let spaced = String(text.map { $0 == "\t" ? " " : $0 })
      let bytes = Array(text.utf8)
      #expect(CharacterCount.of(bytes[...]) == spaced.count, "\(text.debugDescription)")
      let oneEach = text.utf8.count == text.count && !text.utf8.contains(0x0D)
      #expect(CharacterCount.isOneBytePerCharacter(text) == oneEach, "\(text.debugDescription)")
    }
  }

  /// The window as it was first written (the line as an array of characters), against the one
  /// that walks only as far as it shows, on long lines of every kind of text.
  @Test func theWindowIsTheOneCutFromAllTheCharacters() {
    func reference(_ line: String, column: Int, width: Int) -> (String, Int, Int) {
      let characters = Array(line)
      guard characters.count > Diagnostic.maxLineWidth else { return (line, column, width) }
      let context = 40
      let shownWidth = min(width, Diagnostic.maxLineWidth - 2 * context)
      let start = max(0, column - context)
      let end = min(characters.count, column + shownWidth + context)
      let prefix = start > 0 ? "…" : ""
      let suffix = end < characters.count ? "…" : ""
      return (prefix + String(characters[start..<end]) + suffix, column - start + prefix.count, shownWidth)
    }
    var lines = Self.texts(400, seed: 5).map { String(repeating: $0, count: 200 / max(1, $0.count)) }
    lines += ["a", "é", "\r\n", "😀"].flatMap { p in
      [159, 160, 161, 162, 400].map { String(repeating: p, count: $0) }
    }
    for line in lines where !line.isEmpty {
      let count = line.count
      for (column, width) in [
        (0, 1), (count / 2, 3), (max(0, count - 1), 1), (count, 0), (10, 200), (45, 90),
      ]
      where column <= count {
        let w = min(width, count - column)
        let (a, b) = (
          Diagnostic.window(line, column: column, width: w), reference(line, column: column, width: w)
        )
        #expect(a.0 == b.0 && a.1 == b.1 && a.2 == b.2, "\(line.debugDescription) \(column) \(w)")
      }
    }
  }
}
