import InvoiceQL

/// `invoiceql rewrite [--rules R] [--to P] [--in-place | -o OUT] FILE`: rewrites a file of saved
/// searches (rules, retargeting, simplification) and reports each search on stderr.
package enum RewriteCommand: Subcommand {
  package static let name = "rewrite"
  package static let usage = "rewrite [--rules R] [--to P] [--in-place | -o OUT] FILE"

  /// The long help: the file format and the rules schema.
  package static let help = """
    usage: invoiceql \(usage)

    FILE is a JSON array, or JSON Lines, of objects with a string "query" and optionally "name",
    "provider" and any other members. The output keeps every object, in order, byte for byte, except
    the "query" string of each rewritten search (and "provider" when retargeted with --to).
    Output goes to stdout, to OUT with -o, or back to FILE with --in-place (atomically: a temporary
    file in the same directory, flushed, then renamed; -o OUT likewise, unless OUT is not a regular
    file). The file is streamed: memory holds a batch of searches, whatever the file's size. An
    array file is checked whole first, so invalid JSON is reported (with its byte offset) before
    anything is written; a malformed line of JSON Lines is one failed search.

    --rules R   a JSON object of renames applied to each query's syntax tree:
                  {"fields": [{"from": "paymentStatusUpdatedDate",
                               "to": "paymentStatusUpdatedTime", "provider": "P"}],
                   "values": [{"field": "status", "from": "written off", "to": "writtenOff"}]}
                a field rule renames a dotted field (and every field below it); a value rule renames
                a value compared with `field` by =, !=, in, not in (matched case-insensitively);
                "provider" limits a rule to searches saved for that provider. Rules apply at once
                and may not chain (a rule's "to" renamed by another rule), so a rewrite is idempotent.
    --to P      retarget every search to provider P: canonical names where possible; a field or
                value P lacks is reported as an error for that search, never guessed.

    Every search is also simplified (redundant constraints merged) and one that can never match is
    flagged. Relative dates (today-30d) stay relative. A search that does not parse or bind keeps
    its text and is reported; the others go on. Exit status 1 when any search failed.
    """

  package static func run(_ context: CommandContext) async -> ExitStatus {
    let options: Options
    do {
      options = try Options(context.arguments)
    } catch {
      context.stderr.write("error: \(error.message)\nusage: invoiceql \(usage)\n")
      return .usage
    }
    if options.help {
      context.stdout.write(help + "\n")
      return .success
    }
    var rules = RewriteRules()
    if let path = options.rules {
      do {
        rules = try RewriteRules.parse(try AtomicFile.read(path))
      } catch let error as RulesError {
        context.stderr.write(error.problems.map { "error: \(path): \($0)\n" }.joined())
        return .failure
      } catch {
        context.stderr.write("error: \(error)\n")
        return .failure
      }
    }
    let destination: RewriteFile.Destination
    if options.inPlace {
      destination = .inPlace
    } else if let out = options.output {
      destination = .file(out)
    } else {
      destination = .stream { context.stdout.write(String(decoding: $0, as: UTF8.self)) }
    }
    let terminal = (context.stderr as? FileDescriptorSink)?.isTerminal == true
    var progressShown = false
    do {
      let stream = try RewriteFile.run(
        path: options.file, rewriter: SavedSearchRewriter(rules: rules, target: options.target),
        to: destination,
        report: { text in
          if progressShown {
            context.stderr.write("\r\u{1B}[K")
            progressShown = false
          }
          context.stderr.write(text)
        },
        progress: { done, total in
          guard terminal, (total ?? done) >= 200, done % 100 == 0 || done == total else { return }
          context.stderr.write("\rrewriting \(done)" + (total.map { "/\($0)" } ?? ""))
          progressShown = true
        })
      return stream.errorCount > 0 ? .failure : .success
    } catch let error as JSONStreamError {
      context.stderr.write("error: \(options.file): invalid JSON at byte \(error.byteOffset): \(error.message)\n")
      return .failure
    } catch {
      if progressShown { context.stderr.write("\r\u{1B}[K") }
      context.stderr.write("error: \(error)\n")
      return .failure
    }
  }

  struct Options {
    var rules: String?
    var target: String?
    var inPlace = false
    var output: String?
    var file = ""
    var help = false

    init(_ arguments: [String]) throws(UsageError) {
      var files: [String] = []
      var i = 0
      func value(_ flag: String) throws(UsageError) -> String {
        i += 1
        guard i < arguments.count else { throw UsageError("\(flag) needs a value") }
        return arguments[i]
      }
      while i < arguments.count {
        let a = arguments[i]
        switch a {
        case "--help", "-h": help = true
        case "--rules": rules = try value(a)
        case "--to": target = try value(a)
        case "--in-place", "-i": inPlace = true
        case "-o", "--output": output = try value(a)
        default:
          if a.hasPrefix("-") && a != "-" { throw UsageError("unknown option '\(a)'") }
          files.append(a)
        }
        i += 1
      }
      if help { return }
      if inPlace && output != nil { throw UsageError("--in-place and -o cannot be used together") }
      guard files.count == 1, let f = files.first else {
        throw UsageError(files.isEmpty ? "missing FILE" : "expected one FILE, got \(files.count)")
      }
      if let t = target {
        guard let named = Provider.named(t.lowercased()) else {
          throw UsageError(
            "unknown provider '\(t)' (expected one of \(Provider.names.joined(separator: ", ")))")
        }
        target = named.name
      }
      file = f
    }
  }
}
