"""The Optuna side of bench/strategy.sh: Optuna's default TPESampler (seeded) on the same test
functions, search spaces and trial counts as StrategyBench.java. Prints CSV: function,strategy,seed,best.
Usage: optuna_bench.py SEEDS BRANIN_TRIALS HARTMANN_TRIALS"""
import math
import sys

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)

ALPHA = [1.0, 1.2, 3.0, 3.2]
A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
P = [[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886], [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
     [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650], [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]]


def branin(trial):
    x1 = trial.suggest_float("x1", -5, 10)
    x2 = trial.suggest_float("x2", 0, 15)
    b, c, t = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10


def hartmann6(trial):
    x = [trial.suggest_float("x%d" % (j + 1), 0, 1) for j in range(6)]
    return -sum(ALPHA[i] * math.exp(-sum(A[i][j] * (x[j] - P[i][j]) ** 2 for j in range(6))) for i in range(4))


def main():
    seeds, branin_trials, hartmann_trials = (int(a) for a in sys.argv[1:4])
    for name, objective, trials in (("branin", branin, branin_trials), ("hartmann6", hartmann6, hartmann_trials)):
        for seed in range(seeds):
            study = optuna.create_study(direction="minimize", sampler=optuna.samplers.TPESampler(seed=seed))
            study.optimize(objective, n_trials=trials)
            print("%s,optuna-tpe,%d,%r" % (name, seed, study.best_value), flush=True)


if __name__ == "__main__":
    main()
