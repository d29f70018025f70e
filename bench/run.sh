#!/usr/bin/env bash
# The benchmark suite of issue 5: `bash bench/run.sh` (see bench/RESULTS.md).
#
# For a Strong export of 10k, 100k and 1M set rows, alone and merged with the same athlete's
# Strava export, prints the wall time (median of several runs) and peak RSS of
# `concur analyze --format json`, the time of a bare csv-crate record count of the same files
# (examples/csv_count.rs: the practical floor), of `cat FILES > /dev/null` (the physical floor)
# and of the pandas script bench/reference.py, with the ratios the issue's targets are about.
# Then, for issue 12, that JSON import is linear: for a generic log of 10k and 100k sessions,
# the time of `concur analyze` on concur's own CSV (`gen --format generic`) and on the same
# sessions as concur's own JSON (`gen --format generic-json`), and their ratio (target: the JSON
# within 3 times the CSV). Then the wall time of a 50k-row export, start-up included.
#
# Environment: RUNS (timed runs per command, default 5), PANDAS_RUNS (default 3), SIZES
# (default "10000 100000 1000000"), SESSIONS (sessions of the JSON-import rows, default
# "10000 100000"), SKIP_PANDAS=1 to leave pandas out, ONLY=json to run only the JSON-import
# rows (no Strong table, no pandas, no 50k line); those rows need jq; ONLY=apple to run only
# the export.xml benchmark of issue 16 (bench/apple_health.sh). Uses hyperfine where it
# is installed (Debian package `hyperfine`), else a loop with /usr/bin/time (which reads only to
# 10 ms: install hyperfine for the small files). Installs pandas
# into a venv under target/ when the system python has none. Generated files go to
# target/bench/ and are never committed.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
PANDAS_RUNS=${PANDAS_RUNS:-3}
SIZES=${SIZES:-"10000 100000 1000000"}
SESSIONS=${SESSIONS:-"10000 100000"}
ONLY=${ONLY:-}
# Issue 16: Apple Health's export.xml, its own script.
if [[ $ONLY == apple ]]; then
    exec bash bench/apple_health.sh
fi
if [[ -n $ONLY && $ONLY != json ]]; then
    echo "ONLY=$ONLY: the parts that run alone are ONLY=json and ONLY=apple" >&2
    exit 2
fi
DIR=target/bench
mkdir -p "$DIR"

cargo build --release --quiet --bin concur --example gen --example csv_count
CONCUR=target/release/concur
GEN=target/release/examples/gen
COUNT=target/release/examples/csv_count

if [[ ${SKIP_PANDAS:-0} != 1 && $ONLY != json ]]; then
    if python3 -c 'import pandas' 2>/dev/null; then
        PY=python3
    else
        if [[ ! -x $DIR/venv/bin/python ]] || ! "$DIR/venv/bin/python" -c 'import pandas' 2>/dev/null; then
            echo "installing pandas into $DIR/venv ..." >&2
            python3 -m venv "$DIR/venv"
            "$DIR/venv/bin/pip" install --quiet pandas
        fi
        PY=$DIR/venv/bin/python
    fi
fi

# Median wall seconds of a command run $2 times (after one warm-up run); output discarded.
median_seconds() {
    local cmd=$1 runs=$2
    if command -v hyperfine >/dev/null; then
        hyperfine --shell=none --warmup 1 --runs "$runs" --style none \
            --export-json "$DIR/hf.json" "$cmd" >/dev/null 2>&1
        python3 -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$DIR/hf.json"
    else
        # shellcheck disable=SC2086
        $cmd >/dev/null 2>&1 || true
        local times=()
        for _ in $(seq "$runs"); do
            # shellcheck disable=SC2086
            /usr/bin/time -f %e -o "$DIR/time.txt" $cmd >/dev/null 2>&1 || true
            times+=("$(tail -1 "$DIR/time.txt")")
        done
        printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
    fi
}

# Median peak RSS in MB of three runs.
peak_mb() {
    local cmd=$1
    for _ in 1 2 3; do
        # shellcheck disable=SC2086
        /usr/bin/time -f %M -o "$DIR/rss.txt" $cmd >/dev/null 2>&1 || true
        tail -1 "$DIR/rss.txt"
    done | sort -n | awk '{a[NR]=$1} END {printf "%.1f\n", a[2] / 1024}'
}

ratio() { python3 -c 'import sys; a, b = map(float, sys.argv[1:]); print("%.1f" % (a / b) if b > 0 else "-")' "$1" "$2"; }

echo "machine: $(nproc) cores, $(uname -m), $(rustc --version)"
echo "commit:  $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src Cargo.toml || echo ' (+ uncommitted changes in src)')"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
echo

ANALYZE="analyze --goal strength --tz UTC --format json --no-config"

