#!/usr/bin/env bash
# Loading speed: `looplens validate` of a synthetic 1 M-event trace against Python's orjson (one
# `orjson.loads` per line) and, when libsimdjson-dev is installed, simdjson's On Demand API, best of
# 3 each, as a table. Usage: Scripts/compare-load.sh [EVENTS] (default 1000000). See
# docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-1000000}
work=${TMPDIR:-/tmp}/looplens-compare-load
mkdir -p "$work"
trace=$work/trace-$events.jsonl

swift build -c release --product looplens >/dev/null
swift build -c release --package-path Benchmarks --product looplens-generate >/dev/null
[ -f "$trace" ] || Benchmarks/.build/release/looplens-generate trace --events "$events" --tasks 5000 -o "$trace"
bytes=$(stat -c %s "$trace")

python3 -c 'import orjson' 2>/dev/null || python3 -m pip install --quiet orjson 2>/dev/null ||
    python3 -m pip install --quiet --break-system-packages orjson
cat >"$work/orjson-load.py" <<'PY'
import sys, time, orjson
start = time.perf_counter()
with open(sys.argv[1], "rb") as f:
    for line in f:
        orjson.loads(line)
print(f"{time.perf_counter() - start:.3f}")
PY

simdjson=""
if [ -f /usr/include/simdjson.h ]; then
    g++ -O2 -std=c++17 -o "$work/simdjson-load" Scripts/simdjson-load.cpp -lsimdjson && simdjson=$work/simdjson-load
fi

# Best of 3 wall-clock seconds of a command that prints nothing we need.
best_of_3() {
    local best=""
    for _ in 1 2 3; do
        local start end seconds
        start=$(date +%s.%N)
        "$@" >/dev/null
        end=$(date +%s.%N)
        seconds=$(echo "$end - $start" | bc -l)
        if [ -z "$best" ] || (($(echo "$seconds < $best" | bc -l))); then best=$seconds; fi
    done
    printf '%.3f' "$best"
}

# Best of 3 of the seconds a command prints as the first word of its output.
best_reported_of_3() {
    local best=""
    for _ in 1 2 3; do
        local seconds
        seconds=$("$@" | awk '{print $1}')
        if [ -z "$best" ] || (($(echo "$seconds < $best" | bc -l))); then best=$seconds; fi
    done
    printf '%.3f' "$best"
}

looplens=$(best_of_3 .build/release/looplens validate "$trace")
orjson=$(best_reported_of_3 python3 "$work/orjson-load.py" "$trace")
row() { printf '| %-44s | %7s s | %6.0f MB/s | %5.2f× |\n' "$1" "$2" "$(echo "$bytes / $2 / 1000000" | bc -l)" "$(echo "$orjson / $2" | bc -l)"; }
echo "$(grep -c '' "$trace") lines, $((bytes / 1000000)) MB: $trace"
echo
echo "| reader                                       |    time   |    speed    | vs orjson |"
echo "|---|---|---|---|"
row "looplens validate (whole command)" "$looplens"
row "Python orjson.loads per line (reading only)" "$orjson"
[ -z "$simdjson" ] || row "simdjson On Demand (reading only)" "$(best_reported_of_3 "$simdjson" "$trace")"
