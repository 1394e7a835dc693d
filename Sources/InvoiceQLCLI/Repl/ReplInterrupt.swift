import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Ctrl-C in the interactive REPL: it cancels the line being typed or stops the running query,
/// and never leaves the REPL (Ctrl-D or :quit do).
///
/// The SIGINT handler only sets a flag (all a signal handler may safely do); it is installed
/// without `SA_RESTART`, so a blocking `read(2)` returns `EINTR` and the line reader notices at
/// once. Queries check the flag between chunks and pages.
package enum ReplInterrupt {
  private static let flag = Atomic<Bool>(false)

  /// Whether Ctrl-C was pressed since the last `reset()`.
  package static var isSet: Bool { flag.load(ordering: .relaxed) }

  package static func reset() { flag.store(false, ordering: .relaxed) }

  /// Sets the flag as Ctrl-C does (for tests and for the handler).
  package static func raise() { flag.store(true, ordering: .relaxed) }

  /// Installs the handler for the rest of the process.
  package static func install() {
    var action = sigaction()
    #if canImport(Glibc)
      action.__sigaction_handler.sa_handler = { _ in ReplInterrupt.raise() }
    #else
      action.__sigaction_u.__sa_handler = { _ in ReplInterrupt.raise() }
    #endif
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(SIGINT, &action, nil)
  }
}