# The sessions concur finds in a file (its report's summary.sessions).
sessions_in() {
    # shellcheck disable=SC2086
    "$CONCUR" $ANALYZE "$1" | jq '.summary.sessions'
}

# The --rows of `gen` that give about $1 sessions: sessions per row change with the history's
# density, so a guess is scaled by what it gave until it is within 2 % (at most four tries).
# Leaves the JSON of the rows chosen in $DIR.
rows_for_sessions() {
    local want=$1 rows=$(($1 * 11)) got file
    for _ in 1 2 3 4; do
        file=$DIR/generic-$rows.json
        [[ -s $file ]] || "$GEN" --format generic-json --rows "$rows" --out "$file" 2>/dev/null
        got=$(sessions_in "$file")
        if ((got * 50 >= want * 49 && got * 50 <= want * 51)); then
            break
        fi
        rows=$((rows * want / got))
    done
    echo "$rows"
}

if [[ $ONLY != json ]]; then
    printf '%-22s %8s %9s %8s %9s %8s %9s %10s %14s\n' \
        input MB concur_s RSS_MB csv_s cat_s pandas_s concur/csv pandas/concur
    for rows in $SIZES; do
        strong=$DIR/strong-$rows.csv
        strava=$DIR/strava-$rows.csv
        [[ -s $strong ]] || "$GEN" --format strong --rows "$rows" --out "$strong" 2>/dev/null
        [[ -s $strava ]] || "$GEN" --format strava --rows "$rows" --out "$strava" 2>/dev/null
        for files in "$strong" "$strong $strava"; do
            label="strong $rows"
            [[ $files == *strava* ]] && label="$label+strava"
            mb=$(du -cb $files | tail -1 | awk '{printf "%.1f", $1 / 1e6}')
            concur_s=$(median_seconds "$CONCUR $ANALYZE $files" "$RUNS")
            rss=$(peak_mb "$CONCUR $ANALYZE $files")
            csv_s=$(median_seconds "$COUNT $files" "$RUNS")
            cat_s=$(median_seconds "cat $files" "$RUNS")
            pandas_s=-
            if [[ ${SKIP_PANDAS:-0} != 1 ]]; then
                pandas_s=$(median_seconds "$PY bench/reference.py $files" "$PANDAS_RUNS")
            fi
            printf '%-22s %8s %9s %8s %9s %8s %9s %10s %14s\n' "$label" "$mb" "$concur_s" "$rss" \
                "$csv_s" "$cat_s" "$pandas_s" "$(ratio "$concur_s" "$csv_s")" \
                "$( [[ $pandas_s == - ]] && echo - || ratio "$pandas_s" "$concur_s")"
        done
    done
    echo
fi

# Issue 12: JSON import in linear time. The same sessions as concur's CSV set log and as its
# JSON (one object a session, its sets inside).
printf '%-22s %9s %9s %8s %9s %8s %9s\n' input sessions csv_MB csv_s json_MB json_s json/csv
for want in $SESSIONS; do
    rows=$(rows_for_sessions "$want")
    csv=$DIR/generic-$rows.csv
    json=$DIR/generic-$rows.json
    [[ -s $json ]] || "$GEN" --format generic-json --rows "$rows" --out "$json" 2>/dev/null
    [[ -s $csv ]] || "$GEN" --format generic --rows "$rows" --out "$csv" 2>/dev/null
    sessions=$(sessions_in "$json")
    csv_sessions=$(sessions_in "$csv")
    if [[ $csv_sessions != "$sessions" ]]; then
        echo "warning: $csv holds $csv_sessions sessions, $json $sessions" >&2
    fi
    csv_mb=$(du -b "$csv" | awk '{printf "%.1f", $1 / 1e6}')
    json_mb=$(du -b "$json" | awk '{printf "%.1f", $1 / 1e6}')
    csv_s=$(median_seconds "$CONCUR $ANALYZE $csv" "$RUNS")
    json_s=$(median_seconds "$CONCUR $ANALYZE $json" "$RUNS")
    printf '%-22s %9s %9s %8s %9s %8s %9s\n' "generic $rows rows" "$sessions" "$csv_mb" \
        "$csv_s" "$json_mb" "$json_s" "$(ratio "$json_s" "$csv_s")"
done
echo "target: json/csv <= 3 (linear JSON import)"

if [[ $ONLY != json ]]; then
    echo
    small=$DIR/strong-50000.csv
    [[ -s $small ]] || "$GEN" --format strong --rows 50000 --out "$small" 2>/dev/null
    ms=$(median_seconds "$CONCUR $ANALYZE $small" "$((RUNS * 2))")
    echo "50k-row Strong export, wall time with start-up: $(python3 -c "print('%.1f ms' % (float('$ms') * 1000))") (target: under 50 ms)"
    echo "targets at 1M rows: concur/csv <= 2, pandas/concur >= 20, RSS < 64 MB"
fi
echo "load after: $(uptime | sed 's/.*load average/load average/')"
