#!/usr/bin/env bash
# Start-up (issue 9, item 5): from `./workbench run FILE` in the shell to the first training batch, with
# the distribution built and the native libraries cached. The run prints "First training batch N s
# after the JVM started."; this script timestamps that line as it arrives and then stops the run (its
# start-up is all that is measured). Files: experiments/quickstart.yaml (Fashion-MNIST sample shipped
# in the repository) and bench/train-speed/small-cnn.yaml (the full Fashion-MNIST: 60,000 images to
# decode and split), ROUNDS (default 5) of each, alternating, each in a new home (its database
# created and migrated), plus the quickstart in a home used before (its database at the current
# schema: what every run after a home's first sees). The launcher's class-data archive is made before
# the first round (as the first ./workbench call after a build does); each round also runs the used home
# with WORKBENCH_CDS=0, the launcher without that archive, for comparison.
# No baseline: the issue's target is 3 s.
#
# Prints each round and the medians; the last line is
#   startup_s=<median, quickstart, used home> startup_new_home_s=<median, quickstart, new home>
#   startup_full_s=<median, full Fashion-MNIST, new home> jvm_s=<the JVM's uptime then, used home>
#
# Usage: bench/startup.sh   (the full Fashion-MNIST needs Debian's dataset-fashion-mnist)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ROUNDS="${ROUNDS:-5}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/workbench-startup.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
log() { echo "[startup] $*" >&2; }
if [ ! -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]; then
  log "installing dataset-fashion-mnist..."
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq dataset-fashion-mnist >/dev/null; else sudo apt-get install -y -qq dataset-fashion-mnist >/dev/null; fi
fi
WORKBENCH_SKIP_BUILD= ./workbench --version >/dev/null   # builds when sources changed; the launcher's check stays in the timing
ROWS="$WORK/rows.tsv"; : >"$ROWS"

measure() {   # LABEL FILE HOME
  local first="$WORK/first" start pid i
  rm -f "$first"
  start=$(date +%s%N)
  ./workbench run "$2" --home "$3" --no-progress \
    > >(while IFS= read -r line; do
          case "$line" in "First training batch"*) echo "$(date +%s%N) $line" >"$first.tmp"; mv "$first.tmp" "$first" ;; esac
        done) 2>/dev/null &
  pid=$!
  for i in $(seq 1 1200); do [ -e "$first" ] && break; sleep 0.05; done
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ -e "$first" ] || { log "error: no 'First training batch' line from $2"; exit 1; }
  read -r at _ _ _ jvm _ <"$first"
  printf '%s\t%s\t%s\n' "$1" "$(awk -v a="$at" -v s="$start" 'BEGIN { printf "%.2f", (a - s) / 1e9 }')" "$jvm" >>"$ROWS"
  log "$1: $(tail -1 "$ROWS" | cut -f2) s to the first batch ($jvm s after the JVM started)"
}
WORKBENCH_SKIP_BUILD=1 ./workbench run experiments/quickstart.yaml --home "$WORK/used" --set training.epochs=1 \
  --no-progress >/dev/null 2>&1   # the used home's first run (creates its database), not measured
for round in $(seq 1 "$ROUNDS"); do
  measure quickstart experiments/quickstart.yaml "$WORK/new-q-$round"
  measure full-fashion bench/train-speed/small-cnn.yaml "$WORK/new-f-$round"
  measure quickstart-used-home experiments/quickstart.yaml "$WORK/used"
  WORKBENCH_CDS=0 measure used-home-without-cds experiments/quickstart.yaml "$WORK/used"
done
python3 - "$ROWS" <<'PY'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
def med(label, col):
    return statistics.median(float(r[col]) for r in rows if r[0] == label)
print("\n%-22s %10s %10s %10s" % ("file", "median s", "max s", "JVM s"))
for label in ("quickstart", "full-fashion", "quickstart-used-home", "used-home-without-cds"):
    print("%-22s %10.2f %10.2f %10.2f" % (label, med(label, 1), max(float(r[1]) for r in rows if r[0] == label), med(label, 2)))
print("(shell start to the first training batch; JVM s: the JVM's own uptime then; %d rounds)" % (len(rows) // 4))
print("startup_s=%.2f startup_new_home_s=%.2f startup_full_s=%.2f jvm_s=%.2f" % (
    med("quickstart-used-home", 1), med("quickstart", 1), med("full-fashion", 1), med("quickstart-used-home", 2)))
PY
