#!/usr/bin/env bash
# Builds one libFuzzer target and runs it (Sources/Fuzz/README.md).
#
#   Sources/Fuzz/fuzz.sh TARGET [RUNS] [libFuzzer flags…]
#
# TARGET is query, response, import, saved-searches or pager. RUNS defaults to 1,000,000 executions
# (-1: until stopped). The build goes to .build-fuzz (not .build, so it never disturbs a normal
# build); the working corpus grows in .build-fuzz/corpus/TARGET, seeded from Sources/Fuzz/Corpus/TARGET,
# and a violating input is written to .build-fuzz/artifacts/TARGET/. Runs at low priority (nice 10).
# Each run's executions and outcome are appended to .build-fuzz/runs.log (Sources/Fuzz/README.md), its
# output kept in .build-fuzz/logs/. Flags after RUNS go to libFuzzer and override the defaults: on a
# machine busy with builds, -timeout=120 keeps a starved input from reading as a hang.
#
# FUZZ_ASAN=0 builds without AddressSanitizer (into .build-fuzz/noasan) for volume: Swift is memory
# safe outside its unsafe pointers, so ASan mostly guards the few of those; the runs share one corpus.
set -euo pipefail
cd "$(cd "$(dirname "$0")/../.." && pwd -P)"
target=${1:?usage: Sources/Fuzz/fuzz.sh query|response|import|saved-searches|pager [RUNS] [libFuzzer flags…]}
runs=${2:-1000000}
shift $(($# < 2 ? $# : 2))
scratch=.build-fuzz
sanitizers=(--sanitize fuzzer --sanitize address)
build=$scratch
mode=asan
if [[ "${FUZZ_ASAN:-1}" == 0 ]]; then
  sanitizers=(--sanitize fuzzer)
  build=$scratch/noasan
  mode=noasan
fi
# libFuzzer's main replaces the replaying @main (INVOICEQL_FUZZING); Swift needs the coverage
# instrumentation spelled out for libFuzzer to see anything. SwiftPM orders the two sanitizers by a
# Set, which differs from run to run and would rebuild everything each time: deterministic hashing
# keeps the order, so a second build is incremental.
SWIFT_DETERMINISTIC_HASHING=1 nice -n 10 swift build -c release --scratch-path "$build" --product "fuzz-$target" \
  "${sanitizers[@]}" \
  -Xswiftc -DINVOICEQL_FUZZING -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp
mkdir -p "$scratch/corpus/$target" "$scratch/artifacts/$target" "$scratch/logs"
# One log per run: two runs of a target at once (or one still exiting) must not read each other's figures.
log=$scratch/logs/$target-$mode-$(date -u +%Y%m%dT%H%M%SZ)-$$.log
status=0
# Swift's lazily initialised globals read as leaks when the process exits: no leak check at all.
ASAN_OPTIONS=detect_leaks=0 SWIFT_BACKTRACE=enable=no nice -n 10 "$build/release/fuzz-$target" \
  "$scratch/corpus/$target" "Sources/Fuzz/Corpus/$target" \
  -runs="$runs" -timeout=10 -rss_limit_mb=4096 -max_len=4096 -print_final_stats=1 -detect_leaks=0 \
  -artifact_prefix="$scratch/artifacts/$target/" "$@" 2>&1 | tee "$log" || status=$?
executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
outcome=$(grep -q -e '^property violated' -e 'ERROR: libFuzzer' -e 'ERROR: AddressSanitizer' "$log" && echo finding || echo clean)
printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$target" "$mode" "${executions:-?}" "${rate:-?}" "$outcome" \
  >> "$scratch/runs.log"
exit "$status"
