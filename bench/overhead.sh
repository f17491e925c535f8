#!/usr/bin/env bash
# Workbench overhead benchmark (not a timed test): trains the seed's small-cnn (93,322 parameters)
# on the full Fashion-MNIST (a) through the workbench — the repository's launcher, `./workbench
# run experiments/fashion-small-cnn.yaml`, on a frozen copy of app/target — and (b) through a
# plain DL4J fit() loop in its own JVM (bench/PlainFit.java: the same layers, global settings,
# ND4J set-up, seed and the same 54,000 training images in the same shuffled batches of 64), and
# compares their training throughput.
#
# Measured: images/second over each epoch's training loop only — validation, test and start-up
# are excluded on both sides. The workbench side is its recorded `samples_per_second`, whose
# timer covers the fit loop with everything the workbench adds inside it (batch preparation on
# its prefetch thread, the train-accuracy listener, the loss running mean, progress callbacks).
# Right after the loop it commits the epoch to H2 (and runs callbacks: none in this experiment);
# bench/EpochCommit.java times that commit, and the "incl. commit" line adds it to every epoch.
#
# The two sides alternate (workbench, plain, workbench, plain, ...) so that machine drift hits
# both; the medians are over every epoch of every round. Both sides train with
# OMP_NUM_THREADS native threads (1 unless set; the workbench's own default is cores - 1).
# The table's loss column checks that both sides train alike: the same seed, network and batches
# give the same loss, epoch by epoch. The last line is `ratio=<workbench median / plain median>`;
# the target is >= 0.95. The workbench side trains with training.replicas: 1, so the comparison
# with one plain fit() loop keeps its meaning; then one epoch with 2 replicas x 1 thread prints the
# run's own timing line and, parsed from it, replica_machinery_ms=<ms per step outside the replicas'
# forward/backward and the update> of <ms per step> (<share>) (issue 19).
#
# Usage: bench/overhead.sh        (from any directory)
# Environment: BENCH_ROUNDS (3), BENCH_EPOCHS (2), OMP_NUM_THREADS (1); BENCH_NICE (unset): a
# niceness for both sides, e.g. -10 (root only), on a machine shared with other jobs whose load
# otherwise swamps a 5 % difference (the "other" column shows that load, per run).
# Needs the full Fashion-MNIST under /usr/share/datasets/fashion-mnist (installed with apt-get
# as dataset-fashion-mnist when missing). Takes about 15 minutes on 2 cores.
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ROUNDS="${BENCH_ROUNDS:-3}"
EPOCHS="${BENCH_EPOCHS:-2}"
BATCH=64
LR=0.001
SEED=42
SPLIT=0.1
CORES="$(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc)"   # GNU nproc honours OMP_NUM_THREADS
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"

DATA=/usr/share/datasets/fashion-mnist
source "$ROOT/bench/lib.sh"  # DIST, JAR, make_work, build_if_missing, freeze_dist
ND4J_PROPS=(-Dorg.bytedeco.javacpp.platform.extension=-onednn -Dorg.eclipse.deeplearning4j.helpers.disable=false)

