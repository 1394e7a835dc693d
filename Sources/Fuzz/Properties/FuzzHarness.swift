import Foundation

/// A property that does not hold for one input: what was expected and what happened.
package struct PropertyViolation: Error, Sendable, CustomStringConvertible {
  package var description: String
  package init(_ description: String) { self.description = description }
}

/// One property over a fuzz input's bytes; it throws when the property does not hold.
package typealias FuzzProperty = @Sendable ([UInt8]) throws(PropertyViolation) -> Void

/// What the fuzz executables and the corpus tests share: the libFuzzer entry point's body, the
/// corpus folders, and the main of a normal (non-libFuzzer) build, which replays a corpus.
package enum FuzzHarness {
  /// The body of `LLVMFuzzerTestOneInput`: a violated property is reported on stderr and aborts the
  /// process, so libFuzzer keeps the input as a crash.
  package static func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int, _ property: FuzzProperty)
    -> CInt
  {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
      try property(bytes)
    } catch {
      FileHandle.standardError.write(Data("property violated: \(error.description)\n".utf8))
      abort()
    }
    return 0
  }

  /// `Sources/Fuzz/Corpus/<target>`, the committed seed corpus of one fuzz target.
  package static func corpusDirectory(_ target: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Corpus").appendingPathComponent(target)
  }

  /// The files of a corpus folder (or the one file named), by name; dot files are skipped.
  package static func inputs(at url: URL) throws -> [(name: String, bytes: [UInt8])] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
      throw PropertyViolation("no corpus at \(url.path)")
    }
    guard isDirectory.boolValue else {
      return [(url.lastPathComponent, Array(try Data(contentsOf: url)))]
    }
    let names = try FileManager.default.contentsOfDirectory(atPath: url.path)
      .filter { !$0.hasPrefix(".") }.sorted()
    return try names.map { ($0, Array(try Data(contentsOf: url.appendingPathComponent($0)))) }
  }

  /// The main of a normal build: replays the files and folders named on the command line (the
  /// target's committed corpus when none is) through `property`; exit status 1 on any violation.
  package static func replayMain(target: String, _ property: FuzzProperty) -> Never {
    let paths = CommandLine.arguments.dropFirst().filter { !$0.hasPrefix("-") }
    let urls = paths.isEmpty ? [corpusDirectory(target)] : paths.map { URL(fileURLWithPath: $0) }
    var replayed = 0
    var failed = 0
    for url in urls {
      let inputs: [(name: String, bytes: [UInt8])]
      do {
        inputs = try Self.inputs(at: url)
      } catch {
        FileHandle.standardError.write(Data("\(target): cannot read \(url.path): \(error)\n".utf8))
        exit(2)
      }
      for input in inputs {
        replayed += 1
        do {
          try property(input.bytes)
        } catch {
          failed += 1
          FileHandle.standardError.write(Data("\(target): \(input.name): \(error.description)\n".utf8))
        }
      }
    }
    FileHandle.standardOutput.write(
      Data("\(target): \(replayed) inputs replayed, \(failed) violations\n".utf8))
    exit(failed == 0 ? 0 : 1)
  }
}

/// Reads a fuzz input as a few choices followed by a payload, never running out: a choice past
/// the end reads as zero, so every input, even the empty one, is a valid case.
package struct FuzzReader {
  package private(set) var bytes: ArraySlice<UInt8>
  package init(_ bytes: [UInt8]) { self.bytes = bytes[...] }

  /// The next byte (0 at the end).
  package mutating func byte() -> UInt8 { bytes.popFirst() ?? 0 }

  /// One of `choices`, picked by the next byte.
  package mutating func pick<T>(_ choices: [T]) -> T { choices[Int(byte()) % choices.count] }

  /// Whatever is left.
  package mutating func rest() -> [UInt8] {
    defer { bytes = [] }
    return Array(bytes)
  }
}
