#!/usr/bin/env bash
# Sweep strategy quality benchmark: how close each strategy gets to a known optimum within a fixed
# number of trials.
#
# Functions (minimised, continuous parameters as uniform distributions):
#   branin     x1 in [-5, 10], x2 in [0, 15];   optimum 0.397887;  BRANIN_TRIALS trials (50)
#   hartmann6  x1..x6 in [0, 1];                optimum -3.32237;  HARTMANN_TRIALS trials (100)
# Strategies, each over SEEDS seeds (30; seeds 0..SEEDS-1):
#   random      the workbench's random strategy
#   halton      the workbench's quasi-random strategy (scrambled Halton)
#   tpe         the workbench's TPE with its default options
#   optuna-tpe  Optuna 3.1's default TPESampler(seed=s) (Debian's python3-optuna under /usr/bin/python3)
# (2) A fidelity benchmark, "curves" (bench/strategy/FidelityBench.java): the simulated learning curves of
#   scheduling.sh's --simulate-epochs (val_accuracy rising with 1 - exp(-epoch * speed / 2) towards a quality
#   set by the learning rate), with a dropout term in the quality and a speed that grows with the learning
#   rate (high rates look better early than they end). Each strategy gets FIDELITY_BUDGET epochs (540 = 20
#   full trials of MAX_EPOCHS 27), one trial after the other; the best is the best final val_accuracy of a
#   trial that trained every epoch. Strategies: random, halton, tpe (every trial trains fully), asha (random
#   with the asha pruner, min_epochs 1, reduction_factor 3) and hyperband (min_epochs 1, max_epochs 27, eta 3).
# The workbench side (bench/strategy/StrategyBench.java) goes through SweepSpec.parse of a JSON sweep
# section and Samplers.create, the same code as real sweeps; bench/strategy/optuna_bench.py is the
# Optuna side; bench/strategy/report.py prints per function and strategy the mean and median simple
# regret (best value found − optimum) and, as the last line,
#   tpe_vs_optuna=<geometric mean over the two functions of Optuna's mean regret / our TPE's>
#   tpe_vs_random=<the same with random>
#   hyperband_vs_asha=<on curves: ASHA's mean regret / Hyperband's>
# (> 1 means our TPE, or Hyperband, gets closer to the optimum; NA when Optuna cannot be installed).
#
# Usage: bench/strategy.sh     (from any directory; as root or with sudo for apt-get)
# Environment: SEEDS (30), BRANIN_TRIALS (50), HARTMANN_TRIALS (100), FIDELITY_BUDGET (540), MAX_EPOCHS (27),
#   TPE_OPTIONS (a strategy_options JSON mapping for our TPE, e.g. '{"multivariate": false}').
#   REAL (1: also the real small sweep, ours vs random, see (3) below), REAL_SEEDS (3).
# Takes about 60 s here (Optuna ~35 s, the Java side ~15 s after the module build), plus a few
# minutes for the real sweeps; the last line then also has real_tpe_vs_random=.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SEEDS="${SEEDS:-30}"
BRANIN_TRIALS="${BRANIN_TRIALS:-50}"
HARTMANN_TRIALS="${HARTMANN_TRIALS:-100}"
FIDELITY_BUDGET="${FIDELITY_BUDGET:-540}"
MAX_EPOCHS="${MAX_EPOCHS:-27}"
TPE_OPTIONS="${TPE_OPTIONS:-}"
PYTHON=/usr/bin/python3

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "Building workbench-sweep ..." >&2
mvn -B -q -o -pl workbench-core/sweep install -DskipTests
mvn -B -q -o dependency:build-classpath -pl workbench-core/sweep -Dmdep.includeScope=runtime -Dmdep.outputFile="$WORK/cp.txt"
CP="workbench-core/sweep/target/workbench-sweep-0.1.0-SNAPSHOT.jar:$(cat "$WORK/cp.txt")"

echo "Running random, halton and tpe ($SEEDS seeds) ..." >&2
if [[ -n "$TPE_OPTIONS" ]]; then
  java -cp "$CP" bench/strategy/StrategyBench.java "$SEEDS" "$BRANIN_TRIALS" "$HARTMANN_TRIALS" random,halton,tpe "$TPE_OPTIONS" >"$WORK/results.csv"
