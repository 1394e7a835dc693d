#ifndef INVOICEQL_SIMD_H
#define INVOICEQL_SIMD_H

// The AVX2 kernel of the streaming fast path's stage 1 (`StructuralIndexer`), in C because Swift
// has no per-function target features: it is compiled for AVX2 alone and called only once the CPU
// is known to have it, so the package needs no build flags and runs on any x86-64. Swift keeps the
// portable kernels (SSE2, 64-bit words) and the model the tests hold this one to.

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// One bit per byte of a 64-byte block (bit k for byte k), by class; exactly
/// `StructuralIndexer.Classes`.
typedef struct {
  uint64_t quotes;
  uint64_t backslashes;
  /// `{ } [ ] : ,`
  uint64_t operators;
  /// Space, tab, LF, CR.
  uint64_t whitespace;
  /// Bytes below 0x20 or from 0x80.
  uint64_t unusual;
} iql_byte_classes;

/// One block's masks; exactly `StructuralIndexer.Block`.
typedef struct {
  uint64_t structurals;
  uint64_t escapes;
  uint64_t unusual;
  uint64_t errors;
} iql_block;

/// What stage 1 carries from one block to the next; `StructuralIndexer` owns it.
typedef struct {
  /// All ones when the block before ended inside a string.
  uint64_t previousInString;
  /// 1 when the block before ended with a backslash that escapes this block's first byte.
  uint64_t previousEscaped;
  /// 1 when the block before ended inside a token other than a string.
  uint64_t previousScalar;
} iql_indexer_state;

/// The kernels this CPU and its operating system can run.
enum {
  IQL_KERNEL_AVX2 = 1,
};

/// The set of `IQL_KERNEL_*` flags this machine supports (0 on other architectures).
int iql_supported_kernels(void);

/// The classes of the 64 bytes at `p`, with AVX2. Call only when `iql_supported_kernels()` has
/// `IQL_KERNEL_AVX2`.
void iql_classify_avx2(const uint8_t *p, iql_byte_classes *out);

/// The masks of the 64 bytes at `p`, carrying `state` to the next block: `StructuralIndexer.next`
/// with AVX2 (and PCLMULQDQ for the strings' prefix XOR). Same precondition as
/// `iql_classify_avx2`.
void iql_next_block_avx2(const uint8_t *p, iql_indexer_state *state, iql_block *out);

#ifdef __cplusplus
}
#endif

#endif
