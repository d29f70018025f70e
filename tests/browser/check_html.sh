#!/usr/bin/env bash
# Checks the HTML report as a person would see it: builds concur, renders the report of the sample
# month, opens it in headless Chromium, and compares the DOM Chromium built with the JSON report of
# the same run (every day and every pair, by its data attributes, with the right rule and verdict).
# Also takes screenshots at a desktop and a phone width and prints the page to PDF.
#
#   tests/browser/check_html.sh                      # check; files land in target/browser-check/
#   UPDATE_SCREENSHOT=1 tests/browser/check_html.sh  # also refresh docs/report.png for the README
#
# Exits 0 with a message when Chromium (or python3) is not installed; non-zero on a mismatch.
set -euo pipefail
cd "$(dirname "$0")/../.."

chromium_bin=${CHROMIUM:-}
if [ -z "$chromium_bin" ]; then
    for name in chromium chromium-browser google-chrome; do
        if command -v "$name" >/dev/null 2>&1; then
            chromium_bin=$(command -v "$name")
            break
        fi
    done
fi
if [ -z "$chromium_bin" ]; then
    echo "check_html: skipped: chromium is not installed (apt-get install chromium)"
    exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "check_html: skipped: python3 is not installed"
    exit 0
fi

out=${OUT_DIR:-target/browser-check}
mkdir -p "$out"
out=$(cd "$out" && pwd)
profiles=$(mktemp -d)
trap 'rm -rf "$profiles"' EXIT

cargo build --quiet --bin concur
concur="${CARGO_TARGET_DIR:-target}/debug/concur"

args=(sample-data/month.csv --goal strength --tz Europe/Berlin)
"$concur" analyze "${args[@]}" --format json >"$out/report.json"
"$concur" analyze "${args[@]}" --format html --output "$out/report.html"
url="file://$out/report.html"

# One fresh profile per run; the flags keep Chromium off the network (the page needs none).
n=0
chrome() {
    n=$((n + 1))
    timeout 180 "$chromium_bin" --headless --no-sandbox --disable-gpu --disable-quic \
        --disable-background-networking --disable-component-update --disable-sync \
        --no-first-run --hide-scrollbars --user-data-dir="$profiles/$n" "$@" \
        2>>"$out/chromium.log"
}

echo "check_html: $("$chromium_bin" --version 2>/dev/null | head -n1)"
chrome --dump-dom "$url" >"$out/dom.html"
python3 tests/browser/check_dom.py "$out/report.json" "$out/dom.html"

# The checker must see a wrong verdict: the same DOM with one pair's verdict changed must fail.
sed '0,/class="pair conflict" data-pair="\([0-9-]*\)" data-rule="\([A-Z0-9]*\)" data-verdict="conflict"/s//class="pair conflict" data-pair="\1" data-rule="\2" data-verdict="aligned"/' \
    "$out/dom.html" >"$out/dom-tampered.html"
if cmp -s "$out/dom.html" "$out/dom-tampered.html"; then
    echo "check_html: FAILED: found no conflict pair to tamper with for the checker's self-test"
    exit 1
fi
if python3 tests/browser/check_dom.py "$out/report.json" "$out/dom-tampered.html" >"$out/tampered.txt"; then
    echo "check_html: FAILED: the checker accepted a page with a wrong verdict"
    exit 1
fi
echo "check_html: OK: the checker rejects a page with one verdict changed"

chrome --window-size=1100,1500 --screenshot="$out/report-desktop.png" "$url" >/dev/null
chrome --window-size=390,2400 --screenshot="$out/report-phone.png" "$url" >/dev/null
chrome --no-pdf-header-footer --print-to-pdf="$out/report.pdf" "$url" >/dev/null
for f in report-desktop.png report-phone.png report.pdf; do
    if [ ! -s "$out/$f" ]; then
        echo "check_html: FAILED: Chromium made no $f (see $out/chromium.log)"
        exit 1
    fi
done
if [ "$(head -c 8 "$out/report-desktop.png" | od -An -tx1 | tr -d ' \n')" != 89504e470d0a1a0a ] ||
    [ "$(head -c 5 "$out/report.pdf")" != "%PDF-" ]; then
    echo "check_html: FAILED: the screenshot is not a PNG or the print is not a PDF"
    exit 1
fi
echo "check_html: OK: screenshots and print in $out (report-desktop.png, report-phone.png, report.pdf)"

if [ "${UPDATE_SCREENSHOT:-}" = 1 ]; then
    cp "$out/report-desktop.png" docs/report.png
    echo "check_html: updated docs/report.png"
fi
