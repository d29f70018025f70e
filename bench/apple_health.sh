#!/usr/bin/env bash
# Issue 16: Apple Health's export.xml read in under 10 s per GB on 2 cores, peak memory under
# 100 MB. `ONLY=apple bash bench/run.sh` runs this (or run it alone).
#
# Generates an export.xml of about 1 GB with `gen --format apple-health` (2.4 million records
# of heart rate, steps, energy and distance, then a year of workouts: a few hundred; under
# target/bench/, never committed), then times `concur analyze FILE --format json` RUNS times
# with /usr/bin/time (wall, user and system seconds, peak RSS) and prints the median wall time,
# the largest peak RSS, and `cat FILE > /dev/null` (the file read, nothing else) beside it.
#
# Environment: RUNS (default 5), APPLE_RECORDS (default 2400000: 1.0 GB).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
RECORDS=${APPLE_RECORDS:-2400000}
DIR=target/bench
mkdir -p "$DIR"

cargo build --release --quiet --bin concur --example gen
CONCUR=target/release/concur
GEN=target/release/examples/gen

file=$DIR/apple-health-$RECORDS.xml
[[ -s $file ]] || "$GEN" --format apple-health --rows "$RECORDS" --tz Europe/Berlin --out "$file" 2>/dev/null

echo "machine: $(nproc) cores, $(uname -m), $(rustc --version)"
echo "commit:  $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src Cargo.toml || echo ' (+ uncommitted changes in src)')"
echo "load before: $(uptime | sed 's/.*load average/load average/')"

analyze=("$CONCUR" analyze "$file" --goal strength --tz Europe/Berlin --format json --no-config)
sessions=$("${analyze[@]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["sessions"])')
# One run to bring the file into the page cache, as for cat.
"${analyze[@]}" >/dev/null
: >"$DIR/apple-time.txt"
for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %U %S %M' -a -o "$DIR/apple-time.txt" "${analyze[@]}" >/dev/null
done
cat "$file" >/dev/null
cat_s=$( { /usr/bin/time -f %e cat "$file" >/dev/null; } 2>&1 | tail -1)

python3 - "$file" "$sessions" "$cat_s" "$DIR/apple-time.txt" <<'EOF'
import os, statistics, sys
path, sessions, cat_s, times = sys.argv[1:]
runs = [list(map(float, line.split())) for line in open(times) if line.strip()]
wall = statistics.median(r[0] for r in runs)
user = statistics.median(r[1] for r in runs)
system = statistics.median(r[2] for r in runs)
rss = max(r[3] for r in runs) / 1024
mb = os.path.getsize(path) / 1e6
print()
print(f"{'input':<28} {'MB':>8} {'sessions':>9} {'wall_s':>7} {'user_s':>7} {'sys_s':>6} {'RSS_MB':>7} {'cat_s':>6} {'MB/s':>6}")
print(f"{'apple-health export.xml':<28} {mb:>8.1f} {sessions:>9} {wall:>7.2f} {user:>7.2f} {system:>6.2f} {rss:>7.1f} {float(cat_s):>6.2f} {mb / wall:>6.0f}")
print(f"runs: {len(runs)}, wall {min(r[0] for r in runs):.2f} to {max(r[0] for r in runs):.2f} s")
print("targets: 1 GB in under 10 s on 2 cores, peak RSS under 100 MB")
EOF
echo "load after: $(uptime | sed 's/.*load average/load average/')"
