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
  int osxsave = (ecx >> 27) & 1, avx = (ecx >> 28) & 1;
  int pclmul = (ecx >> 1) & 1;
  if (!osxsave || !avx || !pclmul) return 0;
  uint64_t xcr0 = iql_xcr0();
  if ((xcr0 & 0x6) != 0x6) return 0;  // SSE and AVX (YMM) state
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
  int kernels = 0;
  if ((ebx >> 5) & 1) kernels |= IQL_KERNEL_AVX2;
  // AVX512F (bit 16) and AVX512BW (bit 30), with opmask and ZMM state saved.
  if (((ebx >> 16) & 1) && ((ebx >> 30) & 1) && (xcr0 & 0xE6) == 0xE6) kernels |= IQL_KERNEL_AVX512BW;
  return kernels;
}

// Whitespace by a table lookup on each byte's low four bits: the entry is the one whitespace byte
// with those low bits, or 0xFF (never equal to a byte the lookup sees: a byte from 0x80 looks up 0).
#define IQL_WHITESPACE_TABLE                                                                      \
  ' ', -1, -1, -1, -1, -1, -1, -1, -1, '\t', '\n', -1, -1, '\r', -1, -1
// Brackets and separators by the same lookup, compared with the byte with bit 5 set (`[` becomes
// `{`, `]` becomes `}`). That also matches 0x0C and 0x1A, which are controls (`unusual`) and are
// cleared at the end.
#define IQL_OPERATOR_TABLE 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ':', '{', ',', '}', 0, 0

#define IQL_AVX2 __attribute__((target("avx2,pclmul"), always_inline)) static inline
#define IQL_AVX512BW __attribute__((target("avx512f,avx512bw,pclmul"), always_inline)) static inline

IQL_AVX2 void iql_classes_avx2(const uint8_t *p, iql_byte_classes *out) {
  const __m256i whitespaceTable = _mm256_setr_epi8(IQL_WHITESPACE_TABLE, IQL_WHITESPACE_TABLE);
  const __m256i operatorTable = _mm256_setr_epi8(IQL_OPERATOR_TABLE, IQL_OPERATOR_TABLE);
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

IQL_AVX512BW void iql_classes_avx512bw(const uint8_t *p, iql_byte_classes *out) {
  const __m512i whitespaceTable = _mm512_broadcast_i32x4(_mm_setr_epi8(IQL_WHITESPACE_TABLE));
  const __m512i operatorTable = _mm512_broadcast_i32x4(_mm_setr_epi8(IQL_OPERATOR_TABLE));
  const __m512i bit5 = _mm512_set1_epi8(0x20);
  const __m512i v = _mm512_loadu_si512((const void *)p);
  const uint64_t unusual = _mm512_cmplt_epi8_mask(v, bit5);
  out->quotes = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('"'));
  out->backslashes = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\\'));
  out->whitespace = _mm512_cmpeq_epi8_mask(_mm512_shuffle_epi8(whitespaceTable, v), v);
  out->operators =
      _mm512_cmpeq_epi8_mask(_mm512_shuffle_epi8(operatorTable, v), _mm512_or_si512(v, bit5)) &
      ~unusual;
  out->unusual = unusual;
}

// `StructuralIndexer.strings` and `next` in C (see there for how), with the prefix XOR as one
// carry-less multiplication by all ones. Inlined into each kernel, whose features include these.
__attribute__((target("sse2,pclmul"), always_inline)) static inline void iql_masks(
    const iql_byte_classes *c, iql_indexer_state *s, iql_block *out) {
  const uint64_t oddBits = 0xAAAAAAAAAAAAAAAAull;
  uint64_t escaped = s->previousEscaped, escapes = 0;
  if ((c->backslashes | s->previousEscaped) != 0) {
    const uint64_t potential = c->backslashes & ~s->previousEscaped;
    const uint64_t codes = (((potential << 1) | oddBits) - potential) ^ oddBits;
    escaped = codes ^ (c->backslashes | s->previousEscaped);
    escapes = codes & c->backslashes;
    s->previousEscaped = escapes >> 63;
  }
  const uint64_t quotes = c->quotes & ~escaped;
  const __m128i allOnes = _mm_set1_epi8((char)0xFF);
  const uint64_t prefixXOR = (uint64_t)_mm_cvtsi128_si64(
      _mm_clmulepi64_si128(_mm_set_epi64x(0, (long long)quotes), allOnes, 0));
  const uint64_t inString = prefixXOR ^ s->previousInString;
  s->previousInString = (uint64_t)((int64_t)inString >> 63);
  const uint64_t scalar = ~(c->operators | c->whitespace | c->quotes);
  const uint64_t scalarStarts = scalar & ~((scalar << 1) | s->previousScalar);
  s->previousScalar = scalar >> 63;
  out->structurals = ((c->operators | scalarStarts) & ~inString) | (quotes & inString);
  out->escapes = escapes & inString;
  out->unusual = c->unusual & inString;
  out->errors = c->unusual & ~(inString | c->whitespace);
}

__attribute__((target("avx2,pclmul"))) void iql_classify_avx2(const uint8_t *p, iql_byte_classes *out) {
  iql_classes_avx2(p, out);
}

__attribute__((target("avx2,pclmul"))) void iql_next_block_avx2(
    const uint8_t *p, iql_indexer_state *state, iql_block *out) {
  iql_byte_classes c;
  iql_classes_avx2(p, &c);
  iql_masks(&c, state, out);
}

__attribute__((target("avx512f,avx512bw,pclmul"))) void iql_classify_avx512bw(
    const uint8_t *p, iql_byte_classes *out) {
  iql_classes_avx512bw(p, out);
}

__attribute__((target("avx512f,avx512bw,pclmul"))) void iql_next_block_avx512bw(
    const uint8_t *p, iql_indexer_state *state, iql_block *out) {
  iql_byte_classes c;
  iql_classes_avx512bw(p, &c);
  iql_masks(&c, state, out);
}

#else

int iql_supported_kernels(void) { return 0; }
void iql_classify_avx2(const uint8_t *p, iql_byte_classes *out) { (void)p, (void)out, __builtin_trap(); }
void iql_classify_avx512bw(const uint8_t *p, iql_byte_classes *out) { (void)p, (void)out, __builtin_trap(); }
void iql_next_block_avx2(const uint8_t *p, iql_indexer_state *state, iql_block *out) {
  (void)p, (void)state, (void)out, __builtin_trap();
}
void iql_next_block_avx512bw(const uint8_t *p, iql_indexer_state *state, iql_block *out) {
  (void)p, (void)state, (void)out, __builtin_trap();
}

#endif