log() { echo "[overhead] $*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# --- build -------------------------------------------------------------------------------
build_if_missing plugins

# --- data --------------------------------------------------------------------------------
FILES=(train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz)
have_data() {
  local f
  for f in "${FILES[@]}"; do [ -f "$DATA/$f" ] || return 1; done
}
if ! have_data; then
  log "installing the full Fashion-MNIST (apt-get install dataset-fashion-mnist)..."
  as_root apt-get install -y dataset-fashion-mnist >&2 \
    || { as_root apt-get update >&2 && as_root apt-get install -y dataset-fashion-mnist >&2; }
  have_data || { log "error: $DATA still lacks the Fashion-MNIST files"; exit 1; }
fi

make_work overhead
trap '[ -n "${FAILED:-}" ] || log "error: the command at line $LINENO failed"; FAILED=1' ERR
# With BENCH_NICE each side runs in a session of its own, whose scheduling autogroup and process
# get that niceness (with sched_autogroup on, Linux groups each session and a plain `nice` counts
# only inside its group). Such a side does not hear the terminal's Ctrl-C: its pid is kept in
# $SIDE_PID for the signal trap.
SIDE_PID="$WORK/side.pid"
NICE=()
if [ -n "${BENCH_NICE:-}" ]; then
  NICE=(setsid --fork --wait sh -c 'echo $$ >"$1"; echo "$0" >/proc/self/autogroup 2>/dev/null; shift; exec nice -n "$0" "$@"'
        "$BENCH_NICE" "$SIDE_PID")
fi
stop_side() { if [ -s "$SIDE_PID" ]; then kill "$(cat "$SIDE_PID")" 2>/dev/null || true; rm -f "$SIDE_PID"; fi; }
trap 'log "stopped by a signal"; stop_side; exit 130' INT TERM HUP

# --- a frozen copy of the distribution ---------------------------------------------------
# Both sides run from one copy of the launcher and app/target (jar, lib, plugins), so that a
# rebuild in the working tree while the benchmark runs cannot swap jars under either side.
freeze_dist 'lib/nd4j-native-*-onednn.jar'
WORKBENCH=("$SNAP/workbench")
# The libraries of the distribution (the engine jar brings the Nd4jCpu compatibility class) and
# the app jar for its logback.xml, so that the plain JVM logs exactly as quietly as the workbench.
CP="$SNAP/app/target/lib/*:$SNAP/app/target/$(basename "$JAR")"

# --- the two sides -----------------------------------------------------------------------
RESULTS="$WORK/results.tsv"   # side, round, epoch, img/s, loss, cores used by other processes
: >"$RESULTS"

# Other processes' load while one side runs: the machine's busy CPU time (/proc/stat) minus
# the CPU time of this script's finished children, over the wall time, in cores.
CLK_TCK="$(getconf CLK_TCK)"
machine_busy() { awk -v hz="$CLK_TCK" '/^cpu / { printf "%.2f", ($2 + $3 + $4 + $7 + $8 + $9) / hz }' /proc/stat; }
cpu_seconds() {   # cpu_seconds FILE: children's user + system seconds from a saved `times`
  awk 'function s(t, m) { m = t; sub(/m.*/, "", m); sub(/^[0-9]+m/, "", t); sub(/s$/, "", t); return m * 60 + t }
       NR == 2 { printf "%.2f", s($1) + s($2) }' "$1"
}
measure() {   # measure SIDE ROUND: runs run_SIDE ROUND, tags its rows with the other load
  local side=$1 round=$2 busy0 own0 t0 busy1 own1 t1 other
  # `times` must run in this shell (in a $(...) subshell it would see no children).
  busy0="$(machine_busy)"; times >"$WORK/times0"; t0="$(date +%s.%N)"
  "run_$side" "$round"
  busy1="$(machine_busy)"; times >"$WORK/times1"; t1="$(date +%s.%N)"
  own0="$(cpu_seconds "$WORK/times0")"; own1="$(cpu_seconds "$WORK/times1")"
  other="$(awk -v b="$busy1" -v B="$busy0" -v o="$own1" -v O="$own0" -v t="$t1" -v T="$t0" \
    'BEGIN { x = ((b - B) - (o - O)) / (t - T); printf "%.2f", x < 0 ? 0 : x }')"
  log "  $side: $(awk -v o="$own1" -v O="$own0" -v t="$t1" -v T="$t0" 'BEGIN { printf "%.0f s, %.2f cores", t - T, (o - O) / (t - T) }'); other processes: $other cores"
  awk -v side="$side" -v r="$round" -v x="$other" -F'\t' -v OFS='\t' '$1 == side && $2 == r { $6 = x } { print }' \
    "$RESULTS" >"$RESULTS.tmp" && mv "$RESULTS.tmp" "$RESULTS"
}

workbench_run() {   # workbench_run HOME [--set ...]: the workbench side's run of small-cnn
  local home=$1; shift
  ${NICE[@]+"${NICE[@]}"} env WORKBENCH_SKIP_BUILD=1 "${WORKBENCH[@]}" run experiments/fashion-small-cnn.yaml --home "$home" --no-progress \
    --set "dataset.params.train_images=$DATA/train-images-idx3-ubyte.gz" \
    --set "dataset.params.train_labels=$DATA/train-labels-idx1-ubyte.gz" \
    --set "dataset.params.test_images=$DATA/t10k-images-idx3-ubyte.gz" \
    --set "dataset.params.test_labels=$DATA/t10k-labels-idx1-ubyte.gz" \
    --set "dataset.params.validation_split=$SPLIT" \
    --set "architecture.type=small-cnn" \
    --set "training.epochs=$EPOCHS" --set "training.batch_size=$BATCH" --set "training.optimizer=rmsprop" \
    --set "training.learning_rate=$LR" --set "training.seed=$SEED" "$@"
}

run_workbench() {
  local round=$1 home="$WORK/home-$1" out run_id json
  # One replica (issue 19's replicas: the comparison with one plain fit() loop keeps its meaning).
  out="$(workbench_run "$home" --set training.replicas=1)"
  rm -f "$SIDE_PID"
  printf '%s\n' "$out" | sed -n '1,3p' | sed 's/^/    /' >&2
  run_id="$(printf '%s\n' "$out" | head -n 1)"
  json="$(WORKBENCH_SKIP_BUILD=1 "${WORKBENCH[@]}" show "$run_id" --home "$home" --json)"
  # epoch_metrics lists the epochs in order; these keys occur nowhere else in the document.
  paste <(grep -o '"samples_per_second" *: *[-0-9.eE+]*' <<<"$json" | sed 's/.*: *//') \
        <(grep -o '"loss" *: *[-0-9.eE+]*' <<<"$json" | sed 's/.*: *//') \
    | awk -v r="$round" -v n="$EPOCHS" -F'\t' '
        { printf "workbench\t%d\t%d\t%s\t%s\n", r, NR, $1, $2 }
        END { if (NR != n) { print "expected " n " epochs, found " NR > "/dev/stderr"; exit 1 } }' >>"$RESULTS"
  rm -rf "$home"
}

run_plain() {
  local round=$1 out
  out="$(${NICE[@]+"${NICE[@]}"} java "${ND4J_PROPS[@]}" -cp "$CP" bench/PlainFit.java "$DATA" "$EPOCHS" "$BATCH" "$LR" "$SEED" "$SPLIT")"
  rm -f "$SIDE_PID"
  printf '%s\n' "$out" | sed 's/^/    /' >&2
  awk -v r="$round" -v n="$EPOCHS" '
      $1 == "epoch" { c++; printf "plain\t%d\t%d\t%s\t%s\n", r, $2, $4, $10 }
      END { if (c != n) { print "expected " n " epochs, found " c > "/dev/stderr"; exit 1 } }' <<<"$out" >>"$RESULTS"
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  log "round $round/$ROUNDS: workbench ($EPOCHS epochs)..."
  measure workbench "$round"
  log "round $round/$ROUNDS: plain DL4J fit() loop ($EPOCHS epochs)..."
  measure plain "$round"
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# The replica machinery's own cost (issue 19): one epoch with 2 replicas x 1 thread; the run logs where each
# step's time went (splitting the batch, waiting for the other replica, adding the gradients, beside replica
# 0's own forward/backward and the update).
log "replica machinery: one epoch with training.replicas=2 (load $(cut -d' ' -f1 /proc/loadavg))..."
REPLICAS_LINE="$(OMP_NUM_THREADS=2 workbench_run "$WORK/home-replicas" --set training.replicas=2 --set training.threads=1 \
  --set training.epochs=1 | grep -m1 '^Replicas:' || echo 'Replicas: no timing line (run failed?)')"
rm -f "$SIDE_PID"; rm -rf "$WORK/home-replicas"

log "timing the per-epoch H2 commit..."
COMMIT="$(java -cp "$CP" bench/EpochCommit.java "$WORK/commit-home" 30 | grep '^commit_ms')"

# --- report ------------------------------------------------------------------------------
SAMPLES="$(awk -v s="$SPLIT" 'BEGIN { printf "%d", 60000 - int(60000 * s + 0.5) }')"
awk -F'\t' -v quiet=0.25 -v commit="$COMMIT" -v cores="$CORES" -v threads="$OMP_NUM_THREADS" -v niceness="${BENCH_NICE:-0}" -v samples="$SAMPLES" \
    -v load_before="$LOAD_BEFORE" -v load_after="$LOAD_AFTER" -v replicas_line="$REPLICAS_LINE" '
  function median(a, n,   i, j, t) {
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  BEGIN {
    printf "%-10s %5s %5s %10s %8s %7s\n", "side", "round", "epoch", "img/s", "loss", "other"
    split(commit, c, " ")          # commit_ms first F median M max X
    commit_s = c[3] / 1000         # the cold (first-epoch) commit, charged to every epoch
  }
  {
    printf "%-10s %5d %5d %10.1f %8.4f %7.2f\n", $1, $2, $3, $4, $5, $6
    if ($6 > maxother) maxother = $6
    n[$1]++; v[$1, n[$1]] = $4
    if ($1 == "workbench") { ni++; incl[ni] = samples / (samples / $4 + commit_s) }
    if ($3 == 2) { n2[$1]++; v2[$1, n2[$1]] = $4 }
    if ($6 < quiet) { nq[$1]++; vq[$1, nq[$1]] = $4 }
  }
  END {
    for (s in n) { delete a; for (i = 1; i <= n[s]; i++) a[i] = v[s, i]; m[s] = median(a, n[s]) }
    for (s in n2) { delete a; for (i = 1; i <= n2[s]; i++) a[i] = v2[s, i]; m2[s] = median(a, n2[s]) }
    for (s in nq) { delete a; for (i = 1; i <= nq[s]; i++) a[i] = vq[s, i]; mq[s] = median(a, nq[s]) }
    mi = median(incl, ni)
    print ""
    printf "median workbench: %.1f img/s (%d epochs)\n", m["workbench"], n["workbench"]
    printf "median plain:     %.1f img/s (%d epochs)\n", m["plain"], n["plain"]
    if (("workbench" in m2) && ("plain" in m2))
      printf "epoch 2 only:     workbench %.1f, plain %.1f img/s, ratio %.3f\n", m2["workbench"], m2["plain"], m2["workbench"] / m2["plain"]
    if (("workbench" in mq) && ("plain" in mq))
      printf "quiet runs only (other < %.2f cores): workbench %.1f (%d epochs), plain %.1f (%d epochs), ratio %.3f\n", quiet, mq["workbench"], nq["workbench"], mq["plain"], nq["plain"], mq["workbench"] / mq["plain"]
    else
      printf "quiet runs only (other < %.2f cores): not enough quiet runs on both sides\n", quiet
    printf "per-epoch H2 commit (ms): first %s, median %s, max %s (not in samples_per_second)\n", c[3], c[5], c[7]
    printf "median workbench incl. commit: %.1f img/s, ratio %.3f\n", mi, mi / m["plain"]
    printf "cores (nproc): %d; native threads (OMP_NUM_THREADS) on both sides: %s; niceness: %s\n", cores, threads, niceness
    printf "other: cores used by other processes during that run (whole run, start-up included); max %.2f\n", maxother
    if (maxother > 0.2 && niceness == 0)
      print "note: other processes loaded the machine during some runs; the numbers are noisy (BENCH_NICE=-10 helps)"
    else if (maxother > 0.2)
      printf "note: other processes ran alongside, below the priority of the benchmark (niceness %s)\n", niceness
    printf "load average before: %s; after: %s\n", load_before, load_after
    printf "replica machinery (training.replicas=2, 1 epoch): %s\n", replicas_line
    # Parsed from that line: the time per step outside the forward/backward of the replicas and the one update
    # (splitting the batch and handing the shards over, waiting for the other replica, adding the gradients).
    if (match(replicas_line, /[0-9.]+ ms per step/) && (step_ms = substr(replicas_line, RSTART, RLENGTH) + 0) > 0 \
        && match(replicas_line, /replica machinery [0-9.]+ ms/)) {
      machinery_ms = substr(replicas_line, RSTART + 18, RLENGTH - 21) + 0
      printf "replica_machinery_ms=%.2f of %.2f ms per step (%.1f %%)\n", machinery_ms, step_ms, 100 * machinery_ms / step_ms
    } else
      print "replica_machinery_ms=NA (no Replicas: timing line)"
    printf "ratio=%.3f\n", m["workbench"] / m["plain"]
  }' "$RESULTS"
