#!/usr/bin/env bash
# GPU benchmark: training speed of the CUDA build (Maven profile `cuda`, nd4j-cuda-11.6) on one
# GPU, beside the CPU build on this machine's cores, for small-cnn (Fashion-MNIST, 28x28x1, batch 64)
# and cifar-bn-cnn (CIFAR-10 format, 32x32x3, batch 128).
#
# NOT RUN YET: the project's machines have no GPU. The script is written to run unchanged on a
# Linux x86_64 machine with an NVIDIA GPU, a driver for CUDA 11.6 or newer, and the CUDA 11 runtime
# libraries (libcublas.so.11, libcusolver.so.11) on the library path (see docs/gpu.md). Without a
# GPU it says why and prints NA.
#
# What it does:
#  1. Builds the CUDA distribution from a copy of this tree (`mvn -Pcuda package -DskipTests` in a
#     temporary folder, so the CPU build in app/target and ~/.m2 stay as they are) and uses the CPU
#     build from app/target (built first if missing).
#  2. Data: Fashion-MNIST from Debian's dataset-fashion-mnist when installed, else the shipped
#     sample; CIFAR-10 from $CIFAR10_DIR when set, else a generated set in CIFAR-10's binary format
#     (10,000 + 1,000 random images: speed does not depend on what the pixels show).
#  3. For each net, alternating CPU and GPU (ROUNDS times, 2 by default, so drift hits both), runs
#     `workbench run` for EPOCHS (2) epochs on GPU 0 (CUDA_VISIBLE_DEVICES=0) and on the CPU, and
#     reads the last epoch's samples/s from `workbench show --json` (epoch 1 includes warm-up).
#  4. Prints a table (img/s median over rounds, test accuracy) and as the last line
#       gpu_img_s=<small-cnn GPU> cpu_img_s=<small-cnn CPU> speedup=<GPU / CPU, small-cnn>
#       cifar_speedup=<GPU / CPU, cifar-bn-cnn>
#
# Usage: bench/gpu.sh    Environment: ROUNDS (2), EPOCHS (2), TRAIN_LIMIT (all), GPU (0).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ROUNDS="${ROUNDS:-2}"
EPOCHS="${EPOCHS:-2}"
GPU="${GPU:-0}"
TRAIN_LIMIT="${TRAIN_LIMIT:-}"
log() { echo "[gpu] $*" >&2; }
na() { log "$1"; echo "gpu_img_s=NA cpu_img_s=NA speedup=NA cifar_speedup=NA"; exit 0; }

command -v nvidia-smi >/dev/null || na "no nvidia-smi on the PATH: this machine has no NVIDIA driver, so no GPU to measure"
nvidia-smi -L 2>/dev/null | grep -q "^GPU $GPU:" || na "nvidia-smi lists no GPU $GPU"
log "GPU: $(nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader -i "$GPU")"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/workbench-gpu.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# --- the two builds --------------------------------------------------------------------------
if [ ! -f app/target/workbench-app.jar ] || [ ! -d app/target/plugins ]; then
  log "building the CPU distribution..."
  mvn -q -B install -DskipTests >&2
fi
mkdir -p "$WORK/cpu/app" && cp workbench "$WORK/cpu/" && cp -r app/target "$WORK/cpu/app/"
log "building the CUDA distribution in a copy of the tree (the first time downloads ~600 MB)..."
mkdir -p "$WORK/cuda"
git ls-files -z | xargs -0 -I{} cp --parents {} "$WORK/cuda/" 2>/dev/null
(cd "$WORK/cuda" && mvn -q -B -Pcuda package -DskipTests >&2)
CPU_WB="$WORK/cpu/workbench"
CUDA_WB="$WORK/cuda/workbench"

# --- data ------------------------------------------------------------------------------------
FASHION=experiments/data/fashion-mnist-sample
[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] && FASHION=/usr/share/datasets/fashion-mnist
if [ -n "${CIFAR10_DIR:-}" ]; then
  CIFAR="$CIFAR10_DIR"
