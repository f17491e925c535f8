#!/usr/bin/env bash
# Training speed of the graph architecture `resnet` (depth 20, Keras' cifar10_resnet v1) beside PyTorch's
# same network (bench/resnet-speed/torch_resnet.py under Debian's python3-torch, /usr/bin/python3), on
# CIFAR-sized input (32x32x3), batch 32, Adam lr 1e-3, one epoch of ~2,500 images (3 classes).
#   workbench   `./workbench run bench/resnet-speed/resnet20.yaml` (shapes images generated at 32x32; no
#               validation or test split), its samples_per_second (the training loop's img/s)
#   torch       the same count of random 32x32x3 tensors, sliced in order (no DataLoader), 2 threads
# ROUNDS rounds (default 3), the two sides alternating in each (which goes first alternates too); prints
# each round's img/s, then a last line with the medians:
#   workbench_img_s=<median> torch_img_s=<median> ratio=<workbench/torch of the medians>
# Usage: bench/resnet-speed.sh   (THREADS, default 2; ROUNDS, default 3)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
THREADS="${THREADS:-2}"
ROUNDS="${ROUNDS:-3}"
log() { echo "[resnet-speed] $*" >&2; }
source "$ROOT/bench/lib.sh"  # DIST, JAR, make_work, build_if_missing
make_work resnet-speed
build_if_missing plugins
workbench_side() {
  local home="$WORK/home-$1" out run
  out="$(./workbench run bench/resnet-speed/resnet20.yaml --home "$home" --no-progress --set "training.threads=$THREADS")"
  run="$(head -1 <<<"$out")"
  ./workbench show "$run" --json --home "$home" | /usr/bin/python3 -c '
import json, sys
r = json.load(sys.stdin); print(r["epoch_metrics"][-1]["samples_per_second"])'
  rm -rf "$home"
}
torch_side() {
  /usr/bin/python3 bench/resnet-speed/torch_resnet.py --samples 2502 --threads "$THREADS" | /usr/bin/python3 -c '
import json, sys; print(json.load(sys.stdin)["samples_per_second"])'
}
: >"$WORK/rows.txt"
for ((r = 1; r <= ROUNDS; r++)); do
  if ((r % 2)); then order="workbench torch"; else order="torch workbench"; fi
  for side in $order; do
    log "round $r: $side..."
    echo "$r $side $(${side}_side "$r")" >>"$WORK/rows.txt"
  done
done
/usr/bin/python3 - "$WORK/rows.txt" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
print("%-6s %-10s %10s" % ("round", "side", "img/s"))
for r, side, v in rows:
    print("%-6s %-10s %10.1f" % (r, side, float(v)))
med = {s: statistics.median(float(v) for _, side, v in rows if side == s) for s in ("workbench", "torch")}
print("(resnet depth 20, 32x32x3, batch 32, Adam; one epoch of 2,502 images per side and round; medians below)")
print("workbench_img_s=%.1f torch_img_s=%.1f ratio=%.2f" % (med["workbench"], med["torch"], med["workbench"] / med["torch"]))
PY
