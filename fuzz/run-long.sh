#!/bin/sh
# The long fuzz runs: each target in turn (one core), 10 million executions each, starting from
# the corpus the short runs left in fuzz/corpus/. Logs go to $LOGS (default /tmp/fuzz-logs);
# each finished target adds a line to fuzz/RESULTS.md. Run from the repository root:
#
#   nohup fuzz/run-long.sh > /dev/null 2>&1 &
#
# Give target names as arguments to run only those (to continue after an interruption, name the
# ones not yet in RESULTS.md).
set -u
LOGS=${LOGS:-/tmp/fuzz-logs}
RUNS=${RUNS:-10000000}
mkdir -p "$LOGS"
cd "$(dirname "$0")/.."
TARGETS=${*:-generic_csv generic_json strong hevy fitnotes strava garmin fitbod peloton concept2 runkeeper trainingpeaks whoop healthexport detect end_to_end}
# Without AddressSanitizer (no unsafe code in concur) and without comparison tracing: several
# times faster, which is what makes 10 million executions per target fit in hours, not days.
FLAGS="-s none -a --no-trace-compares --target-dir fuzz/target-long"
RUSTC_BOOTSTRAP=1 cargo fuzz build $FLAGS > "$LOGS/long-build.log" 2>&1 || exit 1
# The binaries are run directly, not through `cargo fuzz run`, which would build again before
# each target: an edit to the source made meanwhile would change (or break) the later runs.
BIN=fuzz/target-long/$(rustc -vV | sed -n 's/^host: //p')/release
for t in $TARGETS; do
  log="$LOGS/long-$t-$(date -u +%H%M).log"
  start=$(date -u +%Y-%m-%dT%H:%MZ)
  marker="$LOGS/long-$t.start"
  touch "$marker"
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  "$BIN/$t" -artifact_prefix="fuzz/artifacts/$t/" \
    -runs="$RUNS" -max_total_time=172800 -max_len=8192 -print_final_stats=1 \
    "fuzz/corpus/$t" > "$log" 2>&1
  code=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  found=$(find "fuzz/artifacts/$t" -type f -newer "$marker" 2>/dev/null | wc -l)
  if [ "$code" -eq 0 ] && [ "$found" -eq 0 ]; then finding="none"; else finding="exit $code, $found new files in fuzz/artifacts/$t/, see $log"; fi
  echo "| \`$t\` | $start | ${execs:-?} | ${rate:-?} | $finding |" >> fuzz/RESULTS.md
done
