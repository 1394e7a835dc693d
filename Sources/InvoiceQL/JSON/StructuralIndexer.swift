import InvoiceQLSIMD

#if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
  import _Builtin_intrinsics.intel
#endif

/// Stage 1 of the fast path: reads 64 bytes at a time, without a branch on their content, and
/// tells stage 2 (`ItemScanner`) where the tokens start, so that it never walks through strings or
/// whitespace byte by byte.
///
/// Each block becomes bit masks (bit `k` is byte `k` of the block): quotes, backslashes, brackets
/// and separators, whitespace, control and non-ASCII bytes. From them, with the state carried
/// from the block before:
/// - which bytes a backslash escapes (runs of backslashes counted by a subtraction's carries);
/// - which bytes are inside strings (a prefix XOR of the unescaped quotes);
/// - the *structurals*: brackets, colons and commas outside strings, opening quotes, and the first
///   byte of every other token (numbers, literals — and any stray byte, which stage 2 rejects).
///
/// What the masks alone cannot validate is left to stage 2, block by block: the escapes inside
/// strings, and the bytes below 0x20 or from 0x80 (`unusual`, `errors`).
struct StructuralIndexer: Sendable {
  /// One block's masks.
  struct Block: Sendable, Equatable {
    /// Where stage 2 stops: brackets, `:` and `,` outside strings, opening quotes, token starts.
    var structurals: UInt64
    /// Backslashes inside strings that escape the byte after them.
    var escapes: UInt64
    /// Bytes below 0x20 (invalid) or from 0x80 (UTF-8 sequences to validate) inside strings.
    var unusual: UInt64
    /// Bytes below 0x20 other than tab, LF and CR, and bytes from 0x80, outside strings: invalid.
    var errors: UInt64
  }

  /// The bytes of one block by class.
  struct Classes: Sendable, Equatable {
    var quotes: UInt64 = 0
    var backslashes: UInt64 = 0
    /// `{ } [ ] : ,`
    var operators: UInt64 = 0
    /// Space, tab, LF, CR.
    var whitespace: UInt64 = 0
    /// Bytes below 0x20 or from 0x80.
    var unusual: UInt64 = 0
  }

  /// The code that classifies bytes.
  let kernel: ByteClassKernel
  /// What one block carries to the next (a C struct: the C kernels carry it too).
  private var state = iql_indexer_state()

  private static let oddBits: UInt64 = 0xAAAA_AAAA_AAAA_AAAA

  init(kernel: ByteClassKernel = .selected) {
    self.kernel = kernel
  }

  /// The masks of the 64 bytes at `p`, given every block before it (from the first byte of a JSON
  /// value outside any string) went through this indexer in order.
  @inline(__always)
  mutating func next(_ p: UnsafePointer<UInt8>) -> Block {
    #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
      if kernel == .avx2 {
        var block = iql_block()
        iql_next_block_avx2(p, &state, &block)
        return Block(
          structurals: block.structurals, escapes: block.escapes, unusual: block.unusual, errors: block.errors
        )
      }
    #endif
    return nextPortable(p)
  }

  /// `next` in Swift, by the SSE2 or the word kernel (out of line: the AVX2 path stays small).
  @inline(never)
  private mutating func nextPortable(_ p: UnsafePointer<UInt8>) -> Block {
    let c = Self.classify(p, kernel)
    let (escapes, quotes, inString) = strings(c)

    // Tokens other than strings start where such a byte follows none.
    let scalar = ~(c.operators | c.whitespace | c.quotes)
    let scalarStarts = scalar & ~(scalar << 1 | state.previousScalar)
    state.previousScalar = scalar >> 63

    return Block(
      structurals: ((c.operators | scalarStarts) & ~inString) | (quotes & inString),
      escapes: escapes & inString,
      unusual: c.unusual & inString,
      errors: c.unusual & ~(inString | c.whitespace))
  }

  /// The whitespace outside strings among the 64 bytes at `p` (the bytes a compact form drops),
  /// given every block before it (from the first byte of a JSON value outside any string) went
  /// through this indexer in order — by this method only: `next` and `nextWhitespace` share the
  /// string state, not the state of other tokens, so one indexer serves one of them.
  @inline(__always)
  mutating func nextWhitespace(_ p: UnsafePointer<UInt8>) -> UInt64 {
    let c = Self.classify(p, kernel)
    return c.whitespace & ~strings(c).inString
  }

  /// The strings of a block of classes `c`, carrying the string state to the next block: the
  /// backslashes that escape the byte after them, the quotes not escaped, and the bytes inside
  /// strings (a quote's bit is set when it opens a string, clear when it closes one).
  @inline(__always)
  private mutating func strings(_ c: Classes) -> (escapes: UInt64, quotes: UInt64, inString: UInt64) {
    // Escapes: a backslash not itself escaped escapes the next byte. The carries of a subtraction
    // run through each run of backslashes; the parity of its start decides which bytes are escaped.
    var escaped = state.previousEscaped
    var escapes: UInt64 = 0
    if c.backslashes | state.previousEscaped != 0 {
      let potential = c.backslashes & ~state.previousEscaped
      let codes = ((potential << 1 | Self.oddBits) &- potential) ^ Self.oddBits
      escaped = codes ^ (c.backslashes | state.previousEscaped)
      escapes = codes & c.backslashes
      state.previousEscaped = escapes >> 63
    }

    // Strings: from an opening quote (set) to its closing quote (clear).
    let quotes = c.quotes & ~escaped
    let inString = Self.prefixXOR(quotes) ^ state.previousInString
    state.previousInString = UInt64(bitPattern: Int64(bitPattern: inString) >> 63)
    return (escapes, quotes, inString)
  }

