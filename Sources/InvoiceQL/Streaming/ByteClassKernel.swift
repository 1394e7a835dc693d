#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import InvoiceQLSIMD

/// Which code turns 64 bytes into `StructuralIndexer.Classes`: the widest instruction set this
/// machine has. Every kernel gives the same classes; only the speed differs.
///
/// The AVX2 and AVX-512BW kernels are C (`InvoiceQLSIMD`) because Swift has no per-function target
/// features: each is compiled for its instruction set alone and called only once the CPU is known
/// to have it, so the package needs no build flags and the binary runs on any x86-64.
///
/// `INVOICEQL_KERNEL=words|sse2|avx2|avx512bw` in the environment picks a narrower kernel (for
/// measuring one against another); a kernel the machine lacks is never picked.
enum ByteClassKernel: String, Sendable, CaseIterable {
  /// Eight bytes per 64-bit word: any architecture.
  case words
  /// Sixteen bytes per compare: every x86-64.
  case sse2
  /// Thirty-two bytes per compare, classes by a table lookup (`vpshufb`).
  case avx2
  /// The 64 bytes at once, each class straight into a 64-bit mask.
  case avx512bw

  /// The kernel stage 1 runs: the best available, or the one `INVOICEQL_KERNEL` names.
  static let selected: ByteClassKernel = {
    let available = Self.available
    if let name = getenv("INVOICEQL_KERNEL").map({ String(cString: $0) }),
      let chosen = ByteClassKernel(rawValue: name), available.contains(chosen)
    {
      return chosen
    }
    return available.last ?? .words
  }()

  /// The kernels this machine can run, narrowest first.
  static let available: [ByteClassKernel] = {
    #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
      let flags = Int(iql_supported_kernels())
      var kernels: [ByteClassKernel] = [.words, .sse2]
      if flags & Int(IQL_KERNEL_AVX2) != 0 { kernels.append(.avx2) }
      if flags & Int(IQL_KERNEL_AVX512BW) != 0 { kernels.append(.avx512bw) }
      return kernels
    #else
      return [.words]
    #endif
  }()
}
