#!/usr/bin/env bash
# Builds one libFuzzer target and runs it (Sources/Fuzz/README.md).
#
#   Sources/Fuzz/fuzz.sh TARGET [RUNS] [libFuzzer flags…]
#
# TARGET is query, response, import, saved-searches or pager. RUNS defaults to 1,000,000 executions
# (-1: until stopped). The build goes to .build-fuzz (not .build, so it never disturbs a normal
# build); the working corpus grows in .build-fuzz/corpus/TARGET, seeded from Sources/Fuzz/Corpus/TARGET,
# and a violating input is written to .build-fuzz/artifacts/TARGET/. Runs at low priority (nice 10).
set -euo pipefail
cd "$(cd "$(dirname "$0")/../.." && pwd -P)"
target=${1:?usage: Sources/Fuzz/fuzz.sh query|response|import|saved-searches|pager [RUNS] [libFuzzer flags…]}
runs=${2:-1000000}
shift $(($# < 2 ? $# : 2))
scratch=.build-fuzz
# libFuzzer's main replaces the replaying @main (INVOICEQL_FUZZING); Swift needs the coverage
# instrumentation spelled out for libFuzzer to see anything. SwiftPM orders the two sanitizers by a
# Set, which differs from run to run and would rebuild everything each time: deterministic hashing
# keeps the order, so a second build is incremental.
SWIFT_DETERMINISTIC_HASHING=1 nice -n 10 swift build -c release --scratch-path "$scratch" --product "fuzz-$target" \
  --sanitize fuzzer --sanitize address \
  -Xswiftc -DINVOICEQL_FUZZING -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp
mkdir -p "$scratch/corpus/$target" "$scratch/artifacts/$target"
# Swift's lazily initialised globals read as leaks when the process exits: no leak check at all.
ASAN_OPTIONS=detect_leaks=0 SWIFT_BACKTRACE=enable=no exec nice -n 10 "$scratch/release/fuzz-$target" \
  "$scratch/corpus/$target" "Sources/Fuzz/Corpus/$target" \
  -runs="$runs" -timeout=10 -rss_limit_mb=4096 -max_len=4096 -print_final_stats=1 -detect_leaks=0 \
  -artifact_prefix="$scratch/artifacts/$target/" "$@"
