#!/usr/bin/env bash
# Dashboard benchmark: the runs table with 10,000 runs next to the same with 100 (the baseline),
# through the real server over HTTP (bench/dashboard/RunsTableBench.java): newest first, sorted by a
# metric, filtered by status and a metric range and sorted by the overfitting gap, a text search, and
# a page deep in the list; each asked REPEATS (30) times, median and p95 in milliseconds. The
# database does the filtering, sorting and paging, so a page should cost about the same whatever
# the number of runs.
#
# The last line is
#   page_ms_10k=<median of the five queries' medians at 10,000 runs> page_ms_100=<the same at 100>
#   ratio=<10k / 100> p95_ms_10k=<worst p95 at 10,000>
#
# Usage: bench/dashboard.sh   Environment: RUNS (10000), EPOCHS (5), REPEATS (30). Filling 10,000
# runs through the store takes a minute or two; the queries take seconds.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-10000}"
EPOCHS="${EPOCHS:-5}"
REPEATS="${REPEATS:-30}"
source "$ROOT/bench/lib.sh"  # DIST, JAR, make_work, build_if_missing, freeze_dist
make_work dashboard
build_if_missing
mkdir -p "$WORK/lib" && cp "$DIST"/lib/*.jar "$JAR" "$WORK/lib/"
for n in 100 "$RUNS"; do
  echo "[dashboard] $n runs..." >&2
  java -Xmx1g -cp "$WORK/lib/*" bench/dashboard/RunsTableBench.java "$WORK/home-$n" "$n" "$EPOCHS" "$REPEATS" >>"$WORK/rows.txt"
done
python3 - "$WORK/rows.txt" "$RUNS" <<'PY'
import statistics, sys
rows = [dict(kv.split("=") for kv in line.split()) for line in open(sys.argv[1])]
big = sys.argv[2]
print("\n%-16s %12s %10s %12s %10s" % ("query", "100: median", "p95", big + ": median", "p95"))
for q in [r["query"] for r in rows if r["runs"] == "100"]:
    a = next(r for r in rows if r["runs"] == "100" and r["query"] == q)
    b = next(r for r in rows if r["runs"] == big and r["query"] == q)
    print("%-16s %12s %10s %12s %10s" % (q, a["median_ms"], a["p95_ms"], b["median_ms"], b["p95_ms"]))
small = statistics.median(float(r["median_ms"]) for r in rows if r["runs"] == "100")
large = statistics.median(float(r["median_ms"]) for r in rows if r["runs"] == big)
worst = max(float(r["p95_ms"]) for r in rows if r["runs"] == big)
print("page_ms_10k=%.2f page_ms_100=%.2f ratio=%.2f p95_ms_10k=%.2f" % (large, small, large / small, worst))
PY
