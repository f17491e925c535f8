#!/usr/bin/env bash
# Workbench overhead benchmark (not a timed test): trains the seed's small-cnn (93,322 parameters)
# on the full Fashion-MNIST (a) through the workbench — `./workbench run
# experiments/fashion-small-cnn.yaml` — and (b) through a plain DL4J fit() loop in its own JVM
# (bench/PlainFit.java: the same layers, global settings, ND4J set-up, seed and the same 54,000
# training images in the same shuffled batches of 64), and compares their training throughput.
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
# The last line is `ratio=<workbench median / plain median>`; the target is >= 0.95.
#
# Usage: bench/overhead.sh        (from any directory)
# Environment: BENCH_ROUNDS (3), BENCH_EPOCHS (2), OMP_NUM_THREADS (1).
# Needs the full Fashion-MNIST under /usr/share/datasets/fashion-mnist (installed with apt-get
# as dataset-fashion-mnist when missing). Takes about 15 minutes on 2 cores.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ROUNDS="${BENCH_ROUNDS:-3}"
EPOCHS="${BENCH_EPOCHS:-2}"
BATCH=64
LR=0.001
SEED=42
SPLIT=0.1
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"

DATA=/usr/share/datasets/fashion-mnist
DIST="$ROOT/app/target"
JAR="$DIST/workbench-app-0.1.0-SNAPSHOT.jar"
# The libraries of the distribution (the engine jar brings the Nd4jCpu compatibility class) and
# the app jar for its logback.xml, so that the plain JVM logs exactly as quietly as the workbench.
CP="$DIST/lib/*:$JAR"
ND4J_PROPS=(-Dorg.bytedeco.javacpp.platform.extension=-onednn -Dorg.eclipse.deeplearning4j.helpers.disable=false)

log() { echo "[overhead] $*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# --- build -------------------------------------------------------------------------------
if [ ! -f "$JAR" ] || [ ! -d "$DIST/plugins" ] || [ ! -d "$DIST/lib" ]; then
  log "building the workbench (mvn install -DskipTests)..."
  mvn -q -B -o install -DskipTests >&2 || mvn -q -B install -DskipTests >&2
fi

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

WORK="$(mktemp -d "${TMPDIR:-/tmp}/workbench-overhead.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# --- the two sides -----------------------------------------------------------------------
RESULTS="$WORK/results.tsv"   # side, round, epoch, img/s, loss
: >"$RESULTS"

run_workbench() {
  local round=$1 home="$WORK/home-$1" out run_id json
  out="$(WORKBENCH_SKIP_BUILD=1 ./workbench run experiments/fashion-small-cnn.yaml --home "$home" --no-progress \
    --set "dataset.params.train_images=$DATA/train-images-idx3-ubyte.gz" \
    --set "dataset.params.train_labels=$DATA/train-labels-idx1-ubyte.gz" \
    --set "dataset.params.test_images=$DATA/t10k-images-idx3-ubyte.gz" \
    --set "dataset.params.test_labels=$DATA/t10k-labels-idx1-ubyte.gz" \
    --set "dataset.params.validation_split=$SPLIT" \
    --set "architecture.type=small-cnn" \
    --set "training.epochs=$EPOCHS" --set "training.batch_size=$BATCH" --set "training.optimizer=rmsprop" \
    --set "training.learning_rate=$LR" --set "training.seed=$SEED")"
  printf '%s\n' "$out" | sed -n '1,3p' | sed 's/^/    /' >&2
  run_id="$(printf '%s\n' "$out" | head -n 1)"
  json="$(WORKBENCH_SKIP_BUILD=1 ./workbench show "$run_id" --home "$home" --json)"
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
  out="$(java "${ND4J_PROPS[@]}" -cp "$CP" bench/PlainFit.java "$DATA" "$EPOCHS" "$BATCH" "$LR" "$SEED" "$SPLIT")"
  printf '%s\n' "$out" | sed 's/^/    /' >&2
  awk -v r="$round" -v n="$EPOCHS" '
      $1 == "epoch" { c++; printf "plain\t%d\t%d\t%s\t%s\n", r, $2, $4, $10 }
      END { if (c != n) { print "expected " n " epochs, found " c > "/dev/stderr"; exit 1 } }' <<<"$out" >>"$RESULTS"
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  log "round $round/$ROUNDS: workbench ($EPOCHS epochs)..."
  run_workbench "$round"
  log "round $round/$ROUNDS: plain DL4J fit() loop ($EPOCHS epochs)..."
  run_plain "$round"
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

log "timing the per-epoch H2 commit..."
COMMIT="$(java -cp "$CP" bench/EpochCommit.java "$WORK/commit-home" 30 | grep '^commit_ms')"

# --- report ------------------------------------------------------------------------------
SAMPLES="$(awk -v s="$SPLIT" 'BEGIN { printf "%d", 60000 - int(60000 * s + 0.5) }')"
awk -F'\t' -v commit="$COMMIT" -v cores="$(nproc)" -v threads="$OMP_NUM_THREADS" -v samples="$SAMPLES" \
    -v load_before="$LOAD_BEFORE" -v load_after="$LOAD_AFTER" '
  function median(a, n,   i, j, t) {
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  BEGIN {
    printf "%-10s %5s %5s %10s %8s\n", "side", "round", "epoch", "img/s", "loss"
    split(commit, c, " ")          # commit_ms first F median M max X
    commit_s = c[3] / 1000         # the cold (first-epoch) commit, charged to every epoch
  }
  {
    printf "%-10s %5d %5d %10.1f %8.4f\n", $1, $2, $3, $4, $5
    n[$1]++; v[$1, n[$1]] = $4
    if ($1 == "workbench") { ni++; incl[ni] = samples / (samples / $4 + commit_s) }
    if ($3 == 2) { n2[$1]++; v2[$1, n2[$1]] = $4 }
  }
  END {
    for (s in n) { delete a; for (i = 1; i <= n[s]; i++) a[i] = v[s, i]; m[s] = median(a, n[s]) }
    for (s in n2) { delete a; for (i = 1; i <= n2[s]; i++) a[i] = v2[s, i]; m2[s] = median(a, n2[s]) }
    mi = median(incl, ni)
    print ""
    printf "median workbench: %.1f img/s (%d epochs)\n", m["workbench"], n["workbench"]
    printf "median plain:     %.1f img/s (%d epochs)\n", m["plain"], n["plain"]
    if (("workbench" in m2) && ("plain" in m2))
      printf "epoch 2 only:     workbench %.1f, plain %.1f img/s, ratio %.3f\n", m2["workbench"], m2["plain"], m2["workbench"] / m2["plain"]
    printf "per-epoch H2 commit (ms): first %s, median %s, max %s (not in samples_per_second)\n", c[3], c[5], c[7]
    printf "median workbench incl. commit: %.1f img/s, ratio %.3f\n", mi, mi / m["plain"]
    printf "cores (nproc): %d; native threads (OMP_NUM_THREADS) on both sides: %s\n", cores, threads
    printf "load average before: %s; after: %s\n", load_before, load_after
    printf "ratio=%.3f\n", m["workbench"] / m["plain"]
  }' "$RESULTS"
