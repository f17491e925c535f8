#!/usr/bin/env bash
# Training speed beside PyTorch (issue 9, item 1; issue 19): one epoch of the identical small-cnn
# (93,322 parameters) and of the workbench's lenet5 (tanh, 545,546 parameters) on the full Fashion-MNIST
# (Debian's dataset-fashion-mnist: 54,000 training images after a stratified 10 % validation
# hold-out, 10,000 test images), Adam lr 0.001, batch 64, Xavier-uniform weights; and of cifar-bn-cnn
# (batch normalization, 1,342,134 parameters) on CIFAR-sized input (32x32x3, 10 classes): CIFAR-10's
# binary files in $CIFAR10_DIR when set, else a generated set in that format of CIFAR_TRAIN (10,000)
# random training and 1,000 test images (9,000 train after the 10 % hold-out; speed does not depend on
# what the pixels show, and the test accuracy of random labels is chance), Adam lr 0.001, batch 128.
# Both sides print their parameter count (the `params` column, counted as Keras does: batch
# normalization's moving statistics included), so the table shows that the nets are the same.
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
#   torch-cl          the same with channels_last, for honesty (TORCH_CL=0 leaves it out)
#
# The setups alternate within each round (ROUNDS, default 2) so that machine drift hits all of them.
# Reported per setup: img/s of the training loop (the workbench's samples_per_second; PyTorch timed
# the same way), epoch seconds, test accuracy, and peak RSS of the whole process (/usr/bin/time -v);
# medians over the rounds, and the 1-minute load average when each run started (the machine is shared).
#
# The last line is  ratio=<workbench (auto) / torch img/s for small-cnn>  (issue 19's target: 0.85, goal 1.0),
# followed on the same line by ratio_lenet5= and ratio_cifar_bn= for the other nets that ran.
# NETS (default "small-cnn lenet5 cifar-bn-cnn") chooses the nets. TRAIN_LIMIT (default: all) trains on the first
# TRAIN_LIMIT training images only, on both sides (before the 10 % hold-out), for a shorter run on a busy machine.
# PyTorch runs with OMP_WAIT_POLICY=PASSIVE unless the environment sets it: with GNU OpenMP's default spinning,
# its 2 threads on 2 cores that other processes also use ran several times slower (bench/accuracy.sh says the same).
#
# Usage: bench/train-speed.sh   (as root or with sudo when python3-torch or the dataset must be installed)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ROUNDS="${ROUNDS:-2}"
THREADS="${THREADS:-$(( $(nproc) > 1 ? $(nproc) - 1 : 1 ))}"
NETS="${NETS:-small-cnn lenet5 cifar-bn-cnn}"
TORCH_CL="${TORCH_CL:-1}"
CIFAR_TRAIN="${CIFAR_TRAIN:-10000}"
TRAIN_LIMIT="${TRAIN_LIMIT:-}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"   # read by PyTorch's GNU OpenMP; the workbench's libnd4j ignores it
load1() { cut -d' ' -f1 /proc/loadavg; }
NAME=train-speed
. bench/train-speed/prepare.sh
. bench/lib.sh   # freeze_dist: every run uses one copy of the distribution, so a rebuild meanwhile cannot swap jars
freeze_dist
WB="$SNAP/workbench"
ROWS="$WORK/rows.tsv"; : >"$ROWS"
CIFAR=""
if [[ " $NETS " == *" cifar-bn-cnn "* ]]; then
  if [ -n "${CIFAR10_DIR:-}" ]; then
    CIFAR="$CIFAR10_DIR"
  else   # CIFAR_TRAIN random images in 5 files, 1,000 test images: CIFAR-10's binary records
    CIFAR="$WORK/cifar"; mkdir -p "$CIFAR"
    "$PY" - "$CIFAR" "$CIFAR_TRAIN" <<'GEN'
import os, sys
import numpy as np
d, n = sys.argv[1], int(sys.argv[2]); rng = np.random.RandomState(7)
def write(name, count):
    rec = rng.randint(0, 256, size=(count, 3073)).astype(np.uint8); rec[:, 0] = rng.randint(0, 10, size=count)
    rec.tofile(os.path.join(d, name))
