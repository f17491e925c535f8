#!/usr/bin/env bash
# Claim benchmark: how fast the sweep queue hands out trials through H2's TCP server, with 1, 2, 4,
# 8 and 16 worker processes claiming at once, next to the same loop on the embedded database in one
# JVM (the baseline: no network, no second process).
#
# Each row is a fresh home with a sweep of TRIALS configurations (400), served on 127.0.0.1 as
# `workbench sweep` serves it. bench/claims/ClaimBench.java starts the claimer JVMs, waits until all
# are connected and releases them together; each claims (H2SweepStore.claim: the first queued trial,
# else a new configuration: its number reserved under the sweep's row lock, sampled outside any lock, then written;
# the call SweepWorker makes), finishes
# the trial at once and claims again until the sweep is spent. No sampler runs (the configurations
# are computed), so the figures are the queue's own. Columns: claims handed out, duplicates (a trial
# handed to two claimers; must be 0), errors (lock timeouts or other failures of a claim; must be 0),
# worker deaths (claimer processes that ended with an exception or a non-zero exit code; must be 0),
# wall time from release to the last claimer's end, claims/s, and per-claim latency p50 / p95 / max.
# REPEATS (3) runs each row that many times and reports the run with the median claims/s.
#
# The last line is
#   claims_per_s=<4 workers, TCP> p95_ms=<4 workers, TCP> duplicates=<all rows> errors=<all rows> deaths=<all rows>
#
# Usage: bench/claims.sh   (from any directory). Environment: TRIALS (400), REPEATS (3).
# Runs the existing build (app/target, copied first); builds only when there is none. A few minutes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TRIALS="${TRIALS:-400}"
REPEATS="${REPEATS:-3}"
source "$ROOT/bench/lib.sh"  # DIST, JAR, make_work, build_if_missing, freeze_dist
log() { echo "[claims] $*" >&2; }

make_work claims

build_if_missing
mkdir -p "$WORK/lib" "$WORK/classes"
cp "$DIST"/lib/*.jar "$JAR" "$WORK/lib/"
CP="$WORK/lib/*"
javac -d "$WORK/classes" -cp "$CP" bench/claims/ClaimBench.java
RUN_CP="$WORK/classes:$CP"

ROWS="$WORK/rows.txt"
: >"$ROWS"
for workers in 0 1 2 4 8 16; do
  results="$WORK/row-$workers.txt"
  : >"$results"
  for r in $(seq 1 "$REPEATS"); do
    log "workers=$workers run $r/$REPEATS..."
    java -Xmx512m -cp "$RUN_CP" ClaimBench run "$workers" "$TRIALS" "$WORK/home-$workers-$r" >>"$results"
    rm -rf "$WORK/home-$workers-$r"
  done
  # The run with the median claims/s.
  sed 's/.*claims_per_s=\([0-9.]*\).*/\1 &/' "$results" | sort -g -k1,1 | awk -v n="$REPEATS" 'NR == int((n + 1) / 2) { $1 = ""; sub(/^ /, ""); print }' >>"$ROWS"
done

field() { sed -n "s/.*$2=\([^ ]*\).*/\1/p" <<<"$1"; }
printf '\n%-22s %7s %10s %6s %14s %8s %10s %8s %8s %8s\n' "setup" "claims" "duplicates" "errors" "worker deaths" "wall s" "claims/s" "p50 ms" "p95 ms" "max ms"
while read -r line; do
  w="$(field "$line" workers)"
  if [ "$w" = 0 ]; then setup="embedded, 1 JVM (base)"; else setup="TCP, $w process$([ "$w" = 1 ] || echo es)"; fi
  printf '%-22s %7s %10s %6s %14s %8s %10s %8s %8s %8s\n' "$setup" "$(field "$line" claims)" "$(field "$line" duplicates)" \
    "$(field "$line" errors)" "$(field "$line" deaths)" "$(field "$line" wall_s)" "$(field "$line" claims_per_s)" "$(field "$line" p50_ms)" \
    "$(field "$line" p95_ms)" "$(field "$line" max_ms)"
done <"$ROWS"
four="$(grep '^workers=4 ' "$ROWS")"
dups="$(awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^duplicates=/) { split($i, a, "="); s += a[2] } } END { print s + 0 }' "$ROWS")"
errs="$(awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^errors=/) { split($i, a, "="); s += a[2] } } END { print s + 0 }' "$ROWS")"
deaths="$(awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^deaths=/) { split($i, a, "="); s += a[2] } } END { print s + 0 }' "$ROWS")"
echo "(median of $REPEATS runs per row by claims/s; $TRIALS trials per run; load average $(cut -d' ' -f1-3 /proc/loadavg))"
echo "claims_per_s=$(field "$four" claims_per_s) p95_ms=$(field "$four" p95_ms) duplicates=$dups errors=$errs deaths=$deaths"
