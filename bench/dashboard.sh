#!/usr/bin/env bash
# Dashboard benchmark at scale: RUNS runs of EPOCHS epochs plus one sweep of SWEEP trials, filled
# directly through the store's bulk import (db.H2BulkImport: the rows training writes, many runs per
# transaction), then timed through the real server over HTTP (bench/dashboard/DashboardBench.java):
# the runs table's newest page, sorted by a metric, a three-clause filter with `or` and `in` (filter=),
# a text search (q=), a deep page, the home page's overview, a run's curves, and the sweep page's data;
# each asked REPEATS times, median and p95 in milliseconds. With Chromium and chromedriver installed it
# also times, in headless Chromium, the home page until the runs table is drawn and the sweep page
# until its trials table and parallel coordinates are (RENDERS loads each). The same is measured with
# BASELINE runs (and a sweep of BASELINE trials) side by side.
#
# The last line is
#   p95_ms=<worst p95 of the runs queries and curves> sweep_p95_ms=<p95 of the sweep page's data> runs=N
# Targets at RUNS=100000: p95_ms under 100, sweep_p95_ms under 300, both pages drawn within 3 s.
#
# Usage: bench/dashboard.sh   Environment: RUNS (10000), EPOCHS (50), SWEEP (10000), REPEATS (30),
# BASELINE (100; 0 skips it), BROWSER (1 when chromium and chromedriver are installed), RENDERS (5),
# KEEP (0; 1 keeps the filled homes in bench/.work/dashboard-homes and times them again on the next run
# with the same sizes, without refilling: a new schema version is migrated on opening, as a user's is).
# RUNS=100000 fills 20 million epoch rows: about 15 minutes on 2 shared cores.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-10000}"
EPOCHS="${EPOCHS:-50}"
SWEEP="${SWEEP:-10000}"
REPEATS="${REPEATS:-30}"
BASELINE="${BASELINE:-100}"
if [ -z "${BROWSER:-}" ]; then
  if [ -x /usr/bin/chromedriver ] && { [ -x /usr/lib/chromium/chromium ] || [ -x /usr/bin/chromium ]; }; then BROWSER=1; else BROWSER=0; fi
fi
export RENDERS="${RENDERS:-5}"
log() { echo "[dashboard] $*" >&2; }
source "$ROOT/bench/lib.sh"  # DIST, JAR, make_work, build_if_missing
make_work dashboard
build_if_missing
mkdir -p "$WORK/lib" && cp "$DIST"/lib/*.jar "$JAR" "$WORK/lib/"
CP="$WORK/lib/*"
# Selenium, as the dashboard's page tests use it (web-ui's test class path); the bench compiles against it
# even when BROWSER=0.
mvn -q -B -o -pl web-ui dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/test-cp.txt" >&2
CP="$CP:$(cat "$WORK/test-cp.txt")"
sizes=("$RUNS")
[ "$BASELINE" != 0 ] && sizes=("$BASELINE" "$RUNS")
for n in "${sizes[@]}"; do
  trials="$SWEEP"
  [ "$n" = "$BASELINE" ] && [ "$n" != "$RUNS" ] && trials="$BASELINE"
  log "$n runs x $EPOCHS epochs and a sweep of $trials trials..."
  home="$WORK/home-$n"
  [ "${KEEP:-0}" = 1 ] && home="$ROOT/bench/.work/dashboard-homes/$n-$EPOCHS-$trials"
  [ -f "$home/bench-filled.txt" ] || rm -rf "$home"  # a fill that did not finish starts again
  mkdir -p "$home"
  java -Xmx2g -cp "$CP" bench/dashboard/DashboardBench.java "$home" "$n" "$EPOCHS" "$REPEATS" "$trials" "$BROWSER" >>"$WORK/rows.txt"
  [ "${KEEP:-0}" = 1 ] || rm -rf "$home"
done
python3 - "$WORK/rows.txt" "$RUNS" "$BASELINE" <<'PY'
import sys
rows = [dict(kv.split("=", 1) for kv in line.split()) for line in open(sys.argv[1])]
big, small = sys.argv[2], sys.argv[3]
def row(n, q):
    return next((r for r in rows if r["runs"] == n and r["query"] == q[1] and r["group"] == q[0]), None)
order = []
for r in rows:
    if r["runs"] == big and (r["group"], r["query"]) not in order:
        order.append((r["group"], r["query"]))
head = ["%s runs: median" % small, "p95"] if small not in ("0", big) else []
print("\n%-8s %-16s" % ("group", "query") + "".join("%18s %10s" % (head[i], head[i + 1]) for i in range(0, len(head), 2))
      + "%18s %10s" % (big + " runs: median", "p95"))
for q in order:
    a, b = row(small, q), row(big, q)
    line = "%-8s %-16s" % q
    if head:
        line += "%18s %10s" % ((a["median_ms"], a["p95_ms"]) if a else ("-", "-"))
    print(line + "%18s %10s" % (b["median_ms"], b["p95_ms"]))
worst = max(float(r["p95_ms"]) for r in rows if r["runs"] == big and r["group"] == "runs")
sweep = max(float(r["p95_ms"]) for r in rows if r["runs"] == big and r["group"] == "sweep")
print("(times in ms; render rows: headless Chromium, navigation until the rows / charts are drawn; the baseline's sweep has %s trials)"
      % small if head else "(times in ms)")
print("p95_ms=%.2f sweep_p95_ms=%.2f runs=%s" % (worst, sweep, big))
PY