  /// The bits of a block below offset `k` (none for `k` ≤ 0, all for `k` ≥ 64).
  @inline(__always)
  static func bitsBelow(_ k: Int) -> UInt64 {
    k <= 0 ? 0 : k >= 64 ? ~0 : (1 << UInt64(k)) &- 1
  }

  /// Bit `k` of the result is the XOR of bits 0 through `k` of `x`.
  @inline(__always)
  static func prefixXOR(_ x: UInt64) -> UInt64 {
    var x = x
    x ^= x << 1
    x ^= x << 2
    x ^= x << 4
    x ^= x << 8
    x ^= x << 16
    x ^= x << 32
    return x
  }

  /// The classes of the 64 bytes at `p`, by `kernel` (one the machine has).
  @inline(__always)
  static func classify(_ p: UnsafePointer<UInt8>, _ kernel: ByteClassKernel) -> Classes {
    #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
      switch kernel {
      case .avx2:
        var c = iql_byte_classes()
        iql_classify_avx2(p, &c)
        return Classes(
          quotes: c.quotes, backslashes: c.backslashes, operators: c.operators, whitespace: c.whitespace,
          unusual: c.unusual)
      case .sse2: return classifySSE2(p)
      case .words: return classifyWords(p)
      }
    #else
      return classifyWords(p)
    #endif
  }

  #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
    /// `classify` with SSE2 (part of every x86-64): sixteen bytes per compare, one bit per byte
    /// gathered by `pmovmskb`.
    @inline(__always)
    static func classifySSE2(_ p: UnsafePointer<UInt8>) -> Classes {
      @inline(__always) func splat(_ b: UInt8) -> __m128i { _mm_set1_epi8(CChar(bitPattern: b)) }
      @inline(__always) func bits(_ v: __m128i, _ lane: Int) -> UInt64 {
        UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(v))) << UInt64(lane &* 16)
      }
      let quote = splat(0x22)
      let backslash = splat(0x5C)
      let bit5 = splat(0x20)
      let openBrace = splat(0x7B)
      let closeBrace = splat(0x7D)
      let colon = splat(0x3A)
      let comma = splat(0x2C)
      let tab = splat(0x09)
      let lineFeed = splat(0x0A)
      let carriageReturn = splat(0x0D)
      var c = Classes()
      let raw = UnsafeRawPointer(p)
      for lane in 0..<4 {
        let v = _mm_loadu_si128(raw.advanced(by: lane &* 16).assumingMemoryBound(to: __m128i.self))
        c.quotes |= bits(_mm_cmpeq_epi8(v, quote), lane)
        c.backslashes |= bits(_mm_cmpeq_epi8(v, backslash), lane)
        // `[` and `]` are `{` and `}` without bit 5.
        let folded = _mm_or_si128(v, bit5)
        let brackets = _mm_or_si128(_mm_cmpeq_epi8(folded, openBrace), _mm_cmpeq_epi8(folded, closeBrace))
        let separators = _mm_or_si128(_mm_cmpeq_epi8(v, colon), _mm_cmpeq_epi8(v, comma))
        c.operators |= bits(_mm_or_si128(brackets, separators), lane)
        let spaces = _mm_or_si128(_mm_cmpeq_epi8(v, bit5), _mm_cmpeq_epi8(v, tab))
        let breaks = _mm_or_si128(_mm_cmpeq_epi8(v, lineFeed), _mm_cmpeq_epi8(v, carriageReturn))
        c.whitespace |= bits(_mm_or_si128(spaces, breaks), lane)
        // Signed, bytes from 0x80 are negative: below 0x20 are the controls and the non-ASCII.
        c.unusual |= bits(_mm_cmplt_epi8(v, bit5), lane)
      }
      return c
    }
  #endif

  /// `classify` eight bytes per 64-bit word (any architecture): exact per-byte tests, one bit per
  /// byte gathered by a multiplication.
  @inline(__always)
  static func classifyWords(_ p: UnsafePointer<UInt8>) -> Classes {
    let high: UInt64 = 0x8080_8080_8080_8080
    let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    /// Bit 7 of each byte of `m` (the others clear) as eight bits, byte 0 lowest.
    @inline(__always) func gather(_ m: UInt64) -> UInt64 { ((m >> 7) &* 0x0102_0408_1020_4080) >> 56 }
    @inline(__always) func equal(_ v: UInt64, _ b: UInt8) -> UInt64 {
      high & ~ItemScanner.differs(v, b)
    }
    var c = Classes()
    for word in 0..<8 {
      let v = JSONScanner.loadWord(p, word &* 8)
      let shift = UInt64(word &* 8)
      c.quotes |= gather(equal(v, 0x22)) << shift
      c.backslashes |= gather(equal(v, 0x5C)) << shift
      let folded = v | 0x2020_2020_2020_2020
      let operators = equal(folded, 0x7B) | equal(folded, 0x7D) | equal(v, 0x3A) | equal(v, 0x2C)
      c.operators |= gather(operators) << shift
      let whitespace = equal(v, 0x20) | equal(v, 0x09) | equal(v, 0x0A) | equal(v, 0x0D)
      c.whitespace |= gather(whitespace) << shift
      // A byte is at least 0x20 when its low seven bits reach 0x20 or its bit 7 is set.
      let atLeastSpace = ((v & low7) &+ 0x6060_6060_6060_6060) | v
      c.unusual |= gather((~atLeastSpace | v) & high) << shift
    }
    return c
  }
}
