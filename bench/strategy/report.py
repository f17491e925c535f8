"""Summarises bench/strategy.sh's CSV (function,strategy,seed,best) as simple regret per strategy.
Last line: tpe_vs_optuna=<geometric mean over functions of Optuna mean regret / our TPE mean regret>
tpe_vs_random=<the same for random>; NA where a side is missing."""
import collections
import math
import statistics
import sys

OPTIMUM = {"branin": 0.397887, "hartmann6": -3.32237}


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
        for function in OPTIMUM:
            ours, theirs = regrets.get((function, "tpe")), regrets.get((function, other))
            if not ours or not theirs:
                return "NA"
            logs.append(math.log(statistics.mean(theirs) / statistics.mean(ours)))
        return "%.3f" % math.exp(sum(logs) / len(logs))

    print("tpe_vs_optuna=%s tpe_vs_random=%s" % (ratio("optuna-tpe"), ratio("random")))


if __name__ == "__main__":
    main()
