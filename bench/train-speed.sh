#!/usr/bin/env bash
# Training speed beside PyTorch (issue 9, item 1): one epoch of the identical small-cnn (93,322
# parameters) and of the workbench's lenet5 (tanh, 545,546 parameters) on the full Fashion-MNIST
# (Debian's dataset-fashion-mnist: 54,000 training images after a stratified 10 % validation
# hold-out, 10,000 test images), Adam lr 0.001, batch 64, Xavier-uniform weights.
#
#   workbench         `./workbench run bench/train-speed/NET.yaml` (the full path: plugins, recording,
#                     validation after the epoch, test evaluation) at its default training.replicas: auto
#                     (issue 19: on 2 cores, 2 synchronous replicas x 1 native thread), with
#                     training.threads=THREADS (default 1: the native threads of each replica)
#   workbench-r1      the same with training.replicas: 1 (one replica, THREADS native threads: the
#                     setting before replicas existed; on 2 cores the cores less one = 1)
#   torch             bench/train-speed/torch_speed.py under Debian's python3-torch (/usr/bin/python3),
#                     torch.set_num_threads(2), default memory format (NCHW); the training set shuffled
#                     once and fed as slices of it (faster than a DataLoader, so the baseline is strong)
#   torch-cl          the same with channels_last, for honesty
#
# The four alternate within each round (ROUNDS, default 2) so that machine drift hits all of them.
# Reported per setup: img/s of the training loop (the workbench's samples_per_second; PyTorch timed
# the same way), epoch seconds, test accuracy, and peak RSS of the whole process (/usr/bin/time -v);
# medians over the rounds, and the 1-minute load average when each run started (the machine is shared).
#
# The last line is  ratio=<workbench (auto) / torch img/s for small-cnn>  (issue 19's target: 0.85, goal 1.0).
# NETS (default "small-cnn lenet5") chooses the nets.
#
# Usage: bench/train-speed.sh   (as root or with sudo when python3-torch or the dataset must be installed)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ROUNDS="${ROUNDS:-2}"
THREADS="${THREADS:-$(( $(nproc) > 1 ? $(nproc) - 1 : 1 ))}"
NETS="${NETS:-small-cnn lenet5}"
load1() { cut -d' ' -f1 /proc/loadavg; }
NAME=train-speed
. bench/train-speed/prepare.sh
ROWS="$WORK/rows.tsv"; : >"$ROWS"

run_workbench() {   # NET ROUND SETUP REPLICAS
  local home="$WORK/home-$1-$2-$3" out load setup="$3"
  load="$(load1)"
  out="$(/usr/bin/time -v -o "$WORK/time" env WORKBENCH_SKIP_BUILD=1 ./workbench run "bench/train-speed/$1.yaml" --home "$home" \
        --no-progress --set "training.threads=$THREADS" --set "training.replicas=$4")"
  log "$1 $setup: $(grep -m1 'Training with' <<<"$out")"
  WORKBENCH_SKIP_BUILD=1 ./workbench show "$(head -1 <<<"$out")" --json --home "$home" | "$PY" -c '
import json, sys
r = json.load(sys.stdin); e = r["epoch_metrics"][-1]
print("%s\t%s\t%s" % (e["samples_per_second"], e["epoch_seconds"], r["test_accuracy"]))' | while IFS=$'\t' read -r sps secs acc; do
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$setup" "$sps" "$secs" "$acc" "$(rss_mib "$WORK/time")" "$load" >>"$ROWS"
    log "$1 $setup (round $2, load $load): $sps img/s"
  done
}
run_torch() {   # NET ROUND SETUP [--channels-last]
  local net="$1" round="$2" setup="$3" load; shift 3
  load="$(load1)"
  /usr/bin/time -v -o "$WORK/time" "$PY" bench/train-speed/torch_speed.py "$DATA" --net "$net" --threads 2 "$@" >"$WORK/torch.json"
  "$PY" -c '
import json, sys
r = json.load(open(sys.argv[1]))
print("%s\t%s\t%s" % (r["samples_per_second"], r["epoch_seconds"], r["test_accuracy"]))' "$WORK/torch.json" | while IFS=$'\t' read -r sps secs acc; do
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$net" "$setup" "$sps" "$secs" "$acc" "$(rss_mib "$WORK/time")" "$load" >>"$ROWS"
    log "$net $setup (round $round, load $load): $sps img/s"
  done
}
for round in $(seq 1 "$ROUNDS"); do
  for net in $NETS; do
    # Alternating: even rounds start with the workbench, odd ones with PyTorch.
    if [ $((round % 2)) = 1 ]; then
      run_torch "$net" "$round" torch
      run_workbench "$net" "$round" workbench auto
      run_workbench "$net" "$round" workbench-r1 1
      run_torch "$net" "$round" torch-cl --channels-last
    else
      run_workbench "$net" "$round" workbench auto
      run_torch "$net" "$round" torch
      run_torch "$net" "$round" torch-cl --channels-last
      run_workbench "$net" "$round" workbench-r1 1
    fi
  done
done
"$PY" - "$ROWS" "$THREADS" "$NETS" <<'PY'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
nets = sys.argv[3].split()
def med(net, setup, col):
    return statistics.median(float(r[col]) for r in rows if r[0] == net and r[1] == setup)
def each(net, setup, col, fmt):
    return ", ".join(fmt % float(r[col]) for r in rows if r[0] == net and r[1] == setup)
setups = ("torch", "workbench", "workbench-r1", "torch-cl")
print("\n%-10s %-13s %10s %10s %10s %10s  %s" % ("net", "setup", "img/s", "epoch s", "test acc", "RSS MiB", "img/s (load) per round"))
for net in nets:
    for setup in setups:
        rounds = ", ".join("%.0f (%s)" % (float(r[2]), r[6]) for r in rows if r[0] == net and r[1] == setup)
        print("%-10s %-13s %10.0f %10.1f %10.4f %10.0f  %s" % (net, setup, med(net, setup, 2), med(net, setup, 3),
                                                             med(net, setup, 4), med(net, setup, 5), rounds))
print("(medians over %d rounds; workbench: replicas auto and 1, %s native thread(s) each; PyTorch with 2)"
      % (len(rows) // (len(setups) * len(nets)), sys.argv[2]))
if "small-cnn" in nets:
    print("replicas_gain=%.3f" % (med("small-cnn", "workbench", 2) / med("small-cnn", "workbench-r1", 2)))
    print("ratio=%.3f" % (med("small-cnn", "workbench", 2) / med("small-cnn", "torch", 2)))
PY