for i in range(1, 6): write("data_batch_%d.bin" % i, n // 5)
write("test_batch.bin", 1000)
GEN
    log "cifar-bn-cnn: generated $((CIFAR_TRAIN / 5 * 5)) + 1,000 random 32x32x3 images in CIFAR-10's binary format"
  fi
fi
net_args() {   # the workbench's extra settings for NET
  if [ "$1" = cifar-bn-cnn ]; then echo "--set dataset.params.dir=$CIFAR"; fi
  if [ -n "$TRAIN_LIMIT" ]; then echo "--set dataset.params.train_limit=$TRAIN_LIMIT"; fi
}

run_workbench() {   # NET ROUND SETUP REPLICAS
  local home="$WORK/home-$1-$2-$3" out load setup="$3"
  load="$(load1)"
  out="$(/usr/bin/time -v -o "$WORK/time" env WORKBENCH_SKIP_BUILD=1 "$WB" run "bench/train-speed/$1.yaml" --home "$home" \
        --no-progress --set "training.threads=$THREADS" --set "training.replicas=$4" $(net_args "$1"))"
  log "$1 $setup: $(grep -m1 'Training with' <<<"$out")"
  WORKBENCH_SKIP_BUILD=1 "$WB" show "$(head -1 <<<"$out")" --json --home "$home" | "$PY" -c '
import json, sys
r = json.load(sys.stdin); e = r["epoch_metrics"][-1]
def find(node, key):   # total_params of the model summary, wherever the document nests it
    if isinstance(node, dict):
        if key in node: return node[key]
        node = list(node.values())
    if isinstance(node, list):
        for v in node:
            f = find(v, key)
            if f is not None: return f
    return None
print("%s\t%s\t%s\t%s" % (e["samples_per_second"], e["epoch_seconds"], r["test_accuracy"], find(r, "total_params")))' | while IFS=$'\t' read -r sps secs acc params; do
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$setup" "$sps" "$secs" "$acc" "$(rss_mib "$WORK/time")" "$load" "$params" >>"$ROWS"
    log "$1 $setup (round $2, load $load): $sps img/s"
  done
}
run_torch() {   # NET ROUND SETUP [--channels-last]
  local net="$1" round="$2" setup="$3" load; shift 3
  load="$(load1)"
  [ "$net" = cifar-bn-cnn ] && set -- --cifar "$CIFAR" "$@"
  [ -n "$TRAIN_LIMIT" ] && set -- --train-limit "$TRAIN_LIMIT" "$@"
  /usr/bin/time -v -o "$WORK/time" "$PY" bench/train-speed/torch_speed.py "$DATA" --net "$net" --threads 2 "$@" >"$WORK/torch.json"
  "$PY" -c '
import json, sys
r = json.load(open(sys.argv[1]))
print("%s\t%s\t%s\t%s" % (r["samples_per_second"], r["epoch_seconds"], r["test_accuracy"], r["parameters"]))' "$WORK/torch.json" | while IFS=$'\t' read -r sps secs acc params; do
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$net" "$setup" "$sps" "$secs" "$acc" "$(rss_mib "$WORK/time")" "$load" "$params" >>"$ROWS"
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
      [ "$TORCH_CL" = 0 ] || run_torch "$net" "$round" torch-cl --channels-last
    else
      run_workbench "$net" "$round" workbench auto
      run_torch "$net" "$round" torch
      [ "$TORCH_CL" = 0 ] || run_torch "$net" "$round" torch-cl --channels-last
      run_workbench "$net" "$round" workbench-r1 1
    fi
  done
done
"$PY" - "$ROWS" "$THREADS" "$NETS" "$TORCH_CL" <<'PY'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
nets = sys.argv[3].split()
def med(net, setup, col):
    return statistics.median(float(r[col]) for r in rows if r[0] == net and r[1] == setup)
def each(net, setup, col, fmt):
    return ", ".join(fmt % float(r[col]) for r in rows if r[0] == net and r[1] == setup)
setups = ("torch", "workbench", "workbench-r1") + (("torch-cl",) if sys.argv[4] != "0" else ())
print("\n%-12s %-13s %10s %10s %10s %10s %10s  %s" % ("net", "setup", "params", "img/s", "epoch s", "test acc", "RSS MiB",
                                                       "img/s (load) per round"))
for net in nets:
    for setup in setups:
        rounds = ", ".join("%.0f (%s)" % (float(r[2]), r[6]) for r in rows if r[0] == net and r[1] == setup)
        params = sorted({r[7] for r in rows if r[0] == net and r[1] == setup})
        print("%-12s %-13s %10s %10.0f %10.1f %10.4f %10.0f  %s" % (net, setup, "/".join(params), med(net, setup, 2),
                                                                   med(net, setup, 3), med(net, setup, 4), med(net, setup, 5), rounds))
    counts = {r[7] for r in rows if r[0] == net}
    print("%-12s parameters %s" % (net, "equal on both sides (%s)" % counts.pop() if len(counts) == 1
                                   else "DIFFER between the sides: " + ", ".join(sorted(counts))))
print("(medians over %d rounds; workbench: replicas auto and 1, %s native thread(s) each; PyTorch with 2)"
      % (len(rows) // (len(setups) * len(nets)), sys.argv[2]))
for net in nets:
    print("replicas_gain%s=%.3f" % ("" if net == "small-cnn" else "_" + net.replace("-", "_"),
                                    med(net, "workbench", 2) / med(net, "workbench-r1", 2)))
keys = {"small-cnn": "ratio", "lenet5": "ratio_lenet5", "cifar-bn-cnn": "ratio_cifar_bn"}
print(" ".join("%s=%.3f" % (keys[net], med(net, "workbench", 2) / med(net, "torch", 2)) for net in keys if net in nets))
PY