else
  java -cp "$CP" bench/strategy/StrategyBench.java "$SEEDS" "$BRANIN_TRIALS" "$HARTMANN_TRIALS" random,halton,tpe >"$WORK/results.csv"
fi
echo "Running the fidelity benchmark: random, halton, tpe, asha, hyperband ($SEEDS seeds, $FIDELITY_BUDGET epochs) ..." >&2
java -cp "$CP" bench/strategy/FidelityBench.java "$SEEDS" "$FIDELITY_BUDGET" "$MAX_EPOCHS" random,halton,tpe,asha,hyperband \
  >>"$WORK/results.csv"

if ! "$PYTHON" -c 'import optuna' 2>/dev/null; then
  echo "Installing python3-optuna ..." >&2
  if [[ $(id -u) -eq 0 ]]; then
    apt-get install -y python3-optuna >&2 || true
  else
    sudo apt-get install -y python3-optuna >&2 || true
  fi
fi
if "$PYTHON" -c 'import optuna' 2>/dev/null; then
  echo "Running Optuna $("$PYTHON" -c 'import optuna; print(optuna.__version__)') TPESampler ($SEEDS seeds) ..." >&2
  "$PYTHON" bench/strategy/optuna_bench.py "$SEEDS" "$BRANIN_TRIALS" "$HARTMANN_TRIALS" >>"$WORK/results.csv"
else
  echo "Optuna is not available: tpe_vs_optuna will be NA." >&2
fi

# (3) A real small sweep, ours vs random: bench/strategy/real-sweep.yaml (small-cnn, 1 epoch on
# 1,500 sample images, learning rate x optimizer x batch size, 12 configurations) through
# `./workbench sweep`, TPE and random with the same sweep seeds, alternating. Compared by the best
# val_accuracy found; real_tpe_vs_random = random's mean error (1 - best) / TPE's. Skip with REAL=0.
REAL_LINE=""
if [[ "${REAL:-1}" == "1" ]]; then
  REAL_SEEDS="${REAL_SEEDS:-3}"
  WORKBENCH_SKIP_BUILD="${WORKBENCH_SKIP_BUILD:-}" ./workbench --version >/dev/null
  for ((s = 0; s < REAL_SEEDS; s++)); do
    for strategy in random tpe; do
      echo "Real sweep: $strategy, seed $s ..." >&2
      out="$(WORKBENCH_SKIP_BUILD=1 ./workbench sweep bench/strategy/real-sweep.yaml --home "$WORK/real-home" \
        --set sweep.strategy=$strategy --set sweep.seed=$s --no-progress 2>&1)"
      id="$(printf '%s\n' "$out" | head -1)"
      best="$(WORKBENCH_SKIP_BUILD=1 ./workbench sweep-status "$id" --json --home "$WORK/real-home" \
        | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["best_objective"])')"
      echo "real,$strategy,$s,$best" >>"$WORK/real.csv"
    done
  done
  REAL_LINE="$("$PYTHON" - "$WORK/real.csv" <<'PY'
import statistics, sys
rows = [l.strip().split(",") for l in open(sys.argv[1]) if l.strip()]
by = {}
for _, strategy, seed, best in rows:
    by.setdefault(strategy, []).append(float(best))
print("%-10s %-11s %13s %13s %6s" % ("sweep", "strategy", "mean best", "min best", "seeds"), file=sys.stderr)
for strategy in ("random", "tpe"):
    v = by[strategy]
    print("%-10s %-11s %13.4f %13.4f %6d" % ("real", strategy, statistics.mean(v), min(v), len(v)), file=sys.stderr)
err = lambda s: statistics.mean(1 - b for b in by[s])
print("real_tpe_vs_random=%.3f" % (err("random") / err("tpe")))
PY
)"
fi

MAX_EPOCHS="$MAX_EPOCHS" "$PYTHON" bench/strategy/report.py "$WORK/results.csv" >"$WORK/report.txt"
head -n -1 "$WORK/report.txt"
echo "$(tail -1 "$WORK/report.txt")${REAL_LINE:+ $REAL_LINE}"
