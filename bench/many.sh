#!/usr/bin/env bash
# Issue 16's bench: many small files at once (bench/RESULTS.md, "Issue 16"). `bash bench/many.sh`
#
# Makes N activity files (default 1000) of each kind concur reads in a folder and times
# `concur analyze FOLDER --format json` on them: concur's own CSV one activity a file
# (`gen --files N --format generic`), the same gzipped (`.csv.gz`, as Strava's archive keeps its
# activity files), the gzipped ones in one zip archive, Strava GPX tracks (`gen --format gpx`),
# and FIT files: the real FIT files of ../shared/real-exports/fit (or of FIT_DIR) copied round
# to N files, plain and gzipped. A kind concur does not read yet (GPX or FIT before their
# importers) is reported as not read and not timed. Each is timed on both cores and on one
# (`taskset -c 0`), which is what reading the files one after the other costs; the fastest run
# and the median are given, as other work on a shared machine slows the median.
#
# Environment: N (files, default 1000), RUNS (hyperfine runs, default 5), FIT_DIR (a folder of
# .fit files). Uses hyperfine (Debian package `hyperfine`) and /usr/bin/time (peak RSS).
# Generated files go to target/bench/many/ and are never committed.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-1000}
RUNS=${RUNS:-5}
FIT_DIR=${FIT_DIR:-../shared/real-exports/fit}
DIR=target/bench/many
cargo build --release --quiet --bin concur --example gen
CONCUR=$PWD/target/release/concur
GEN=$PWD/target/release/examples/gen

rm -rf "$DIR"
mkdir -p "$DIR"
"$GEN" --format generic --files "$N" --out "$DIR/csv" 2>/dev/null
"$GEN" --format generic --files "$N" --gz --out "$DIR/csv-gz" 2>/dev/null
"$GEN" --format gpx --files "$N" --out "$DIR/gpx" 2>/dev/null
(cd "$DIR/csv-gz" && python3 -m zipfile -c ../activities.zip .) >/dev/null
if compgen -G "$FIT_DIR/*.fit" > /dev/null; then
    mkdir -p "$DIR/fit" "$DIR/fit-gz"
    mapfile -t fits < <(ls "$FIT_DIR"/*.fit)
    for ((i = 0; i < N; i++)); do
        src=${fits[$((i % ${#fits[@]}))]}
        cp "$src" "$DIR/fit/$((1000000 + i)).fit"
    done
    cp "$DIR"/fit/*.fit "$DIR/fit-gz/"
    gzip -q "$DIR"/fit-gz/*.fit
fi

echo "| input | files | size | read | wall, 2 cores (min / median) | wall, 1 core (min / median) | CPU (user+sys) | peak RSS |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for input in csv csv-gz activities.zip gpx fit fit-gz; do
    path=$DIR/$input
    [[ -e $path ]] || continue
    files=$(find "$path" -type f | wc -l)
    size=$(du -sh --apparent-size "$path" | cut -f1)
    args=(analyze "$path" --goal strength --tz UTC --no-config --format json)
    if ! "$CONCUR" "${args[@]}" > "$DIR/out.json" 2> "$DIR/err.txt"; then
        echo "| $input | $files | $size | not read: $(head -c 120 "$DIR/err.txt") | | | | |"
        continue
    fi
    read_files=$(python3 -c "import json,sys; print(len(json.load(open('$DIR/out.json'))['files']))")
    if [[ $read_files == 0 ]]; then
        echo "| $input | $files | $size | none | | | | |"
        continue
    fi
    two=$(hyperfine -N -w 1 -r "$RUNS" --export-json "$DIR/two.json" \
        "$CONCUR ${args[*]}" > /dev/null && python3 -c "import json; r=json.load(open('$DIR/two.json'))['results'][0]; print('%.2f / %.2f s' % (r['min'], r['median']))")
    one=$(hyperfine -N -w 1 -r "$RUNS" --export-json "$DIR/one.json" \
        "taskset -c 0 $CONCUR ${args[*]}" > /dev/null && python3 -c "import json; r=json.load(open('$DIR/one.json'))['results'][0]; print('%.2f / %.2f s' % (r['min'], r['median']))")
    usage=$( { /usr/bin/time -f "%U %S %M" "$CONCUR" "${args[@]}" > /dev/null; } 2>&1 | tail -1)
    read -r user sys rss <<< "$usage"
    cpu=$(python3 -c "print('%.2f s' % ($user + $sys))")
    echo "| $input | $files | $size | $read_files | $two | $one | $cpu | $((rss / 1024)) MB |"
done
