#!/usr/bin/env bash
# Training speed beside PyTorch (issue 9, item 1): one epoch of the identical small-cnn (93,322
# parameters) and of the workbench's lenet5 (tanh, 545,546 parameters) on the full Fashion-MNIST
# (Debian's dataset-fashion-mnist: 54,000 training images after a stratified 10 % validation
# hold-out, 10,000 test images), Adam lr 0.001, batch 64, Xavier-uniform weights.
#
#   workbench         `./workbench run bench/train-speed/NET.yaml` (the full path: plugins, recording,
#                     validation after the epoch, test evaluation), its best thread setting for the
#                     cores (THREADS, default: the cores less one, as training.threads 0 chooses)
#   torch             bench/train-speed/torch_speed.py under Debian's python3-torch (/usr/bin/python3),
#                     torch.set_num_threads(2), default memory format (NCHW); the training set shuffled
#                     once and fed as slices of it (faster than a DataLoader, so the baseline is strong)
#   torch-cl          the same with channels_last, for honesty
#
# The three alternate within each round (ROUNDS, default 2) so that machine drift hits all of them.
# Reported per setup: img/s of the training loop (the workbench's samples_per_second; PyTorch timed
# the same way), epoch seconds, test accuracy, and peak RSS of the whole process (/usr/bin/time -v);
# medians over the rounds.
#
# The last line is  ratio=<workbench / torch img/s for small-cnn>  (the issue's target: 0.6, goal 0.8).
#
# Usage: bench/train-speed.sh   (as root or with sudo when python3-torch or the dataset must be installed)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ROUNDS="${ROUNDS:-2}"
THREADS="${THREADS:-$(( $(nproc) > 1 ? $(nproc) - 1 : 1 ))}"
NAME=train-speed
. bench/train-speed/prepare.sh
ROWS="$WORK/rows.tsv"; : >"$ROWS"

run_workbench() {   # NET ROUND
  local home="$WORK/home-$1-$2" out
  out="$(/usr/bin/time -v -o "$WORK/time" env WORKBENCH_SKIP_BUILD=1 ./workbench run "bench/train-speed/$1.yaml" --home "$home" \
        --no-progress --set "training.threads=$THREADS")"
  WORKBENCH_SKIP_BUILD=1 ./workbench show "$(head -1 <<<"$out")" --json --home "$home" | "$PY" -c '
import json, sys
r = json.load(sys.stdin); e = r["epoch_metrics"][-1]
print("%s\t%s\t%s" % (e["samples_per_second"], e["epoch_seconds"], r["test_accuracy"]))' | while IFS=$'\t' read -r sps secs acc; do
    printf '%s\tworkbench\t%s\t%s\t%s\t%s\n' "$1" "$sps" "$secs" "$acc" "$(rss_mib "$WORK/time")" >>"$ROWS"
    log "$1 workbench (round $2): $sps img/s"
  done
}
run_torch() {   # NET ROUND SETUP [--channels-last]
  local net="$1" round="$2" setup="$3"; shift 3
  /usr/bin/time -v -o "$WORK/time" "$PY" bench/train-speed/torch_speed.py "$DATA" --net "$net" --threads 2 "$@" >"$WORK/torch.json"
  "$PY" -c '
import json, sys
r = json.load(open(sys.argv[1]))
print("%s\t%s\t%s" % (r["samples_per_second"], r["epoch_seconds"], r["test_accuracy"]))' "$WORK/torch.json" | while IFS=$'\t' read -r sps secs acc; do
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$net" "$setup" "$sps" "$secs" "$acc" "$(rss_mib "$WORK/time")" >>"$ROWS"
    log "$net $setup (round $round): $sps img/s"
  done
}
for round in $(seq 1 "$ROUNDS"); do
  for net in small-cnn lenet5; do
    run_torch "$net" "$round" torch
    run_workbench "$net" "$round"
    run_torch "$net" "$round" torch-cl --channels-last
  done
done
"$PY" - "$ROWS" "$THREADS" <<'PY'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
def med(net, setup, col):
    return statistics.median(float(r[col]) for r in rows if r[0] == net and r[1] == setup)
print("\n%-10s %-10s %10s %10s %10s %10s" % ("net", "setup", "img/s", "epoch s", "test acc", "RSS MiB"))
for net in ("small-cnn", "lenet5"):
    for setup in ("torch", "workbench", "torch-cl"):
        print("%-10s %-10s %10.0f %10.1f %10.4f %10.0f" % (net, setup, med(net, setup, 2), med(net, setup, 3), med(net, setup, 4), med(net, setup, 5)))
print("(medians over %d rounds; workbench with %s native thread(s), PyTorch with 2)" % (len(rows) // 6, sys.argv[2]))
print("ratio=%.3f" % (med("small-cnn", "workbench", 2) / med("small-cnn", "torch", 2)))
PY
