#include "InvoiceQLSIMD.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))

#include <cpuid.h>
#include <immintrin.h>

// The operating system must save the registers a kernel uses: XCR0 tells which it does.
static uint64_t iql_xcr0(void) {
  uint32_t low, high;
  __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
  return ((uint64_t)high << 32) | low;
}

int iql_supported_kernels(void) {
  unsigned eax, ebx, ecx, edx;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
  const int pclmul = (ecx >> 1) & 1, osxsave = (ecx >> 27) & 1, avx = (ecx >> 28) & 1;
  if (!pclmul || !osxsave || !avx) return 0;
  if ((iql_xcr0() & 0x6) != 0x6) return 0;  // XMM and YMM state
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
  return (ebx >> 5) & 1 ? IQL_KERNEL_AVX2 : 0;
}

#define IQL_AVX2 __attribute__((target("avx2,pclmul")))

IQL_AVX2 static inline __attribute__((always_inline)) void iql_classes_avx2(
    const uint8_t *p, iql_byte_classes *out) {
  // Whitespace by a table lookup on each byte's low four bits: the entry is the one whitespace
  // byte with those low bits, or 0xFF, which equals no byte the lookup sees (a byte from 0x80 looks
  // up 0).
  const __m256i whitespaceTable = _mm256_setr_epi8(
      ' ', -1, -1, -1, -1, -1, -1, -1, -1, '\t', '\n', -1, -1, '\r', -1, -1,
      ' ', -1, -1, -1, -1, -1, -1, -1, -1, '\t', '\n', -1, -1, '\r', -1, -1);
  // Brackets and separators by the same lookup, compared with the byte with bit 5 set (`[` becomes
  // `{`, `]` becomes `}`). That also matches 0x0C and 0x1A, controls (`unusual`) cleared at the end.
  const __m256i operatorTable = _mm256_setr_epi8(
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ':', '{', ',', '}', 0, 0,
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ':', '{', ',', '}', 0, 0);
  const __m256i quote = _mm256_set1_epi8('"'), backslash = _mm256_set1_epi8('\\');
  const __m256i bit5 = _mm256_set1_epi8(0x20);
  uint64_t quotes = 0, backslashes = 0, operators = 0, whitespace = 0, unusual = 0;
  for (int half = 0; half < 2; half++) {
    const __m256i v = _mm256_loadu_si256((const __m256i *)(p + 32 * half));
    const int shift = 32 * half;
#define IQL_BITS(x) ((uint64_t)(uint32_t)_mm256_movemask_epi8(x) << shift)
    quotes |= IQL_BITS(_mm256_cmpeq_epi8(v, quote));
    backslashes |= IQL_BITS(_mm256_cmpeq_epi8(v, backslash));
    whitespace |= IQL_BITS(_mm256_cmpeq_epi8(_mm256_shuffle_epi8(whitespaceTable, v), v));
    operators |= IQL_BITS(
        _mm256_cmpeq_epi8(_mm256_shuffle_epi8(operatorTable, v), _mm256_or_si256(v, bit5)));
    // Signed, bytes from 0x80 are negative: below 0x20 are the controls and the non-ASCII.
    unusual |= IQL_BITS(_mm256_cmpgt_epi8(bit5, v));
#undef IQL_BITS
  }
  out->quotes = quotes;
  out->backslashes = backslashes;
  out->operators = operators & ~unusual;
  out->whitespace = whitespace;
  out->unusual = unusual;
}

IQL_AVX2 void iql_classify_avx2(const uint8_t *p, iql_byte_classes *out) { iql_classes_avx2(p, out); }

// `StructuralIndexer.next` (see there for how), with the strings' prefix XOR as one carry-less
// multiplication by all ones.
IQL_AVX2 void iql_next_block_avx2(const uint8_t *p, iql_indexer_state *s, iql_block *out) {
  iql_byte_classes c;
  iql_classes_avx2(p, &c);
  const uint64_t oddBits = 0xAAAAAAAAAAAAAAAAull;
  uint64_t escaped = s->previousEscaped, escapes = 0;
  if ((c.backslashes | s->previousEscaped) != 0) {
    const uint64_t potential = c.backslashes & ~s->previousEscaped;
    const uint64_t codes = (((potential << 1) | oddBits) - potential) ^ oddBits;
    escaped = codes ^ (c.backslashes | s->previousEscaped);
    escapes = codes & c.backslashes;
    s->previousEscaped = escapes >> 63;
  }
  const uint64_t quotes = c.quotes & ~escaped;
  const uint64_t prefixXOR = (uint64_t)_mm_cvtsi128_si64(
      _mm_clmulepi64_si128(_mm_set_epi64x(0, (long long)quotes), _mm_set1_epi8((char)0xFF), 0));
  const uint64_t inString = prefixXOR ^ s->previousInString;
  s->previousInString = (uint64_t)((int64_t)inString >> 63);
  const uint64_t scalar = ~(c.operators | c.whitespace | c.quotes);
  const uint64_t scalarStarts = scalar & ~((scalar << 1) | s->previousScalar);
  s->previousScalar = scalar >> 63;
  out->structurals = ((c.operators | scalarStarts) & ~inString) | (quotes & inString);
  out->escapes = escapes & inString;
  out->unusual = c.unusual & inString;
  out->errors = c.unusual & ~(inString | c.whitespace);
}

#else

int iql_supported_kernels(void) { return 0; }

void iql_classify_avx2(const uint8_t *p, iql_byte_classes *out) {
  (void)p, (void)out;
  __builtin_trap();
}

void iql_next_block_avx2(const uint8_t *p, iql_indexer_state *state, iql_block *out) {
  (void)p, (void)state, (void)out;
  __builtin_trap();
}

#endif
