"""Summarises bench/strategy.sh's CSV (function,strategy,seed,best) as simple regret per strategy.
Last line: tpe_vs_optuna=<geometric mean over branin and hartmann6 of Optuna mean regret / our TPE mean regret>
tpe_vs_random=<the same for random> hyperband_vs_asha=<on curves: ASHA's mean regret / Hyperband's>;
NA where a side is missing. The curves optimum is -(0.1 + 0.8 * (1 - exp(-MAX_EPOCHS * speed / 2))) at the best
learning rate 10^-2.5 (speed 10^0.15) and dropout 0.25 (bench/strategy/FidelityBench.java)."""
import collections
import math
import os
import statistics
import sys

OPTIMUM = {"branin": 0.397887, "hartmann6": -3.32237,
           "curves": -(0.1 + 0.8 * (1 - math.exp(-int(os.environ.get("MAX_EPOCHS", "27")) * 10 ** 0.15 / 2)))}
FUNCTIONS = ("branin", "hartmann6")


def main():
    regrets = collections.defaultdict(list)
    for line in open(sys.argv[1]):
        parts = line.strip().split(",")
        if len(parts) != 4:
            continue
        function, strategy, _, best = parts
        regrets[(function, strategy)].append(float(best) - OPTIMUM[function])
    print("%-10s %-11s %13s %13s %6s" % ("function", "strategy", "mean regret", "median regret", "seeds"))
    for (function, strategy), values in sorted(regrets.items()):
        print("%-10s %-11s %13.5f %13.5f %6d" % (function, strategy, statistics.mean(values), statistics.median(values), len(values)))

    def ratio(other):
        logs = []
        for function in FUNCTIONS:
            ours, theirs = regrets.get((function, "tpe")), regrets.get((function, other))
            if not ours or not theirs:
                return "NA"
            logs.append(math.log(statistics.mean(theirs) / statistics.mean(ours)))
        return "%.3f" % math.exp(sum(logs) / len(logs))

    asha, hyperband = regrets.get(("curves", "asha")), regrets.get(("curves", "hyperband"))
    versus = "%.3f" % (statistics.mean(asha) / statistics.mean(hyperband)) if asha and hyperband else "NA"
    print("tpe_vs_optuna=%s tpe_vs_random=%s hyperband_vs_asha=%s" % (ratio("optuna-tpe"), ratio("random"), versus))


if __name__ == "__main__":
    main()
