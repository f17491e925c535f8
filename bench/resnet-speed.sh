#!/usr/bin/env bash
# Training speed of the graph architecture `resnet` (depth 20, Keras' cifar10_resnet v1) beside PyTorch's
# same network (bench/resnet-speed/torch_resnet.py under Debian's python3-torch, /usr/bin/python3), on
# CIFAR-sized input (32x32x3), batch 32, Adam lr 1e-3, one epoch of ~2,500 images (3 classes).
#   workbench   `./workbench run bench/resnet-speed/resnet20.yaml` (shapes images generated at 32x32; no
#               validation or test split), its samples_per_second (the training loop's img/s)
#   torch       the same count of random 32x32x3 tensors, sliced in order (no DataLoader), 2 threads
# Prints one line per setup and the ratio workbench/torch.
# Usage: bench/resnet-speed.sh   (THREADS, default 2)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
THREADS="${THREADS:-2}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
out="$(./workbench run bench/resnet-speed/resnet20.yaml --home "$WORK/home" --no-progress --set "training.threads=$THREADS")"
run="$(head -1 <<<"$out")"
wb="$(./workbench show "$run" --json --home "$WORK/home" | /usr/bin/python3 -c '
import json, sys
r = json.load(sys.stdin); print(r["epoch_metrics"][-1]["samples_per_second"])')"
torch="$(/usr/bin/python3 bench/resnet-speed/torch_resnet.py --samples 2502 --threads "$THREADS" | /usr/bin/python3 -c '
import json, sys; print(json.load(sys.stdin)["samples_per_second"])')"
printf 'workbench resnet20  %.1f img/s\n' "$wb"
printf 'torch     resnet20  %.1f img/s\n' "$torch"
/usr/bin/python3 -c "import sys; print('ratio=%.2f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$wb" "$torch"
