#!/usr/bin/env bash
# Sweep throughput beside PyTorch (issue 9, item 4): 4 trials of small-cnn, one epoch each on the full
# Fashion-MNIST (batch 64, Adam, learning rates 0.0005, 0.001, 0.002, 0.004), as
#
#   workbench   `./workbench sweep bench/train-speed/sweep-small-cnn.yaml` in a new home: validation,
#               worker processes and native threads as it chooses them from the cores (WORKERS and
#               THREADS override: --workers, --threads), every epoch recorded, each trial validated
#               and tested, checkpoints written
#   torch       bench/train-speed/torch_sweep.py: the same 4 trials one after another in one Python
#               process with torch.set_num_threads(2), data loaded once, each trial validated and tested,
#               as a notebook user runs them
#
# Both are timed from the shell, start to exit (JVM, Python and torch start-up included), alternating
# within each round (ROUNDS, default 2) so that machine drift hits both. Also reported: the mean test
# accuracy of the 4 trials, and the peak resident size of any one workbench worker process (sampled
# every 0.5 s with ps; the issue's limit is 2 GiB) or of the Python process (GNU time).
#
# The last line is  sweep_ratio=<torch wall / workbench wall>  (medians; the issue's target: >= 1.0).
#
# Usage: bench/sweep-throughput.sh   (as root or with sudo when python3-torch or the dataset must be installed)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ROUNDS="${ROUNDS:-2}"
NAME=sweep-throughput
. bench/train-speed/prepare.sh
ROWS="$WORK/rows.tsv"; : >"$ROWS"
LRS=(0.0005 0.001 0.002 0.004)

now() { date +%s.%N; }
peak_worker_rss() {   # polls until the file $1 exists; prints the largest RSS (MiB) of any worker process seen
  local peak=0 rss
  while [ ! -e "$1" ]; do
    for rss in $(ps -eo rss=,args= | awk '/org.cnnworkbench.app.Main worker/ && !/awk/ { print $1 }'); do
      [ "$rss" -gt "$peak" ] && peak=$rss
    done
    sleep 0.5
  done
  echo $(( peak / 1024 ))
}
run_workbench() {   # ROUND
  local home="$WORK/home-$1" start end args=() rss
  [ -n "${WORKERS:-}" ] && args+=(--workers "$WORKERS")
  [ -n "${THREADS:-}" ] && args+=(--threads "$THREADS")
  rm -f "$WORK/done"
  peak_worker_rss "$WORK/done" >"$WORK/rss" &
  start=$(now)
  WORKBENCH_SKIP_BUILD=1 ./workbench sweep bench/train-speed/sweep-small-cnn.yaml --home "$home" --no-progress \
    ${args[@]+"${args[@]}"} >"$WORK/sweep.out"
  end=$(now)
  touch "$WORK/done"; wait; rss=$(cat "$WORK/rss")
  local id; id="$(head -1 "$WORK/sweep.out")"
  WORKBENCH_SKIP_BUILD=1 ./workbench sweep-status "$id" --json --home "$home" >"$WORK/status.json"
  local accs=() sps=() t
  for t in $("$PY" -c 'import json, sys; print(" ".join(t["id"] for t in json.load(open(sys.argv[1]))["trials"]))' "$WORK/status.json"); do
    WORKBENCH_SKIP_BUILD=1 ./workbench show "$t" --json --home "$home" >"$WORK/trial.json"
    read -r a s < <("$PY" -c 'import json, sys; r = json.load(open(sys.argv[1]))
print(r["test_accuracy"], r["epoch_metrics"][-1]["samples_per_second"])' "$WORK/trial.json")
    accs+=("$a"); sps+=("$s")
  done
  local setup
  setup="$("$PY" -c 'import json, sys; w = json.load(open(sys.argv[1]))["workers"]
print("workbench %dx%d" % (len(w), w[0]["threads"]))' "$WORK/status.json")"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$setup" "$("$PY" -c "print($end - $start)")" "${#accs[@]}" \
    "$("$PY" -c "import statistics; print(statistics.mean([${accs[*]/%/,}]))")" \
    "$("$PY" -c "import statistics; print(statistics.mean([${sps[*]/%/,}]))")" "$rss" >>"$ROWS"
  log "workbench (round $1, $setup): $(tail -1 "$ROWS" | cut -f2) s"
}
run_torch() {   # ROUND
  local start end
  start=$(now)
  /usr/bin/time -v -o "$WORK/time" "$PY" bench/train-speed/torch_sweep.py "$DATA" --threads 2 --lr "${LRS[@]}" >"$WORK/torch.json"
  end=$(now)
  "$PY" -c '
import json, statistics, sys
r = json.load(open(sys.argv[1]))
print("torch 1x2\t%s\t%d\t%s\t%s\t%s" % (float(sys.argv[3]) - float(sys.argv[2]), len(r["trials"]),
      statistics.mean(t["test_accuracy"] for t in r["trials"]), statistics.mean(t["samples_per_second"] for t in r["trials"]), sys.argv[4]))' \
    "$WORK/torch.json" "$start" "$end" "$(rss_mib "$WORK/time")" >>"$ROWS"
  log "torch (round $1): $(tail -1 "$ROWS" | cut -f2) s"
}
for round in $(seq 1 "$ROUNDS"); do
  run_torch "$round"
  run_workbench "$round"
done
"$PY" - "$ROWS" <<'PY'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
def med(kind, col):
    return statistics.median(float(r[col]) for r in rows if r[0].startswith(kind))
print("\n%-16s %8s %7s %14s %16s %18s" % ("setup", "wall s", "trials", "mean test acc", "img/s per trial", "peak RSS MiB"))
for r in rows:
    print("%-16s %8.1f %7s %14.4f %16.0f %18s" % (r[0], float(r[1]), r[2], float(r[3]), float(r[4]), r[5]))
print("(peak RSS: of one workbench worker process, or of the Python process)")
print("torch_wall_s=%.1f workbench_wall_s=%.1f sweep_ratio=%.3f" % (med("torch", 1), med("workbench", 1), med("torch", 1) / med("workbench", 1)))
PY
