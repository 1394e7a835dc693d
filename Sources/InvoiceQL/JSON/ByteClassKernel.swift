import InvoiceQLSIMD

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Which code the streaming fast path classifies bytes with, 64 at a time: by default the widest
/// instruction set this machine has. Every kernel gives the same answers; only the speed differs,
/// so the choice matters only for measuring one against another (`ResponseFilter`'s `kernel:`).
///
/// Stage 1 of the fast path (`StructuralIndexer`) turns each 64 bytes into one bit per byte for
/// quotes, backslashes, brackets and separators, whitespace, and control or non-ASCII bytes.
///
/// The AVX2 kernel is C (`InvoiceQLSIMD`) because Swift has no per-function target features: it is
/// compiled for AVX2 alone and called only once the CPU is known to have it, so the package needs
/// no build flags and the binary runs on any x86-64. (An AVX-512BW kernel was measured too: no
/// faster than SSE2 on this project's machines, as 512-bit instructions lower the clock.)
///
/// `INVOICEQL_KERNEL=words|sse2|avx2` in the environment picks a narrower default (for measuring
/// one against another through the command line); a kernel the machine lacks is never picked.
package enum ByteClassKernel: String, Sendable, CaseIterable {
  /// Eight bytes per 64-bit word: any architecture.
  case words
  /// Sixteen bytes per compare: every x86-64.
  case sse2
  /// Thirty-two bytes per compare, classes by a table lookup (`vpshufb`), the strings' prefix XOR
  /// by a carry-less multiplication.
  case avx2

  /// The kernel stage 1 runs: the best available, or the one `INVOICEQL_KERNEL` names.
  package static let selected: ByteClassKernel = {
    let available = Self.available
    if let name = getenv("INVOICEQL_KERNEL").map({ String(cString: $0) }),
      let chosen = ByteClassKernel(rawValue: name), available.contains(chosen)
    {
      return chosen
    }
    return available.last ?? .words
  }()

  /// The kernels this machine can run, narrowest first.
  package static let available: [ByteClassKernel] = {
    #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
      let flags = Int(iql_supported_kernels())
      var kernels: [ByteClassKernel] = [.words, .sse2]
      if flags & Int(IQL_KERNEL_AVX2) != 0 { kernels.append(.avx2) }
      return kernels
    #else
      return [.words]
    #endif
  }()
}