else
  CIFAR="$WORK/cifar"; mkdir -p "$CIFAR"
  python3 - "$CIFAR" <<'PY'
import os, random, sys
d = sys.argv[1]; rnd = random.Random(7)
def batch(name, n):
    with open(os.path.join(d, name), "wb") as f:
        for _ in range(n):
            f.write(bytes([rnd.randrange(10)])); f.write(os.urandom(3072))
for i in range(1, 6): batch("data_batch_%d.bin" % i, 2000)
batch("test_batch.bin", 1000)
PY
fi

# --- measuring ---------------------------------------------------------------------------------
ROWS="$WORK/rows.tsv"; : >"$ROWS"
measure() {   # measure NET DEVICE ROUND
  local net="$1" device="$2" round="$3" file home out id sps acc
  home="$WORK/home-$net-$device-$round"
  if [ "$net" = small-cnn ]; then
    file=experiments/fashion-small-cnn.yaml
    set -- --set "dataset.params.train_images=$FASHION/train-images-idx3-ubyte.gz" \
      --set "dataset.params.train_labels=$FASHION/train-labels-idx1-ubyte.gz" \
      --set "dataset.params.test_images=$FASHION/t10k-images-idx3-ubyte.gz" \
      --set "dataset.params.test_labels=$FASHION/t10k-labels-idx1-ubyte.gz" --set training.optimizer=adam
  else
    file=experiments/cifar10-bn-cnn.yaml
    set -- --set "dataset.params.dir=$CIFAR"
  fi
  [ -n "$TRAIN_LIMIT" ] && set -- "$@" --set "dataset.params.train_limit=$TRAIN_LIMIT"
  if [ "$device" = gpu ]; then
    out="$(CUDA_VISIBLE_DEVICES="$GPU" WORKBENCH_SKIP_BUILD=1 "$CUDA_WB" run "$file" --home "$home" --set "training.epochs=$EPOCHS" "$@")"
  else
    out="$(CUDA_VISIBLE_DEVICES= WORKBENCH_SKIP_BUILD=1 "$CPU_WB" run "$file" --home "$home" --set "training.epochs=$EPOCHS" "$@")"
  fi
  id="$(head -1 <<<"$out")"
  read -r sps acc < <(WORKBENCH_SKIP_BUILD=1 "$CPU_WB" show "$id" --json --home "$home" | python3 -c '
import json, sys
r = json.load(sys.stdin)
last = r["epoch_metrics"][-1]
print(last.get("samples_per_second", "NA"), r.get("test_accuracy", "NA"))')
  printf '%s\t%s\t%s\t%s\n' "$net" "$device" "$sps" "$acc" >>"$ROWS"
  log "$net on $device (round $round): $sps img/s, test accuracy $acc"
}
for round in $(seq 1 "$ROUNDS"); do
  for net in small-cnn cifar-bn-cnn; do
    measure "$net" cpu "$round"
    measure "$net" gpu "$round"
  done
done

python3 - "$ROWS" <<'PY'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
def med(net, dev, col):
    v = [float(r[col]) for r in rows if r[0] == net and r[1] == dev and r[col] not in ("NA", "None")]
    return statistics.median(v) if v else float("nan")
print("\n%-14s %-6s %12s %14s" % ("net", "device", "img/s (med)", "test accuracy"))
for net in ("small-cnn", "cifar-bn-cnn"):
    for dev in ("cpu", "gpu"):
        print("%-14s %-6s %12.0f %14.4f" % (net, dev, med(net, dev, 2), med(net, dev, 3)))
g, c = med("small-cnn", "gpu", 2), med("small-cnn", "cpu", 2)
print("gpu_img_s=%.0f cpu_img_s=%.0f speedup=%.2f cifar_speedup=%.2f" % (
    g, c, g / c, med("cifar-bn-cnn", "gpu", 2) / med("cifar-bn-cnn", "cpu", 2)))
PY
